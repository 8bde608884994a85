import { describe, expect, it } from 'vitest';
import {
  defaultWindow,
  formatValue,
  labelText,
  lagText,
  newJobId,
  planText,
  progressFraction,
  progressText,
  stepText,
  unitOf,
} from './metrics';

describe('formatValue', () => {
  it.each([
    [0, '', '0'],
    [0.12, '', '0.12'],
    [2.5, '', '2.5'],
    [123.4, '', '123'],
    [1234, '', '1.23k'],
    [1200, '', '1.2k'],
    [3_400_000, '', '3.4M'],
    [-1500, '', '-1.5k'],
    [0.12, 's', '0.12 s'],
    [0.005, 's', '5 ms'],
    [0.5, 's', '0.5 s'],
    [2.5, 's', '2.5 s'],
    [0.0004, 's', '400 µs'],
    [1536, 'B', '1.54 kB'],
    [12, '%', '12%'],
    [12, 'req/s', '12 req/s'],
  ])('formats %s with unit %j as %s', (v, unit, want) => {
    expect(formatValue(v, unit)).toBe(want);
  });
  it('shows a missing or non-finite value as a dash', () => {
    expect(formatValue(null)).toBe('—');
    expect(formatValue(undefined)).toBe('—');
    expect(formatValue(NaN)).toBe('—');
    expect(formatValue(Infinity)).toBe('—');
  });
});

describe('unitOf', () => {
  it('reads seconds from a quantile or a plain selector of a *_seconds metric', () => {
    expect(unitOf('http_request_duration_seconds{quantile="0.99",service="checkout-api"}')).toBe('s');
    expect(unitOf('histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))')).toBe('s');
  });
  it('gives no unit to a rate, whose unit is per second of something else', () => {
    expect(unitOf('rate(http_request_duration_seconds_count[5m])')).toBe('');
    expect(unitOf('sum(rate(http_requests_total[5m]))')).toBe('');
  });
  it('reads bytes, and nothing from a metric without a unit suffix', () => {
    expect(unitOf('process_resident_memory_bytes')).toBe('B');
    expect(unitOf('load{instance="i0"}')).toBe('');
  });
});

describe('stepText and planText', () => {
  it.each([
    [500, '500 ms'],
    [15_000, '15 s'],
    [60_000, '1 min'],
    [90_000, '1 min 30 s'],
    [7_200_000, '2 h'],
    [0, '—'],
  ])('writes a step of %d ms as %s', (ms, want) => expect(stepText(ms)).toBe(want));
  it('says the step and the points per series with thousands separators', () => {
    expect(planText({ startMs: 0, endMs: 0, stepMs: 15_000, points: 1453, zone: 'UTC' })).toBe(
      'step 15 s · 1,453 points per series',
    );
    expect(planText({ startMs: 0, endMs: 0, stepMs: 6_000, points: 1, zone: 'UTC' })).toBe('step 6 s · 1 point per series');
  });
});

describe('progressText', () => {
  const p = { job: 'j', done: 1, total: 5, query: 'checkout p99', source: 'prom', phase: 'fetching' as const };
  it('counts from one and names what is being fetched', () => {
    expect(progressText(p)).toBe('2 of 5 · fetching checkout p99 …');
  });
  it('leaves the count out for a single fetch', () => {
    expect(progressText({ ...p, done: 0, total: 1 })).toBe('fetching checkout p99 …');
  });
  it('says saving and done', () => {
    expect(progressText({ ...p, done: 5, phase: 'saving' })).toBe('5 of 5 · saving …');
    expect(progressText({ ...p, done: 5, phase: 'done' })).toBe('5 of 5 · done');
  });
  it('falls back before the first event arrives', () => {
    expect(progressText(null, 'Syncing')).toBe('Syncing …');
  });
  it('shortens a long query', () => {
    const t = progressText({ ...p, total: 1, done: 0, query: 'x'.repeat(100) });
    expect(t.length).toBeLessThan(80);
    expect(t).toContain('…');
  });
  it('gives the bar its fraction', () => {
    expect(progressFraction(null)).toBe(0);
    expect(progressFraction(p)).toBeCloseTo(0.2);
    expect(progressFraction({ ...p, phase: 'done' })).toBe(1);
  });
});

describe('defaultWindow', () => {
  const start = Date.UTC(2026, 10, 21, 14, 5);
  it('runs from an hour before the start to half an hour after resolved', () => {
    const w = defaultWindow({ startedAt: start, detectedAt: start + 7 * 60_000, mitigatedAt: start + 41 * 60_000, resolvedAt: start + 92 * 60_000 });
    expect(w).toEqual({ start: start - 3_600_000, end: start + 122 * 60_000 });
  });
  it('ends after the latest known moment, else now', () => {
    expect(defaultWindow({ startedAt: start, detectedAt: start + 60_000, mitigatedAt: null, resolvedAt: null })?.end).toBe(
      start + 31 * 60_000,
    );
    expect(defaultWindow({ startedAt: start, detectedAt: null, mitigatedAt: null, resolvedAt: null }, start + 1000)?.end).toBe(
      start + 1000 + 1_800_000,
    );
  });
  it('has none without a start', () => {
    expect(defaultWindow({ startedAt: null, detectedAt: null, mitigatedAt: null, resolvedAt: null })).toBeNull();
  });
});

describe('small words', () => {
  it('writes a lag', () => {
    expect(lagText(9 * 60_000)).toBe('9 min');
    expect(lagText(-14 * 60_000)).toBe('14 min');
    expect(lagText(65 * 60_000)).toBe('1 h 5 min');
    expect(lagText(40_000)).toBe('40 s');
  });
  it('writes labels as Prometheus does, sorted, without the ones skipped', () => {
    expect(labelText({ severity: 'page', alertname: 'X', service: 'checkout-api' }, ['alertname'])).toBe(
      '{service="checkout-api", severity="page"}',
    );
    expect(labelText({})).toBe('');
  });
  it('makes distinct job ids', () => {
    expect(newJobId()).not.toBe(newJobId());
  });
});

describe('the Metrics tab keys', () => {
  it('resolves r to sync, and the help lists add, sync, find alerts and cancel', async () => {
    const { resolveKey, SHORTCUTS } = await import('./keys');
    const k = (key: string) => ({ key, ctrlKey: false, metaKey: false, altKey: false });
    expect(resolveKey(k('r'), null).action).toBe('sync');
    expect(resolveKey(k('r'), 'g').action).toBe('go-reviews');
    const metricKeys = SHORTCUTS.filter((s) => s.where === 'Metrics').map((s) => s.keys.join('+'));
    expect(metricKeys).toEqual(expect.arrayContaining(['a', 'r', 'i', 'Esc']));
  });
});

describe('timeLabels', () => {
  it('writes 24-hour times in the zone, with the date under the first and at each new day', async () => {
    const { timeLabels } = await import('./metrics');
    const t = Date.UTC(2026, 10, 21, 22, 30) / 1000;
    expect(timeLabels([t, t + 900, t + 2700], 'Europe/Berlin')).toEqual(['23:30\n2026-11-21', '23:45', '00:15\n2026-11-22']);
  });
});
