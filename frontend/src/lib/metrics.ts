// Words and numbers for the Metrics tab: compact values with their unit,
// steps, the progress line of a fetch, and the incident's default window.
// Pure functions; the Go side owns parsing, fetching and statistics.
import type { Incident, MetricsProgress, SnapshotPlan } from './api';
import { toInput } from './time';

const PREFIXES: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** Up to three significant digits, without trailing zeros: 0.12, 2.5, 123. */
function short(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 100) return String(Math.round(v));
  if (a >= 0.001) return String(Number(v.toPrecision(3)));
  return v.toExponential(1);
}

/** A value as people read it on an axis or in a table: 1.2k, 3.4M, 0.12,
 *  with the unit when one is known ("0.12 s", "15 ms", "1.2 kB"). null and
 *  NaN are "—". */
export function formatValue(v: number | null | undefined, unit = ''): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (unit === 's') {
    const a = Math.abs(v);
    if (a !== 0 && a < 0.001) return `${short(v * 1e6)} µs`;
    if (a !== 0 && a < 0.01) return `${short(v * 1e3)} ms`;
    return `${short(v)} s`;
  }
  const a = Math.abs(v);
  for (const [size, p] of PREFIXES) {
    if (a >= size) {
      const n = short(v / size);
      return unit ? `${n} ${p}${unit}` : `${n}${p}`;
    }
  }
  return unit && unit !== '%' ? `${short(v)} ${unit}` : `${short(v)}${unit}`;
}

/** The unit a query's values are in, from Prometheus' naming conventions
 *  (…_seconds, …_bytes), when the query keeps them: a quantile or a plain
 *  selector of such a metric is in seconds, its rate is not. '' when unsure. */
export function unitOf(query: string): string {
  const q = query.trim();
  const m = /([a-zA-Z_:][a-zA-Z0-9_:]*?)_(seconds|bytes)(?:_bucket|_sum)?\b/.exec(q);
  if (!m) return '';
  const derived = /\b(rate|irate|increase|delta|deriv|count|count_over_time)\s*\(/.test(q);
  const quantile = /\bhistogram_quantile\s*\(/.test(q);
  if (derived && !quantile) return '';
  return m[2] === 'seconds' ? 's' : 'B';
}

/** A step in milliseconds as words: "15 s", "1 min", "1 min 30 s", "2 h". */
export function stepText(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '—';
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  const parts: string[] = [];
  if (h) parts.push(`${h} h`);
  if (m) parts.push(`${m} min`);
  if (r) parts.push(`${r} s`);
  return parts.join(' ');
}

/** "step 15 s · 1,453 points per series": what a fetch will bring. */
export function planText(p: SnapshotPlan): string {
  const n = p.points.toLocaleString('en-US');
  return `step ${stepText(p.stepMs)} · ${n} ${p.points === 1 ? 'point' : 'points'} per series`;
}

/** The line under a progress bar: "2 of 5 · fetching checkout p99 …". */
export function progressText(p: MetricsProgress | null, what = 'Fetching'): string {
  if (!p) return `${what} …`;
  const name = p.query.length > 60 ? `${p.query.slice(0, 57)}…` : p.query;
  const count = p.total > 1 ? `${Math.min(p.done + 1, p.total)} of ${p.total} · ` : '';
  switch (p.phase) {
    case 'saving':
      return `${p.total > 1 ? `${p.total} of ${p.total} · ` : ''}saving …`;
    case 'done':
      return p.total > 1 ? `${p.total} of ${p.total} · done` : 'done';
    default:
      return `${count}fetching ${name || p.source} …`;
  }
}

/** How far along a job is, 0…1, for the progress bar. */
export function progressFraction(p: MetricsProgress | null): number {
  if (!p || p.total <= 0) return 0;
  if (p.phase === 'done') return 1;
  return Math.max(0, Math.min(1, p.done / p.total));
}

/** The default window of a snapshot: an hour before the start to half an
 *  hour after the end (resolved, else mitigated, detected, now). The Go side
 *  uses the same window when start and end are left empty; null when the
 *  incident has no start. */
export function defaultWindow(i: Pick<Incident, 'startedAt' | 'detectedAt' | 'mitigatedAt' | 'resolvedAt'>, now = Date.now()): { start: number; end: number } | null {
  if (!i.startedAt) return null;
  const last = i.resolvedAt ?? i.mitigatedAt ?? i.detectedAt ?? now;
  return { start: i.startedAt - 3_600_000, end: last + 1_800_000 };
}

/** A fresh id for a long job (AddSnapshot, Sync), so its progress events
 *  and Cancel find it. */
export function newJobId(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c?.randomUUID) return c.randomUUID();
  return `job-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** "14 min", "1 h 5 min", "40 s": a lag in words. */
export function lagText(ms: number): string {
  const a = Math.abs(ms);
  if (a < 60_000) return `${Math.round(a / 1000)} s`;
  const m = Math.round(a / 60_000);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${m % 60 ? `${m % 60} min` : ''}`.trim();
}

/** Labels as Prometheus writes them: {service="checkout-api", severity="page"}. */
export function labelText(labels: Record<string, string>, skip: string[] = []): string {
  const parts = Object.entries(labels)
    .filter(([k]) => !skip.includes(k))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v}"`);
  return parts.length ? `{${parts.join(', ')}}` : '';
}

/** How many series colours the theme defines (--chart-1 … --chart-10); the
 *  series beyond take them again in order. */
export const SERIES_COLORS = 10;

/** The CSS colour of the i-th series. */
export function seriesColor(i: number): string {
  return `var(--chart-${(i % SERIES_COLORS) + 1})`;
}

/** The time axis' labels for splits (unix seconds) in zone, 24-hour like the
 *  rest of the app: "14:15", with the date under the first label and under
 *  the first of each new day ("14:15\n2026-11-21"). */
export function timeLabels(splits: number[], zone: string): string[] {
  let day = '';
  return splits.map((s) => {
    const t = toInput(s * 1000, zone);
    const d = t.slice(0, 10);
    const hm = t.slice(11);
    if (d === day) return hm;
    day = d;
    return `${hm}\n${d}`;
  });
}
