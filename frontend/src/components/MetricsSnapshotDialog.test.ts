import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';

vi.mock('../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/api')>();
  return {
    ...real,
    savedQueries: vi.fn(),
    planSnapshot: vi.fn(),
    addSnapshot: vi.fn(),
    saveQuery: vi.fn(),
    detectionLag: vi.fn().mockResolvedValue(null),
    onMetricsProgress: vi.fn(() => () => {}),
    cancelMetricsJob: vi.fn().mockResolvedValue(undefined),
    reportError: vi.fn().mockResolvedValue(undefined),
  };
});

import * as api from '../lib/api';
import { ApiError, type Incident, type Snapshot, type Source } from '../lib/api';
import { appState } from '../stores/app.svelte';
import { metrics } from '../stores/metrics.svelte';
import MetricsSnapshotDialog from './MetricsSnapshotDialog.svelte';

const START = Date.UTC(2026, 10, 21, 14, 5);
const MIN = 60_000;

const incident = {
  id: 'inc-1',
  ref: 'INC-0001',
  title: 'Checkout 502',
  services: ['checkout-api', 'payments-db'],
  startedAt: START,
  detectedAt: START + 7 * MIN,
  mitigatedAt: START + 41 * MIN,
  resolvedAt: START + 92 * MIN,
} as unknown as Incident;

const source: Source = {
  id: 'src-1',
  name: 'local-prom',
  kind: 'prometheus',
  url: 'http://127.0.0.1:9090',
  auth: 'none',
  username: '',
  secretEnv: '',
  caFile: '',
  skipVerify: false,
  timeoutSeconds: 0,
  createdAt: 1,
  updatedAt: 1,
  secretWhere: 'none',
  hasSecret: false,
};

const snapshot = {
  id: 'snap-1',
  groupId: 'g-1',
  version: 1,
  versions: 1,
  title: 'checkout p99',
  series: [],
  signal: { seriesKey: '', threshold: null, below: false },
} as unknown as Snapshot;

beforeEach(() => {
  appState.meta = { ...appState.meta, systemZone: 'UTC' };
  appState.settings = { theme: 'light', zone: 'UTC', userName: 'Ana' };
  metrics.sources = [source];
  vi.mocked(api.savedQueries).mockResolvedValue([
    {
      id: 'q-1',
      service: 'checkout-api',
      name: 'p99 latency',
      sourceId: 'src-1',
      query: 'http_request_duration_seconds{quantile="0.99"}',
      unit: 's',
      createdAt: 1,
    },
  ]);
  vi.mocked(api.planSnapshot).mockResolvedValue({
    startMs: START - 60 * MIN,
    endMs: START + 122 * MIN,
    stepMs: 15_000,
    points: 729,
    zone: 'UTC',
  });
});

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

function queryField() {
  return screen.getByLabelText('Query') as HTMLTextAreaElement;
}

describe('MetricsSnapshotDialog', () => {
  it('opens on the default window in the user zone, with the plan line', async () => {
    render(MetricsSnapshotDialog, { open: true, incident });
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('2026-11-21 13:05');
    expect((screen.getByLabelText('To') as HTMLInputElement).value).toBe('2026-11-21 16:07');
    expect(screen.getByText(/Times in UTC/)).toBeTruthy();
    await screen.findByText(/step 15 s · 729 points per series/);
    expect(api.planSnapshot).toHaveBeenCalledWith(
      expect.objectContaining({ incident: 'inc-1', source: 'src-1', start: '2026-11-21 13:05', zone: 'UTC' }),
    );
    expect(api.savedQueries).toHaveBeenCalledWith(['checkout-api', 'payments-db']);
  });

  it('fills query, title and source from a saved query and fetches with Ctrl+Enter', async () => {
    vi.mocked(api.addSnapshot).mockResolvedValue(snapshot);
    const onadded = vi.fn();
    render(MetricsSnapshotDialog, { open: true, incident, onadded });
    const picker = screen.getByLabelText('Saved query') as HTMLSelectElement;
    await waitFor(() => expect(picker.options.length).toBe(2));
    await fireEvent.change(picker, { target: { value: 'q-1' } });
    expect(queryField().value).toBe('http_request_duration_seconds{quantile="0.99"}');
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('p99 latency');

    await fireEvent.keyDown(queryField(), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(onadded).toHaveBeenCalledWith(snapshot));
    const [job, input] = vi.mocked(api.addSnapshot).mock.calls[0];
    expect(job).toMatch(/\S{8,}/);
    expect(input).toEqual({
      incident: 'inc-1',
      source: 'src-1',
      query: 'http_request_duration_seconds{quantile="0.99"}',
      title: 'p99 latency',
      start: '2026-11-21 13:05',
      end: '2026-11-21 16:07',
      step: '',
      zone: 'UTC',
    });
    expect(metrics.snapshots).toContainEqual(snapshot);
    expect(api.onMetricsProgress).toHaveBeenCalled();
  });

  it('shows a query error from the source under the query field', async () => {
    vi.mocked(api.addSnapshot).mockRejectedValue(
      new ApiError('invalid', 'query: local-prom says: parse error', {
        query: 'local-prom says: 1:6: parse error: unclosed left parenthesis',
      }),
    );
    render(MetricsSnapshotDialog, { open: true, incident });
    await fireEvent.input(queryField(), { target: { value: 'rate(' } });
    await fireEvent.click(screen.getByRole('button', { name: /Fetch/ }));
    const err = await screen.findByText(/local-prom says: 1:6: parse error/);
    expect(err.id).toBe('snap-err-query');
    expect(queryField().getAttribute('aria-invalid')).toBe('true');
    expect(queryField().getAttribute('aria-describedby')).toContain('snap-err-query');
  });

  it('shows an unreachable source as a banner that names it', async () => {
    vi.mocked(api.addSnapshot).mockRejectedValue(
      new ApiError('unavailable', 'local-prom (http://127.0.0.1:9090) did not answer: connection refused'),
    );
    render(MetricsSnapshotDialog, { open: true, incident });
    await fireEvent.input(queryField(), { target: { value: 'up' } });
    await fireEvent.click(screen.getByRole('button', { name: /Fetch/ }));
    const banner = await screen.findByTestId('snapshot-banner');
    expect(banner.textContent).toMatch(/local-prom .* did not answer/);
  });

  it('saves the query for a service when asked', async () => {
    vi.mocked(api.addSnapshot).mockResolvedValue(snapshot);
    vi.mocked(api.saveQuery).mockResolvedValue({} as never);
    render(MetricsSnapshotDialog, { open: true, incident });
    await fireEvent.input(queryField(), { target: { value: 'histogram_quantile(0.99, rate(x_seconds_bucket[5m]))' } });
    await fireEvent.click(screen.getByLabelText(/Save as a query for service/));
    await fireEvent.input(screen.getByLabelText('Saved query name'), { target: { value: 'x p99' } });
    await fireEvent.click(screen.getByRole('button', { name: /Fetch/ }));
    await waitFor(() =>
      expect(api.saveQuery).toHaveBeenCalledWith({
        service: 'checkout-api',
        name: 'x p99',
        sourceId: 'src-1',
        query: 'histogram_quantile(0.99, rate(x_seconds_bucket[5m]))',
        unit: 's',
      }),
    );
  });
});
