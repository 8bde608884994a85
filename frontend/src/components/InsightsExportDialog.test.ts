import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';

vi.mock('../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/api')>();
  return {
    ...real,
    insightsExportDir: vi.fn().mockResolvedValue('/home/ana/reports'),
    chooseInsightsExportDir: vi.fn().mockResolvedValue(''),
    exportInsights: vi.fn(),
    reportError: vi.fn().mockResolvedValue(undefined),
  };
});

import * as api from '../lib/api';
import { ApiError, type InsightsChart } from '../lib/api';
import InsightsExportDialog from './InsightsExportDialog.svelte';

const charts: { name: InsightsChart; title: string }[] = [
  { name: 'severity', title: 'Incidents per month by severity' },
  { name: 'detect', title: 'Time to detect: median and p90' },
  { name: 'themes', title: 'Recurring root and contributing causes' },
];
const range = { from: '2026-01', to: '2026-06', services: ['payments'] };

function open(chosen: InsightsChart[]) {
  const onclose = vi.fn();
  render(InsightsExportDialog, {
    range,
    charts,
    chosen,
    from: '2026-01',
    to: '2026-06',
    suffix: '-payments-2026-01-to-2026-06',
    onclose,
  });
  return onclose;
}

const count = () => screen.getByTestId('ins-export-count').textContent;

describe('InsightsExportDialog', () => {
  beforeEach(() => vi.mocked(api.exportInsights).mockReset());
  afterEach(cleanup);

  it('starts with the chart asked for, both formats and the last folder, and names the files as Go will', async () => {
    open(['detect']);
    await waitFor(() => expect((screen.getByLabelText('Folder') as HTMLInputElement).value).toBe('/home/ana/reports'));
    expect(count()).toBe('2');
    expect(screen.getByText('insights-detect-payments-2026-01-to-2026-06.svg')).toBeTruthy();
    await fireEvent.click(screen.getByLabelText('CSV: the numbers, for a spreadsheet'));
    expect(count()).toBe('1');
    await fireEvent.click(screen.getByRole('button', { name: 'All' }));
    expect(count()).toBe('3');
  });

  it('sends the charts in the list’s order and closes on success', async () => {
    vi.mocked(api.exportInsights).mockResolvedValue({ dir: '/home/ana/reports', files: ['a', 'b'] });
    const onclose = open(['themes']);
    await fireEvent.click(screen.getByLabelText('Incidents per month by severity'));
    await fireEvent.click(screen.getByTestId('ins-export-run'));
    await waitFor(() => expect(onclose).toHaveBeenCalled());
    expect(api.exportInsights).toHaveBeenCalledWith(range, ['severity', 'themes'], ['svg', 'csv'], '/home/ana/reports', false);
  });

  it('puts Go’s field errors under their fields, as sentences, and offers Overwrite on a conflict', async () => {
    vi.mocked(api.exportInsights).mockRejectedValueOnce(
      new ApiError('invalid', 'bad', { charts: 'choose at least one chart to export', formats: 'choose SVG, CSV or both' }),
    );
    const onclose = open([]);
    await fireEvent.click(screen.getByTestId('ins-export-run'));
    await screen.findByText('Choose at least one chart to export');
    expect(screen.getByText('Choose SVG, CSV or both')).toBeTruthy();

    vi.mocked(api.exportInsights).mockRejectedValueOnce(
      new ApiError('conflict', 'exists', { dir: 'insights-severity-…svg already exists in /home/ana/reports; nothing was written' }),
    );
    await fireEvent.click(screen.getByRole('button', { name: 'All' }));
    expect(screen.queryByText('Choose at least one chart to export')).toBeNull();
    await fireEvent.click(screen.getByTestId('ins-export-run'));
    await screen.findByText(/already exists/);
    vi.mocked(api.exportInsights).mockResolvedValueOnce({ dir: '/home/ana/reports', files: ['a'] });
    await fireEvent.click(screen.getByRole('button', { name: 'Overwrite' }));
    await waitFor(() => expect(onclose).toHaveBeenCalled());
    expect(vi.mocked(api.exportInsights).mock.calls.at(-1)?.[4]).toBe(true);
  });
});
