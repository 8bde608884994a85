// The Insights page's state: a range of months and a service, kept in the
// address (#/insights?from=2025-11&to=2026-11&service=checkout) so a view
// survives reload and can be linked; and the presets the range buttons
// offer. Months are YYYY-MM in the user's zone; "" leaves the Go side's
// default (the last 12 full months and the current one).
import type { InsightsRange } from './api';
import { href } from './router';

export type InsightsState = { from: string; to: string; service: string };

export const emptyInsights = (): InsightsState => ({ from: '', to: '', service: '' });

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function parseInsights(query: string): InsightsState {
  const p = new URLSearchParams(query.replace(/^\?/, ''));
  return { from: p.get('from')?.trim() ?? '', to: p.get('to')?.trim() ?? '', service: p.get('service')?.trim() ?? '' };
}

export function insightsQuery(s: InsightsState): string {
  const p = new URLSearchParams();
  if (s.from.trim()) p.set('from', s.from.trim());
  if (s.to.trim()) p.set('to', s.to.trim());
  if (s.service.trim()) p.set('service', s.service.trim());
  return p.toString().replaceAll('+', '%20');
}

export const insightsHref = (s: InsightsState): string => href({ name: 'insights', query: insightsQuery(s) });

export const insightsRange = (s: InsightsState): InsightsRange => ({
  from: s.from.trim(),
  to: s.to.trim(),
  services: s.service.trim() ? [s.service.trim()] : [],
});

/** The month (YYYY-MM) an instant falls in, in zone. */
export function monthOf(ms: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit' }).formatToParts(ms);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}`;
}

/** month plus n months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const k = y * 12 + (m - 1) + n;
  return `${String(Math.floor(k / 12)).padStart(4, '0')}-${String((k % 12) + 1).padStart(2, '0')}`;
}

/** How many months from..to covers, both inclusive (0 when to is before from). */
export function monthCount(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return Math.max(0, ty * 12 + tm - (fy * 12 + fm) + 1);
}

export type Preset = { key: string; label: string; range: (current: string) => { from: string; to: string } };

/** The range buttons. "Past year" is the Go side's default: the last 12
 *  full months and the current one. */
export const PRESETS: Preset[] = [
  { key: '3m', label: '3 months', range: (c) => ({ from: addMonths(c, -2), to: c }) },
  { key: '6m', label: '6 months', range: (c) => ({ from: addMonths(c, -5), to: c }) },
  { key: '1y', label: 'Past year', range: (c) => ({ from: addMonths(c, -12), to: c }) },
  { key: '2y', label: '2 years', range: (c) => ({ from: addMonths(c, -24), to: c }) },
  { key: 'ytd', label: 'This year', range: (c) => ({ from: `${c.slice(0, 4)}-01`, to: c }) },
  {
    key: 'last',
    label: 'Last year',
    range: (c) => {
      const y = String(Number(c.slice(0, 4)) - 1).padStart(4, '0');
      return { from: `${y}-01`, to: `${y}-12` };
    },
  },
];

/** The preset whose range is from..to ("Past year" for the default, both
 *  empty); undefined for any other range. */
export function activePreset(from: string, to: string, current: string): string | undefined {
  if (!from && !to) return '1y';
  return PRESETS.find((p) => {
    const r = p.range(current);
    return r.from === from && r.to === to;
  })?.key;
}

/** The range moved by its own length, earlier (-1) or later (+1). */
export function shiftRange(from: string, to: string, dir: -1 | 1): { from: string; to: string } {
  const n = monthCount(from, to);
  return { from: addMonths(from, dir * n), to: addMonths(to, dir * n) };
}

/** "45 ms" or "1.2 s": how long the Go side took. */
export function tookMs(micros: number): string {
  const ms = micros / 1000;
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
}
