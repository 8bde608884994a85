import { describe, expect, it } from 'vitest';
import { dayKey, dayLabel, decor, gapLabel, offset, timeOfDay } from './timeline';

const Z = 'Europe/Berlin';
const t = (s: string) => Date.parse(s);

describe('timeline helpers', () => {
  it('reads times and days in the zone', () => {
    const ms = t('2026-11-23T23:30:15Z');
    expect(timeOfDay(ms, Z)).toBe('00:30:15');
    expect(dayKey(ms, Z)).toBe('2026-11-24');
    expect(dayLabel(ms, Z)).toBe('Tue 2026-11-24 · CET');
  });
  it('shows T+ from the start, with a minus before it', () => {
    const start = t('2026-11-23T14:00:00Z');
    expect(offset(t('2026-11-23T14:12:40Z'), start)).toBe('T+0:12');
    expect(offset(t('2026-11-23T13:55:00Z'), start)).toBe('T−0:05');
    expect(offset(t('2026-11-24T16:03:00Z'), start)).toBe('T+1d 2:03');
    expect(offset(t('2025-11-23T16:03:00Z'), start)).toBe('T−364d');
    expect(offset(t('2026-12-03T14:00:00Z'), start)).toBe('T+10d');
    expect(offset(1, null)).toBe('');
  });
  it('marks gaps over 30 minutes only', () => {
    const a = t('2026-11-23T14:00:00Z');
    expect(gapLabel(a, a + 30 * 60_000)).toBe('');
    expect(gapLabel(a, a + 72 * 60_000)).toBe('1h 12m gap');
    expect(gapLabel(a, a + 45 * 60_000)).toBe('45m gap');
    expect(gapLabel(a, a + 26 * 3_600_000)).toBe('1d 2h gap');
  });
  it('puts a day header on the first event and where the day changes', () => {
    const a = t('2026-11-23T22:00:00Z');
    expect(decor(undefined, a, Z)).toEqual({ day: 'Mon 2026-11-23 · CET', gap: '' });
    expect(decor(a, a + 10 * 60_000, Z)).toEqual({ day: '', gap: '' });
    expect(decor(a, a + 90 * 60_000, Z)).toEqual({ day: 'Tue 2026-11-24 · CET', gap: '1h 30m gap' });
  });
});
