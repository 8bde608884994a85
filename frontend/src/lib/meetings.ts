// Review meetings as the lists and forms show them. A meeting's dates are
// read in its series' zone, not the user's: a weekly review in Berlin covers
// Berlin's days wherever the person looking at it sits.
import { isValidZone, toInput } from './time';

export const CADENCES = [
  ['weekly', 'Weekly'],
  ['monthly', 'Monthly'],
  ['adhoc', 'Ad hoc'],
] as const;
export type Cadence = (typeof CADENCES)[number][0];

/** "Weekly", "Monthly", "Ad hoc"; an unknown cadence as it is. */
export function cadenceLabel(c: string): string {
  return CADENCES.find(([v]) => v === c)?.[1] ?? c;
}

/** Zones people pick most often, offered as the series' zone field is typed
 *  (any IANA name works). */
export const COMMON_ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Lisbon',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/Amsterdam',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Zurich',
  'Europe/Stockholm',
  'Europe/Warsaw',
  'Europe/Helsinki',
  'Europe/Athens',
  'Europe/Istanbul',
  'Europe/Kyiv',
  'America/New_York',
  'America/Toronto',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'America/Mexico_City',
  'America/Bogota',
  'America/Sao_Paulo',
  'America/Argentina/Buenos_Aires',
  'Pacific/Honolulu',
  'Africa/Lagos',
  'Africa/Johannesburg',
  'Africa/Nairobi',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Hong_Kong',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Australia/Perth',
  'Australia/Sydney',
  'Pacific/Auckland',
];

/** The zone itself when Intl knows it, else UTC (what the Go side falls back
 *  to for a zone that no longer loads), so a bad name never throws. */
export function safeZone(zone: string): string {
  return isValidZone(zone) ? zone : 'UTC';
}

/** The date (YYYY-MM-DD) of the instant in zone. */
export function dayIn(ms: number, zone: string): string {
  return toInput(ms, safeZone(zone)).slice(0, 10);
}

/** Wall-clock minus UTC at the instant, in ms (minute precision). */
function offsetAt(ms: number, zone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(toInput(ms, zone));
  if (!m) return 0;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4] % 24, +m[5]);
  return wall - Math.floor(ms / 60_000) * 60_000;
}

/** The instant of date (YYYY-MM-DD) at time (HH:MM) on the wall clocks of
 *  zone, as unix ms; null when either does not parse. A time skipped by a
 *  DST change lands an hour off, as clocks do. */
export function zonedTime(date: string, time: string, zone: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!d || !t || +t[1] > 23 || +t[2] > 59 || +d[2] < 1 || +d[2] > 12 || +d[3] < 1 || +d[3] > 31) return null;
  const wall = Date.UTC(+d[1], +d[2] - 1, +d[3], +t[1], +t[2]);
  if (Number.isNaN(wall)) return null;
  const z = safeZone(zone);
  // Two passes: the offset at the first guess may differ from the one at
  // the answer across a DST change.
  const guess = wall - offsetAt(wall, z);
  return wall - offsetAt(guess, z);
}

/** Whether the instant is a midnight on the wall clocks of zone. */
function isMidnight(ms: number, zone: string): boolean {
  return ms % 60_000 === 0 && toInput(ms, zone).endsWith(' 00:00');
}

/** A period [startMs, endMs) as inclusive dates in zone: the end is
 *  exclusive, so a period ending at midnight ends the day before; one that
 *  ends mid-day (at the meeting) includes that day. */
export function periodDates(startMs: number, endMs: number, zone: string): { from: string; to: string } {
  const z = safeZone(zone);
  const last = isMidnight(endMs, z) && endMs > startMs ? endMs - 1 : endMs;
  return { from: dayIn(startMs, z), to: dayIn(last, z) };
}

/** "2026-11-01 – 2026-11-23"; one date when both are the same day. */
export function formatPeriod(from: string, to: string): string {
  return from === to ? from : `${from} – ${to}`;
}

type Timed = { ref?: string; at: number; periodEnd: number };

/** The meeting the default period of a new one at atMs starts from: the
 *  series' latest meeting before it, when its period ended before atMs
 *  (the Go side's rule). meetings are the series' own. */
export function previousMeeting<T extends Timed>(meetings: readonly T[], atMs: number): T | undefined {
  let prev: T | undefined;
  for (const m of meetings) if (m.at < atMs && (!prev || m.at > prev.at)) prev = m;
  return prev && prev.periodEnd < atMs ? prev : undefined;
}

/** Why the default period is what it is, for the words after it. */
export function periodReason(cadence: string, previous?: { ref?: string }): string {
  if (previous) return previous.ref ? `since the previous meeting (${previous.ref})` : 'since the previous meeting';
  switch (cadence) {
    case 'weekly':
      return 'the week before the meeting';
    case 'monthly':
      return 'the month before the meeting';
    default:
      return 'the 30 days before the meeting';
  }
}

/** The title a meeting gets when none is typed: "<series> <date>". */
export function defaultTitle(series: string, date: string): string {
  return `${series} ${date}`.trim();
}

/** "HH:MM" from what a time field gives (browsers may add seconds). */
export function hhmm(v: string): string {
  const m = /^(\d{1,2}):(\d{2})/.exec(v.trim());
  return m ? `${m[1].padStart(2, '0')}:${m[2]}` : v.trim();
}
