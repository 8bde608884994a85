// The Insights page's monthly charts, without the drawing: month labels and
// which months the x axis labels, the stacked severity bars, the duration
// axis unit and formatter, percentages, whether a chart has anything to
// show, the tooltip line for a month and the table of the same numbers.
// InsightsChart.svelte draws what these return.
import type { InsightsFigures, MonthCounts, MonthShare, MonthStats } from './api';

/** The charts drawn as a monthly plot (services and themes are lists). */
export type PlotChart = 'severity' | 'detect' | 'resolve' | 'lag' | 'actions';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** The minus sign negative durations are written with. */
export const MINUS = '\u2212';

function parseMonth(m: string): { year: number; month: number } | null {
  const r = /^(\d{4})-(\d{2})$/.exec(m);
  if (!r) return null;
  const month = Number(r[2]);
  if (month < 1 || month > 12) return null;
  return { year: Number(r[1]), month };
}

/** "2026-01" → "Jan 2026" (anything else unchanged). */
export function monthLabel(m: string): string {
  const p = parseMonth(m);
  return p ? `${MONTHS[p.month - 1]} ${p.year}` : m;
}

/** "2026-01" → "Jan" (anything else unchanged). */
export function monthShort(m: string): string {
  const p = parseMonth(m);
  return p ? MONTHS[p.month - 1] : m;
}

/** The steps (in months) the x axis may label at. */
const STEPS = [1, 2, 3, 4, 6, 12];

/** Every how many months the axis can label when the plot is widthPx wide
 *  and a label needs minPx: 1, 2, 3, 4, 6, 12, then whole years. */
export function monthStep(count: number, widthPx: number, minPx = 40): number {
  if (count <= 1) return 1;
  const per = widthPx / count;
  if (per <= 0) return 12;
  for (const s of STEPS) if (per * s >= minPx) return s;
  return 12 * Math.ceil(minPx / (per * 12));
}

/** The month indices the x axis labels: every month when they fit, else
 *  every step-th month on the calendar (Jan, Apr, Jul, Oct for 3; January
 *  of every other year for 24); never none. */
export function monthSplits(months: string[], widthPx: number, minPx = 40): number[] {
  const step = monthStep(months.length, widthPx, minPx);
  const out: number[] = [];
  months.forEach((m, i) => {
    const p = parseMonth(m);
    if (step === 1 || !p) {
      if (step === 1 || i % step === 0) out.push(i);
      return;
    }
    if (step <= 12 ? (p.month - 1) % step === 0 : p.month === 1 && p.year % (step / 12) === 0) out.push(i);
  });
  return out.length || months.length === 0 ? out : [0];
}

/** The x axis labels at the split indices: "Nov", with the year ("Jan 2026")
 *  on the first label and on the first label of each later year. */
export function axisLabels(months: string[], splits: number[]): string[] {
  let year: number | null = null;
  return splits.map((i) => {
    const m = months[Math.round(i)];
    if (m === undefined) return '';
    const p = parseMonth(m);
    if (!p) return m;
    const show = year === null || p.year !== year;
    year = p.year;
    return show ? monthLabel(m) : monthShort(m);
  });
}

/** One month's counts stacked from SEV1 up: [1,2,0,1] → [1,3,3,4]. */
export function stackMonth(c: Pick<MonthCounts, 'sev1' | 'sev2' | 'sev3' | 'sev4'>): [number, number, number, number] {
  const a = c.sev1;
  const b = a + c.sev2;
  const d = b + c.sev3;
  return [a, b, d, d + c.sev4];
}

/** The cumulative arrays for the stacked bars, one per level: [0] is SEV1,
 *  [1] SEV1+SEV2, [2] up to SEV3, [3] up to SEV4 (the total). Drawn from
 *  [3] down, each bar covers the lower part of the one before. */
export function stackSeverity(list: MonthCounts[]): [number[], number[], number[], number[]] {
  const out: [number[], number[], number[], number[]] = [[], [], [], []];
  for (const c of list) stackMonth(c).forEach((v, k) => out[k].push(v));
  return out;
}

/** The y axis top for counts up to max: a little headroom, at least 1. */
export function countMax(max: number): number {
  return max <= 0 ? 1 : Math.ceil(max * 1.1);
}

/** Tick increments for counts: whole numbers only. */
export const COUNT_INCRS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000];

export type DurationAxis = {
  /** Seconds per unit. */
  divisor: number;
  suffix: 's' | 'm' | 'h' | 'd';
  /** Tick increments in seconds, whole units only. */
  incrs: number[];
};

const MIN = 60;
const HOUR = 3600;
const DAY = 86400;

/** The unit for a duration axis whose values reach maxAbsSeconds (either
 *  sign): seconds under 2 minutes, minutes under 2 hours, hours under 2
 *  days, else days. */
export function durationAxis(maxAbsSeconds: number): DurationAxis {
  const m = Math.abs(maxAbsSeconds);
  if (!(m >= 2 * MIN)) return { divisor: 1, suffix: 's', incrs: [1, 2, 5, 10, 15, 30, 60] };
  if (m < 2 * HOUR) return { divisor: MIN, suffix: 'm', incrs: [1, 2, 5, 10, 15, 30, 60, 120].map((v) => v * MIN) };
  if (m < 2 * DAY) return { divisor: HOUR, suffix: 'h', incrs: [1, 2, 3, 6, 12, 24, 48].map((v) => v * HOUR) };
  return {
    divisor: DAY,
    suffix: 'd',
    incrs: [1, 2, 5, 7, 10, 14, 30, 60, 90, 180, 365, 730, 1825].map((v) => v * DAY),
  };
}

/** A duration axis tick: 900 s on a minute axis → "15m", −7200 → "−2h", 0 → "0". */
export function durationTick(seconds: number, axis: Pick<DurationAxis, 'divisor' | 'suffix'>): string {
  const v = Math.round((seconds / axis.divisor) * 10) / 10;
  if (v === 0) return '0';
  return `${v < 0 ? MINUS : ''}${Math.abs(v)}${axis.suffix}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A duration for reading: "45s", "12m", "1m 30s", "1h 05m", "1h", "2d 3h";
 *  negative with a leading "−" (−90 → "−1m 30s"); null → "—". Under an
 *  hour to the second, under a day to the minute, else to the hour. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const sign = seconds < 0 ? MINUS : '';
  const s = Math.round(Math.abs(seconds));
  if (s < MIN) return `${sign}${s}s`;
  if (s < HOUR) {
    const r = s % MIN;
    return `${sign}${Math.floor(s / MIN)}m${r ? ` ${pad(r)}s` : ''}`;
  }
  const tm = Math.round(s / MIN);
  if (tm < 24 * 60) {
    const r = tm % 60;
    return `${sign}${Math.floor(tm / 60)}h${r ? ` ${pad(r)}m` : ''}`;
  }
  const th = Math.round(s / HOUR);
  const r = th % 24;
  return `${sign}${Math.floor(th / 24)}d${r ? ` ${r}h` : ''}`;
}

/** The y range for a duration chart: from 0 (or below, for negative lags)
 *  to past the largest value, both ends on a whole step of the axis's unit
 *  (at most five steps), so the highest point sits under a gridline that
 *  has its label rather than above the last one. */
export function durationRange(values: (number | null)[]): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo === 0 && hi === 0) return [0, 1];
  const incrs = durationAxis(Math.max(-lo, hi)).incrs;
  const step = incrs.find((s) => (hi - lo) / s <= 5) ?? incrs[incrs.length - 1];
  // Outward to a whole step; a value right on one still gets a little room.
  const out = (v: number) => Math.ceil((v * 1.02) / step) * step;
  return [lo < 0 ? -out(-lo) : 0, hi > 0 ? out(hi) : 0];
}

/** A share 0..1 as a whole percent: 0.75 → "75%", 2/3 → "67%"; null → "—". */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${Math.round(share * 100)}%`;
}

/** The monthly duration list a chart draws. */
export function statsOf(f: InsightsFigures, chart: 'detect' | 'resolve' | 'lag'): MonthStats[] {
  return chart === 'detect' ? f.detect : chart === 'resolve' ? f.resolve : f.detectionLag;
}

/** Whether the chart plots durations (median and p90 lines). */
export function isDuration(chart: PlotChart): chart is 'detect' | 'resolve' | 'lag' {
  return chart === 'detect' || chart === 'resolve' || chart === 'lag';
}

/** Whether the chart has anything to draw: an incident (severity), a
 *  measured month (durations), an action due (actions). */
export function hasData(f: InsightsFigures, chart: PlotChart): boolean {
  if (chart === 'severity') return f.bySeverity.some((c) => c.total > 0);
  if (chart === 'actions') return f.actionsOnTime.some((s) => s.due > 0);
  return statsOf(f, chart).some((s) => s.n > 0);
}

/** A month's value, null where nothing was measured (a gap in the line). */
function measured(s: MonthStats, v: number | null): number | null {
  return s.n > 0 && v !== null ? v : null;
}

/** A share as a percent bar, null where nothing was due (no bar). */
function percentOf(s: MonthShare): number | null {
  return s.due > 0 && s.share !== null ? s.share * 100 : null;
}

/** One series the plot draws, in drawing order: its colour is a CSS
 *  variable, fallback the light theme's value when that is unset. */
export type PlotSeries = { label: string; color: string; fallback: string; kind: 'bar' | 'line' };

const FALLBACK: Record<string, string> = {
  '--sev1-dot': '#e5372b',
  '--sev2-dot': '#f07216',
  '--sev3-dot': '#e1a10a',
  '--sev4-dot': '#3b7bf0',
  '--chart-1': '#4f46e5',
  '--chart-2': '#d9480f',
  '--chart-3': '#0b8a5a',
  '--danger-border': '#f5c2be',
};

const series = (label: string, color: string, kind: 'bar' | 'line'): PlotSeries => ({
  label,
  color,
  fallback: FALLBACK[color] ?? '#4f46e5',
  kind,
});

/** The series a chart draws, in order (colours are CSS variable names).
 *  Severity draws the cumulative bars from the total down to SEV1. */
export function plotSeries(chart: PlotChart): PlotSeries[] {
  if (chart === 'severity') return [4, 3, 2, 1].map((k) => series(`SEV${k}`, `--sev${k}-dot`, 'bar'));
  // A whole bar for every month with something due, late or open, and the
  // share on time over it: 0% still shows, and differs from nothing due.
  if (chart === 'actions') return [series('Late or open', '--danger-border', 'bar'), series('On time', '--chart-3', 'bar')];
  // p90 first, so the median draws over it where they are equal (one incident).
  return [series('p90', '--chart-2', 'line'), series('Median', '--chart-1', 'line')];
}

/** The legend's entries: name and CSS colour variable. */
export function legendItems(chart: PlotChart): { name: string; color: string }[] {
  const s = plotSeries(chart).map((p) => ({ name: p.label, color: p.color }));
  return s.reverse();
}

/** The plot's data, aligned with plotSeries: x is the month index. */
export function plotData(f: InsightsFigures, chart: PlotChart): [number[], ...(number | null)[][]] {
  const x = f.months.map((_, i) => i);
  if (chart === 'severity') {
    const [c1, c2, c3, c4] = stackSeverity(f.bySeverity);
    return [x, c4, c3, c2, c1];
  }
  if (chart === 'actions') return [x, f.actionsOnTime.map((s) => (s.due > 0 ? 100 : null)), f.actionsOnTime.map(percentOf)];
  const st = statsOf(f, chart);
  return [x, st.map((s) => measured(s, s.p90)), st.map((s) => measured(s, s.median))];
}

/** The largest absolute value a duration chart shows (for durationAxis). */
export function maxAbsDuration(f: InsightsFigures, chart: 'detect' | 'resolve' | 'lag'): number {
  let m = 0;
  for (const s of statsOf(f, chart)) {
    if (s.n <= 0) continue;
    for (const v of [s.median, s.p90]) if (v !== null && Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  }
  return m;
}

const incidents = (n: number) => `${n} incident${n === 1 ? '' : 's'}`;

/** The tooltip's parts for month i, after the month itself. */
function parts(f: InsightsFigures, chart: PlotChart, i: number): string[] {
  if (chart === 'severity') {
    const c = f.bySeverity[i];
    if (!c) return [];
    return [`SEV1 ${c.sev1}`, `SEV2 ${c.sev2}`, `SEV3 ${c.sev3}`, `SEV4 ${c.sev4}`, `total ${c.total}`];
  }
  if (chart === 'actions') {
    const s = f.actionsOnTime[i];
    if (!s) return [];
    if (s.due <= 0) return ['nothing due'];
    return [`${s.onTime} of ${s.due} on time (${formatPercent(s.share ?? s.onTime / s.due)})`];
  }
  const s = statsOf(f, chart)[i];
  if (!s) return [];
  if (s.n <= 0) return ['no incident measured'];
  return [`median ${formatDuration(s.median)}`, `p90 ${formatDuration(s.p90)}`, incidents(s.n)];
}

/** The tooltip for month index i: "2026-03 · SEV1 2 · SEV2 1 · SEV3 0 ·
 *  SEV4 1 · total 4", "2026-03 · median 12m · p90 1h 05m · 6 incidents",
 *  "2026-03 · 3 of 4 on time (75%)", "2026-03 · nothing due"; "" when i
 *  is not a month. */
export function tooltipText(f: InsightsFigures, chart: PlotChart, i: number): string {
  const m = f.months[i];
  if (m === undefined) return '';
  return [m, ...parts(f, chart, i)].join(' · ');
}

export type ChartTable = { head: string[]; rows: string[][] };

/** The chart's numbers as a table: a header, then one row per month. */
export function tableRows(f: InsightsFigures, chart: PlotChart): ChartTable {
  if (chart === 'severity')
    return {
      head: ['Month', 'SEV1', 'SEV2', 'SEV3', 'SEV4', 'Total'],
      rows: f.months.map((m, i) => {
        const c = f.bySeverity[i];
        return [m, ...(c ? [c.sev1, c.sev2, c.sev3, c.sev4, c.total].map(String) : ['', '', '', '', ''])];
      }),
    };
  if (chart === 'actions')
    return {
      head: ['Month', 'On time', 'Due', 'Share'],
      rows: f.months.map((m, i) => {
        const s = f.actionsOnTime[i];
        if (!s) return [m, '', '', ''];
        return [m, String(s.onTime), String(s.due), s.due > 0 ? formatPercent(s.share ?? s.onTime / s.due) : '—'];
      }),
    };
  const st = statsOf(f, chart);
  return {
    head: ['Month', 'Median', 'p90', 'Incidents'],
    rows: f.months.map((m, i) => {
      const s = st[i];
      if (!s) return [m, '', '', ''];
      const none = s.n <= 0;
      return [m, none ? '—' : formatDuration(s.median), none ? '—' : formatDuration(s.p90), String(s.n)];
    }),
  };
}
