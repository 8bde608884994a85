import { describe, expect, it } from 'vitest';
import type { InsightsFigures } from './api';
import {
  axisLabels,
  countMax,
  durationAxis,
  durationRange,
  durationTick,
  formatDuration,
  formatPercent,
  hasData,
  legendItems,
  maxAbsDuration,
  monthLabel,
  monthShort,
  monthSplits,
  monthStep,
  plotData,
  plotSeries,
  stackMonth,
  stackSeverity,
  tableRows,
  tooltipText,
} from './insightsChart';

const months = ['2026-01', '2026-02', '2026-03'];

function figures(over: Partial<InsightsFigures> = {}): InsightsFigures {
  const stats = months.map((month) => ({ month, n: 0, median: null, p90: null }));
  return {
    zone: 'UTC',
    months,
    bySeverity: months.map((month) => ({ month, sev1: 0, sev2: 0, sev3: 0, sev4: 0, total: 0 })),
    detect: stats,
    resolve: stats,
    detectionLag: stats,
    actionsOnTime: months.map((month) => ({ month, due: 0, onTime: 0, share: null })),
    services: [],
    themes: [],
    ...over,
  };
}

const full = figures({
  bySeverity: [
    { month: '2026-01', sev1: 0, sev2: 0, sev3: 0, sev4: 0, total: 0 },
    { month: '2026-02', sev1: 1, sev2: 0, sev3: 3, sev4: 0, total: 4 },
    { month: '2026-03', sev1: 2, sev2: 1, sev3: 0, sev4: 1, total: 4 },
  ],
  detect: [
    { month: '2026-01', n: 0, median: null, p90: null },
    { month: '2026-02', n: 1, median: 45, p90: 45 },
    { month: '2026-03', n: 6, median: 720, p90: 3900 },
  ],
  resolve: [
    { month: '2026-01', n: 2, median: 7200, p90: 183600 },
    { month: '2026-02', n: 0, median: null, p90: null },
    { month: '2026-03', n: 1, median: 86400, p90: 86400 },
  ],
  detectionLag: [
    { month: '2026-01', n: 1, median: -90, p90: -90 },
    { month: '2026-02', n: 2, median: 30, p90: 300 },
    { month: '2026-03', n: 0, median: null, p90: null },
  ],
  actionsOnTime: [
    { month: '2026-01', due: 0, onTime: 0, share: null },
    { month: '2026-02', due: 4, onTime: 3, share: 0.75 },
    { month: '2026-03', due: 3, onTime: 0, share: 0 },
  ],
});

describe('month labels', () => {
  it('names a month short, with or without its year', () => {
    expect(monthLabel('2026-01')).toBe('Jan 2026');
    expect(monthLabel('2025-11')).toBe('Nov 2025');
    expect(monthLabel('2025-12')).toBe('Dec 2025');
    expect(monthShort('2025-11')).toBe('Nov');
    expect(monthLabel('nonsense')).toBe('nonsense');
    expect(monthLabel('2026-13')).toBe('2026-13');
  });

  it('shows the year on the first label and at each new year', () => {
    const ms = ['2025-11', '2025-12', '2026-01', '2026-02'];
    expect(axisLabels(ms, [0, 1, 2, 3])).toEqual(['Nov 2025', 'Dec', 'Jan 2026', 'Feb']);
    // Labels skipped: the year goes on the first label shown in the new year.
    expect(axisLabels(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03'], [1, 3])).toEqual([
      'Dec 2025',
      'Feb 2026',
    ]);
    expect(axisLabels(ms, [9])).toEqual(['']);
  });

  it('labels fewer months when they do not fit', () => {
    expect(monthStep(13, 600)).toBe(1);
    expect(monthStep(13, 300)).toBe(2);
    expect(monthStep(36, 300)).toBe(6);
    expect(monthStep(120, 300)).toBe(24);
    expect(monthStep(1, 10)).toBe(1);
  });

  it('picks calendar months to label', () => {
    const ms: string[] = [];
    for (let y = 2024; y <= 2026; y++) for (let m = 1; m <= 12; m++) ms.push(`${y}-${String(m).padStart(2, '0')}`);
    expect(monthSplits(ms.slice(0, 13), 600)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // 36 months in 300 px: every 6th month, January and July.
    expect(monthSplits(ms, 300).map((i) => ms[i])).toEqual([
      '2024-01',
      '2024-07',
      '2025-01',
      '2025-07',
      '2026-01',
      '2026-07',
    ]);
    expect(monthSplits(['2026-02', '2026-03'], 20)).toEqual([0]);
    expect(monthSplits([], 300)).toEqual([]);
  });
});

describe('severity stacking', () => {
  it('stacks a month from SEV1 up', () => {
    expect(stackMonth({ sev1: 1, sev2: 2, sev3: 0, sev4: 1 })).toEqual([1, 3, 3, 4]);
  });

  it('gives one cumulative array per level', () => {
    expect(stackSeverity(full.bySeverity)).toEqual([
      [0, 1, 2],
      [0, 1, 3],
      [0, 4, 3],
      [0, 4, 4],
    ]);
  });

  it('draws the total first and SEV1 last', () => {
    expect(plotSeries('severity').map((s) => [s.label, s.color])).toEqual([
      ['SEV4', '--sev4-dot'],
      ['SEV3', '--sev3-dot'],
      ['SEV2', '--sev2-dot'],
      ['SEV1', '--sev1-dot'],
    ]);
    expect(plotData(full, 'severity')).toEqual([
      [0, 1, 2],
      [0, 4, 4],
      [0, 4, 3],
      [0, 1, 3],
      [0, 1, 2],
    ]);
    expect(legendItems('severity').map((l) => l.name)).toEqual(['SEV1', 'SEV2', 'SEV3', 'SEV4']);
  });

  it('leaves headroom above the highest bar', () => {
    expect(countMax(0)).toBe(1);
    expect(countMax(4)).toBe(5);
    expect(countMax(10)).toBe(11);
  });
});

describe('durations', () => {
  it('formats a duration for reading', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(720)).toBe('12m');
    expect(formatDuration(90)).toBe('1m 30s');
    expect(formatDuration(3900)).toBe('1h 05m');
    expect(formatDuration(3600)).toBe('1h');
    expect(formatDuration(3599.6)).toBe('1h');
    expect(formatDuration(183600)).toBe('2d 3h');
    expect(formatDuration(86400)).toBe('1d');
    expect(formatDuration(-90)).toBe('−1m 30s');
    expect(formatDuration(-4)).toBe('−4s');
    expect(formatDuration(null)).toBe('—');
  });

  it('chooses the axis unit from the largest value', () => {
    expect(durationAxis(0)).toMatchObject({ divisor: 1, suffix: 's' });
    expect(durationAxis(90)).toMatchObject({ divisor: 1, suffix: 's' });
    expect(durationAxis(3900)).toMatchObject({ divisor: 60, suffix: 'm' });
    expect(durationAxis(-3900)).toMatchObject({ divisor: 60, suffix: 'm' });
    expect(durationAxis(5 * 3600)).toMatchObject({ divisor: 3600, suffix: 'h' });
    expect(durationAxis(3 * 86400)).toMatchObject({ divisor: 86400, suffix: 'd' });
    // Increments are whole units.
    const m = durationAxis(3900);
    expect(m.incrs.every((v) => v % 60 === 0)).toBe(true);
  });

  it('labels axis ticks in the unit', () => {
    const m = durationAxis(3900);
    expect(durationTick(900, m)).toBe('15m');
    expect(durationTick(0, m)).toBe('0');
    expect(durationTick(-1800, m)).toBe('−30m');
    expect(durationTick(3600, durationAxis(7200))).toBe('1h');
    expect(durationTick(2 * 86400, durationAxis(3 * 86400))).toBe('2d');
  });

  it('ranges from 0, or below it for negative lags', () => {
    expect(durationRange([null, 100, 50])).toEqual([0, 120]);
    expect(durationRange([-100, 50])).toEqual([-120, 60]);
    expect(durationRange([-100, -50])).toEqual([-120, 0]);
    expect(durationRange([null, null])).toEqual([0, 1]);
    // A single incident detected after 5 minutes: the axis reaches 6m.
    expect(durationRange([300, 300])).toEqual([0, 360]);
    // p90 of 90 minutes: up to 2 hours in 30-minute steps, not ending at 90m.
    expect(durationRange([1200, 5400])).toEqual([0, 7200]);
  });

  it('plots a gap for months with nothing measured', () => {
    expect(plotData(full, 'detect')).toEqual([
      [0, 1, 2],
      [null, 45, 3900],
      [null, 45, 720],
    ]);
    expect(plotData(full, 'lag')).toEqual([
      [0, 1, 2],
      [-90, 300, null],
      [-90, 30, null],
    ]);
    expect(maxAbsDuration(full, 'resolve')).toBe(183600);
    expect(maxAbsDuration(full, 'lag')).toBe(300);
    expect(legendItems('detect')).toEqual([
      { name: 'Median', color: '--chart-1' },
      { name: 'p90', color: '--chart-2' },
    ]);
  });
});

describe('actions on time', () => {
  it('formats a share as a whole percent', () => {
    expect(formatPercent(0.75)).toBe('75%');
    expect(formatPercent(2 / 3)).toBe('67%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(null)).toBe('—');
  });

  it('plots percent bars over a whole bar for months with something due, none where nothing was', () => {
    expect(plotData(full, 'actions')).toEqual([
      [0, 1, 2],
      [null, 100, 100],
      [null, 75, 0],
    ]);
    expect(legendItems('actions')).toEqual([
      { name: 'On time', color: '--chart-3' },
      { name: 'Late or open', color: '--danger-border' },
    ]);
  });
});

describe('hasData', () => {
  it('is false for a chart with nothing to show', () => {
    const empty = figures();
    for (const c of ['severity', 'detect', 'resolve', 'lag', 'actions'] as const) {
      expect(hasData(empty, c)).toBe(false);
      expect(hasData(full, c)).toBe(true);
    }
    expect(hasData(figures({ bySeverity: full.bySeverity }), 'severity')).toBe(true);
    expect(hasData(figures({ detect: full.detect }), 'resolve')).toBe(false);
  });
});

describe('tooltipText', () => {
  it('names the month and its exact values', () => {
    expect(tooltipText(full, 'severity', 2)).toBe('2026-03 · SEV1 2 · SEV2 1 · SEV3 0 · SEV4 1 · total 4');
    expect(tooltipText(full, 'detect', 2)).toBe('2026-03 · median 12m · p90 1h 05m · 6 incidents');
    expect(tooltipText(full, 'detect', 1)).toBe('2026-02 · median 45s · p90 45s · 1 incident');
    expect(tooltipText(full, 'detect', 0)).toBe('2026-01 · no incident measured');
    expect(tooltipText(full, 'lag', 0)).toBe('2026-01 · median −1m 30s · p90 −1m 30s · 1 incident');
    expect(tooltipText(full, 'resolve', 0)).toBe('2026-01 · median 2h · p90 2d 3h · 2 incidents');
    expect(tooltipText(full, 'actions', 1)).toBe('2026-02 · 3 of 4 on time (75%)');
    expect(tooltipText(full, 'actions', 2)).toBe('2026-03 · 0 of 3 on time (0%)');
    expect(tooltipText(full, 'actions', 0)).toBe('2026-01 · nothing due');
    expect(tooltipText(full, 'actions', 7)).toBe('');
  });
});

describe('tableRows', () => {
  it('has a header and a row per month', () => {
    expect(tableRows(full, 'severity')).toEqual({
      head: ['Month', 'SEV1', 'SEV2', 'SEV3', 'SEV4', 'Total'],
      rows: [
        ['2026-01', '0', '0', '0', '0', '0'],
        ['2026-02', '1', '0', '3', '0', '4'],
        ['2026-03', '2', '1', '0', '1', '4'],
      ],
    });
    expect(tableRows(full, 'detect')).toEqual({
      head: ['Month', 'Median', 'p90', 'Incidents'],
      rows: [
        ['2026-01', '—', '—', '0'],
        ['2026-02', '45s', '45s', '1'],
        ['2026-03', '12m', '1h 05m', '6'],
      ],
    });
    expect(tableRows(full, 'lag').rows[0]).toEqual(['2026-01', '−1m 30s', '−1m 30s', '1']);
    expect(tableRows(full, 'actions')).toEqual({
      head: ['Month', 'On time', 'Due', 'Share'],
      rows: [
        ['2026-01', '0', '0', '—'],
        ['2026-02', '3', '4', '75%'],
        ['2026-03', '0', '3', '0%'],
      ],
    });
  });
});
