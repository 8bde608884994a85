import { describe, expect, it } from 'vitest';
import {
  activePreset,
  addMonths,
  insightsQuery,
  insightsRange,
  monthCount,
  monthOf,
  parseInsights,
  PRESETS,
  shiftRange,
  tookMs,
} from './insights';

describe('the Insights address', () => {
  it('round-trips the range and the service', () => {
    const s = { from: '2025-11', to: '2026-11', service: 'checkout api' };
    expect(insightsQuery(s)).toBe('from=2025-11&to=2026-11&service=checkout%20api');
    expect(parseInsights(insightsQuery(s))).toEqual(s);
    expect(insightsQuery({ from: '', to: ' ', service: '' })).toBe('');
  });
  it('asks the Go side for one service, or all', () => {
    expect(insightsRange({ from: '2026-01', to: '', service: ' checkout ' })).toEqual({ from: '2026-01', to: '', services: ['checkout'] });
    expect(insightsRange({ from: '', to: '', service: '' }).services).toEqual([]);
  });
});

describe('months', () => {
  it('reads the month in the zone, not UTC', () => {
    const t = Date.UTC(2026, 9, 31, 23, 30); // 31 Oct 23:30 UTC
    expect(monthOf(t, 'UTC')).toBe('2026-10');
    expect(monthOf(t, 'Europe/Berlin')).toBe('2026-11');
  });
  it('adds months across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-11', -24)).toBe('2024-11');
    expect(monthCount('2025-11', '2026-11')).toBe(13);
    expect(monthCount('2026-03', '2026-01')).toBe(0);
  });
});

describe('presets', () => {
  const ranges = Object.fromEntries(PRESETS.map((p) => [p.key, p.range('2026-03')]));
  it('end at the current month, except last year', () => {
    expect(ranges['3m']).toEqual({ from: '2026-01', to: '2026-03' });
    expect(ranges['1y']).toEqual({ from: '2025-03', to: '2026-03' });
    expect(ranges.ytd).toEqual({ from: '2026-01', to: '2026-03' });
    expect(ranges.last).toEqual({ from: '2025-01', to: '2025-12' });
  });
  it('recognise their range, and the default as past year', () => {
    expect(activePreset('', '', '2026-03')).toBe('1y');
    expect(activePreset('2025-10', '2026-03', '2026-03')).toBe('6m');
    expect(activePreset('2025-09', '2026-02', '2026-03')).toBeUndefined();
  });
  it('shift by the range’s own length', () => {
    expect(shiftRange('2026-01', '2026-03', -1)).toEqual({ from: '2025-10', to: '2025-12' });
    expect(shiftRange('2025-01', '2025-12', 1)).toEqual({ from: '2026-01', to: '2026-12' });
  });
});

it('says how long the Go side took', () => {
  expect(tookMs(400)).toBe('1 ms');
  expect(tookMs(76_400)).toBe('76 ms');
  expect(tookMs(1_250_000)).toBe('1.3 s');
});
