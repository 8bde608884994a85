// How a timeline reads: times of day and dates in the chosen zone, T+ from
// the incident's start, day headers and the quiet gap separators.
import { duration, zoneAbbr } from './time';

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function fmt(zone: string): Intl.DateTimeFormat {
  let f = fmtCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    fmtCache.set(zone, f);
  }
  return f;
}

function parts(ms: number, zone: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of fmt(zone).formatToParts(ms)) out[p.type] = p.value;
  return out;
}

/** "2026-11-23": the day in zone. */
export function dayKey(ms: number, zone: string): string {
  const p = parts(ms, zone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "Mon 2026-11-23 · CET": a day header. */
export function dayLabel(ms: number, zone: string): string {
  const p = parts(ms, zone);
  return `${p.weekday} ${p.year}-${p.month}-${p.day} · ${zoneAbbr(ms, zone)}`;
}

/** "14:05:30": the time of day in zone. */
export function timeOfDay(ms: number, zone: string): string {
  const p = parts(ms, zone);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** "2026-11-23 14:05:30": the editor's format, in zone. */
export function toInputSeconds(ms: number, zone: string): string {
  return `${dayKey(ms, zone)} ${timeOfDay(ms, zone)}`;
}

/** "T+0:12", "T−0:05" (a real minus sign), "T+1d 2:03"; whole days only from
 *  ten days away ("T−364d", usually a wrong year), so it fits its column; ""
 *  without a start. */
export function offset(ms: number, start: number | null | undefined): string {
  if (start === null || start === undefined) return '';
  const d = ms - start;
  const sign = d < 0 ? '−' : '+';
  const abs = Math.abs(d);
  if (abs >= 10 * 86_400_000) return `T${sign}${Math.floor(abs / 86_400_000)}d`;
  return `T${sign}${duration(abs)}`;
}

export const GAP_MS = 30 * 60_000;

/** "1h 12m gap" when more than 30 minutes pass between two events; else "". */
export function gapLabel(prev: number, cur: number): string {
  const d = cur - prev;
  if (d <= GAP_MS) return '';
  const minutes = Math.floor(d / 60_000);
  const days = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const bits = [days ? `${days}d` : '', h ? `${h}h` : '', m ? `${m}m` : ''].filter(Boolean);
  return `${bits.join(' ')} gap`;
}

/** What goes above an event: a day header when it starts a day (or when the
 *  event before it is not known), a gap separator when time passed. */
export function decor(
  prev: number | undefined,
  cur: number,
  zone: string,
): { day: string; gap: string } {
  if (prev === undefined) return { day: dayLabel(cur, zone), gap: '' };
  return {
    day: dayKey(prev, zone) === dayKey(cur, zone) ? '' : dayLabel(cur, zone),
    gap: gapLabel(prev, cur),
  };
}
