// An agenda's trend items carry their series as JSON in the item's data
// (backend/meeting/agenda.go Trend): one measure over the last periods,
// oldest first, the meeting's own period last. This module reads it and
// says what changed, in words as well as arrows.
import { duration } from './time';

export type TrendUnit = 'count' | 'seconds' | 'share';

/** One period; value null when there was nothing to measure. n is how many
 *  things were measured. start and end are RFC 3339 times. */
export type TrendPoint = { start: string; end: string; value: number | null; n: number };

export type Trend = { kind: string; label: string; unit: TrendUnit; points: TrendPoint[] };

const UNITS: readonly TrendUnit[] = ['count', 'seconds', 'share'];

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** The trend in an item's data; null when the data is not one (empty, not
 *  JSON, or without points). Unknown units read as counts; a value that is
 *  not a finite number is a period without a value. */
export function parseTrend(data: string | null | undefined): Trend | null {
  if (!data) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const o = raw as Record<string, unknown>;
  if (!Array.isArray(o.points) || o.points.length === 0) return null;
  const points: TrendPoint[] = [];
  for (const p of o.points) {
    if (!p || typeof p !== 'object') return null;
    const q = p as Record<string, unknown>;
    points.push({ start: str(q.start), end: str(q.end), value: num(q.value), n: num(q.n) ?? 0 });
  }
  const unit = UNITS.includes(o.unit as TrendUnit) ? (o.unit as TrendUnit) : 'count';
  return { kind: str(o.kind), label: str(o.label), unit, points };
}

/** A value as people read it: "3" (count), "0:12" or "1d 2:05" (seconds, as
 *  the app writes every duration, h:mm), "83%" (share of 1); "—" for none. */
export function formatTrendValue(unit: TrendUnit | string, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  switch (unit) {
    case 'seconds':
      return duration(v * 1000);
    case 'share':
      return `${Math.round(v * 100)}%`;
  }
  return String(Math.round(v));
}

/** Whether a higher value is good news: the share of actions done on time
 *  is; more incidents, or longer to detect or resolve, are not. */
export function higherIsBetter(t: Pick<Trend, 'kind' | 'unit'>): boolean {
  return t.kind === 'trend_actions_on_time' || t.unit === 'share';
}

export type TrendDirection = 'up' | 'down' | 'flat';
export type TrendVerdict = 'better' | 'worse' | 'same';

export type TrendChange = {
  current: number | null;
  previous: number | null;
  /** null when either period has no value. */
  direction: TrendDirection | null;
  verdict: TrendVerdict | null;
  /** "▲", "▼", "=" or "" (no comparison). */
  arrow: string;
  /** "up from 1 vs previous period (worse)", "no previous value to compare". */
  text: string;
};

const ARROWS: Record<TrendDirection, string> = { up: '▲', down: '▼', flat: '=' };

/** The meeting's period against the one before it. Values that read the
 *  same once formatted (0:12 and 0:12) are flat. */
export function trendChange(t: Trend): TrendChange {
  const pts = t.points;
  const current = pts.length > 0 ? pts[pts.length - 1].value : null;
  const previous = pts.length > 1 ? pts[pts.length - 2].value : null;
  if (current === null || previous === null) {
    const text =
      current === null ? 'no value in this period' : pts.length > 1 ? 'no previous value to compare' : 'no previous period';
    return { current, previous, direction: null, verdict: null, arrow: '', text };
  }
  const prevText = formatTrendValue(t.unit, previous);
  let direction: TrendDirection;
  if (formatTrendValue(t.unit, current) === prevText || current === previous) direction = 'flat';
  else direction = current > previous ? 'up' : 'down';
  const verdict: TrendVerdict =
    direction === 'flat' ? 'same' : (direction === 'up') === higherIsBetter(t) ? 'better' : 'worse';
  const text =
    direction === 'flat'
      ? `unchanged at ${prevText} vs previous period`
      : `${direction} from ${prevText} vs previous period (${verdict})`;
  return { current, previous, direction, verdict, arrow: ARROWS[direction], text };
}

/** One sentence for screen readers: "Incidents: 3, up from 1 vs previous
 *  period (worse)". label defaults to the trend's own. */
export function trendSummary(t: Trend, label = ''): string {
  const c = trendChange(t);
  return `${label || t.label || 'Trend'}: ${formatTrendValue(t.unit, c.current)}, ${c.text}`;
}

/** The y range a chart of the trend should show: from 0 (shares from 0 to
 *  100 %), to the largest value; [0, 1] when there is none. */
export function trendRange(t: Trend): [number, number] {
  let hi = 0;
  for (const p of t.points) if (p.value !== null && p.value > hi) hi = p.value;
  if (t.unit === 'share') return [0, Math.max(1, hi)];
  return [0, hi > 0 ? hi : 1];
}
