import { describe, expect, it } from 'vitest';
import { duration, effectiveZone, format, relative, toInput, zoneAbbr, zoneLabel } from './time';

const at = (iso: string) => Date.parse(iso);

describe('format', () => {
  it('shows the wall-clock time in the zone with its abbreviation', () => {
    expect(format(at('2026-11-23T13:05:00Z'), 'Europe/Berlin')).toBe('2026-11-23 14:05 CET');
  });
  it('follows daylight saving time', () => {
    expect(format(at('2026-07-01T12:00:00Z'), 'Europe/Berlin')).toBe('2026-07-01 14:00 CEST');
  });
  it('uses American abbreviations for American zones', () => {
    expect(format(at('2026-11-23T13:05:00Z'), 'America/New_York')).toBe('2026-11-23 08:05 EST');
  });
  it('shows UTC as UTC', () => {
    expect(format(at('2026-01-02T03:04:00Z'), 'UTC')).toBe('2026-01-02 03:04 UTC');
  });
  it('falls back to an offset where a zone has no common abbreviation', () => {
    expect(zoneAbbr(at('2026-01-01T00:00:00Z'), 'Asia/Kathmandu')).toMatch(/^GMT\+5:45$/);
  });
  it('writes midnight as 00, not 24', () => {
    expect(format(at('2026-03-01T23:00:00Z'), 'Europe/Berlin')).toBe('2026-03-02 00:00 CET');
  });
  it('says — for a time not known', () => {
    expect(format(null, 'UTC')).toBe('—');
    expect(format(undefined, 'UTC')).toBe('—');
  });
});

describe('toInput', () => {
  it('gives the form format in the zone', () => {
    expect(toInput(at('2026-11-23T13:05:59Z'), 'Europe/Berlin')).toBe('2026-11-23 14:05');
    expect(toInput(at('2026-11-23T13:05:00Z'), 'Asia/Tokyo')).toBe('2026-11-23 22:05');
  });
});

describe('zoneLabel', () => {
  it('names the zone and its abbreviation, once when they are the same', () => {
    expect(zoneLabel('Europe/Berlin', at('2026-11-23T13:05:00Z'))).toBe('Europe/Berlin (CET)');
    expect(zoneLabel('UTC')).toBe('UTC');
  });
});

describe('duration', () => {
  const min = 60_000;
  it.each([
    [0, '0:00'],
    [12 * min, '0:12'],
    [65 * min, '1:05'],
    [150 * min + 59_000, '2:30'],
    [23 * 60 * min + 59 * min, '23:59'],
    [24 * 60 * min, '1d 0:00'],
    [(2 * 24 * 60 + 3 * 60 + 10) * min, '2d 3:10'],
    [-12 * min, '-0:12'],
  ])('shows %i ms as %s', (ms, want) => {
    expect(duration(ms)).toBe(want);
  });
  it('says — when unknown', () => {
    expect(duration(null)).toBe('—');
    expect(duration(undefined)).toBe('—');
  });
});

describe('relative', () => {
  const now = at('2026-11-23T12:00:00Z');
  it('gives a rough hint', () => {
    expect(relative(now - 3 * 86_400_000, now)).toBe('3 days ago');
    expect(relative(now - 2 * 3_600_000, now)).toBe('2 hours ago');
    expect(relative(now - 1000, now)).toBe('just now');
    expect(relative(now - 86_400_000, now)).toBe('yesterday');
  });
});

describe('effectiveZone', () => {
  it('prefers the setting, then the system zone, then the browser', () => {
    expect(effectiveZone('Asia/Tokyo', 'Europe/Berlin')).toBe('Asia/Tokyo');
    expect(effectiveZone('', 'Europe/Berlin')).toBe('Europe/Berlin');
    expect(effectiveZone('', 'Local')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(effectiveZone('Not/AZone', '')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
