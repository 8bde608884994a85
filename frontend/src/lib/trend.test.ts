import { describe, expect, it } from 'vitest';
import { formatTrendValue, parseTrend, trendChange, trendRange, trendSummary, type Trend } from './trend';

function trend(kind: string, unit: string, values: (number | null)[], label = 'Incidents'): string {
  const points = values.map((v, k) => ({
    start: `2026-0${k + 1}-01T00:00:00Z`,
    end: `2026-0${k + 2}-01T00:00:00Z`,
    value: v,
    n: v === null ? 0 : 1,
  }));
  return JSON.stringify({ kind, label, unit, points });
}

describe('parseTrend', () => {
  it('reads the JSON the Go side stores in a trend item', () => {
    const go =
      '{"kind":"trend_time_to_detect","label":"Median time to detect","unit":"seconds","points":[' +
      '{"start":"2026-10-01T00:00:00Z","end":"2026-11-01T00:00:00Z","value":null,"n":0},' +
      '{"start":"2026-11-01T00:00:00Z","end":"2026-12-01T00:00:00Z","value":720,"n":3}]}';
    expect(parseTrend(go)).toEqual({
      kind: 'trend_time_to_detect',
      label: 'Median time to detect',
      unit: 'seconds',
      points: [
        { start: '2026-10-01T00:00:00Z', end: '2026-11-01T00:00:00Z', value: null, n: 0 },
        { start: '2026-11-01T00:00:00Z', end: '2026-12-01T00:00:00Z', value: 720, n: 3 },
      ],
    });
  });

  it('is null for anything that is not a trend', () => {
    for (const bad of ['', 'not json', '{', 'null', '3', '[]', '{"points":[]}', '{"points":"x"}', '{"points":[1]}', '{"label":"x"}']) {
      expect(parseTrend(bad), bad).toBeNull();
    }
    expect(parseTrend(undefined)).toBeNull();
  });

  it('tolerates odd values: unknown unit as count, non-numbers as gaps', () => {
    const t = parseTrend('{"unit":"furlongs","points":[{"value":"3"},{"value":2,"n":1}]}');
    expect(t?.unit).toBe('count');
    expect(t?.label).toBe('');
    expect(t?.points.map((p) => p.value)).toEqual([null, 2]);
    expect(t?.points[0].n).toBe(0);
  });
});

describe('formatTrendValue', () => {
  it('writes counts, durations as h:mm and shares as percentages', () => {
    expect(formatTrendValue('count', 3)).toBe('3');
    expect(formatTrendValue('count', 2.6)).toBe('3');
    expect(formatTrendValue('seconds', 720)).toBe('0:12');
    expect(formatTrendValue('seconds', 3900)).toBe('1:05');
    expect(formatTrendValue('seconds', 90_000)).toBe('1d 1:00');
    expect(formatTrendValue('share', 0.8333)).toBe('83%');
    expect(formatTrendValue('share', 1)).toBe('100%');
  });

  it('writes a dash for no value', () => {
    expect(formatTrendValue('count', null)).toBe('—');
    expect(formatTrendValue('seconds', undefined)).toBe('—');
    expect(formatTrendValue('share', NaN)).toBe('—');
  });
});

describe('trendChange', () => {
  const t = (kind: string, unit: string, values: (number | null)[]) => parseTrend(trend(kind, unit, values)) as Trend;

  it('more incidents is up and worse, fewer is down and better', () => {
    const up = trendChange(t('trend_incident_count', 'count', [0, 1, 3]));
    expect(up).toMatchObject({ current: 3, previous: 1, direction: 'up', verdict: 'worse', arrow: '▲' });
    expect(up.text).toBe('up from 1 vs previous period (worse)');
    const down = trendChange(t('trend_incident_count', 'count', [4, 2]));
    expect(down).toMatchObject({ direction: 'down', verdict: 'better', arrow: '▼' });
  });

  it('shorter detect and resolve times are better', () => {
    expect(trendChange(t('trend_time_to_detect', 'seconds', [1800, 600]))).toMatchObject({ direction: 'down', verdict: 'better' });
    expect(trendChange(t('trend_time_to_resolve', 'seconds', [600, 7200]))).toMatchObject({ direction: 'up', verdict: 'worse' });
  });

  it('a higher on-time share is better', () => {
    const c = trendChange(t('trend_actions_on_time', 'share', [0.5, 0.75]));
    expect(c).toMatchObject({ direction: 'up', verdict: 'better' });
    expect(c.text).toBe('up from 50% vs previous period (better)');
    expect(trendChange(t('trend_actions_on_time', 'share', [0.9, 0.6]))).toMatchObject({ direction: 'down', verdict: 'worse' });
  });

  it('values that read the same are flat', () => {
    const c = trendChange(t('trend_time_to_detect', 'seconds', [720, 730]));
    expect(c).toMatchObject({ direction: 'flat', verdict: 'same', arrow: '=' });
    expect(c.text).toBe('unchanged at 0:12 vs previous period');
    expect(trendChange(t('trend_incident_count', 'count', [2, 2]))).toMatchObject({ direction: 'flat' });
  });

  it('has no direction when a period has no value', () => {
    expect(trendChange(t('trend_time_to_detect', 'seconds', [600, null]))).toMatchObject({
      current: null,
      direction: null,
      verdict: null,
      arrow: '',
      text: 'no value in this period',
    });
    expect(trendChange(t('trend_time_to_detect', 'seconds', [null, 600])).text).toBe('no previous value to compare');
    expect(trendChange(t('trend_incident_count', 'count', [5])).text).toBe('no previous period');
  });
});

describe('trendSummary and trendRange', () => {
  it('says the label, the value and the change in one sentence', () => {
    const tr = parseTrend(trend('trend_incident_count', 'count', [1, 3])) as Trend;
    expect(trendSummary(tr)).toBe('Incidents: 3, up from 1 vs previous period (worse)');
    expect(trendSummary(tr, 'Incidents this month')).toMatch(/^Incidents this month: 3,/);
  });

  it('starts at zero and keeps shares within 0–100%', () => {
    expect(trendRange(parseTrend(trend('x', 'count', [1, 5, null])) as Trend)).toEqual([0, 5]);
    expect(trendRange(parseTrend(trend('x', 'count', [0, null])) as Trend)).toEqual([0, 1]);
    expect(trendRange(parseTrend(trend('x', 'share', [0.2, 0.4])) as Trend)).toEqual([0, 1]);
  });
});
