import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/api')>();
  return { ...real, listIncidents: vi.fn(), reportError: vi.fn().mockResolvedValue(undefined) };
});

import * as api from '../lib/api';
import type { Incident, IncidentFilter } from '../lib/api';
import { incidentList as list, PAGE_SIZE } from './incidentList.svelte';
import { toasts } from './toasts.svelte';

const TOTAL = 10_000;

function fakePage(f: IncidentFilter) {
  const offset = f.offset ?? 0;
  const n = Math.max(0, Math.min(f.limit ?? 0, TOTAL - offset));
  const items = Array.from({ length: n }, (_, k) => ({ ref: `INC-${offset + k + 1}` }) as Incident);
  return Promise.resolve({ items, total: TOTAL, offset, limit: f.limit ?? 0 });
}

const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  vi.mocked(api.listIncidents).mockImplementation(fakePage);
  list.clearFilters();
});

afterEach(() => {
  vi.clearAllMocks();
  toasts.items = [];
});

describe('the incident list store', () => {
  it('loads the first page of 100 and learns the total', async () => {
    await flush();
    expect(list.total).toBe(TOTAL);
    expect(list.row(0)?.ref).toBe('INC-1');
    expect(list.row(99)?.ref).toBe('INC-100');
    expect(list.row(100)).toBeUndefined();
    expect(api.listIncidents).toHaveBeenCalledWith(expect.objectContaining({ limit: PAGE_SIZE, offset: 0 }));
  });

  it('fetches only the pages behind the rows on screen, once each', async () => {
    await flush();
    vi.mocked(api.listIncidents).mockClear();
    list.ensure(4990, 5020);
    list.ensure(4995, 5025); // the same pages again while they load
    await flush();
    const offsets = vi.mocked(api.listIncidents).mock.calls.map((c) => c[0].offset);
    expect(offsets).toEqual([4900, 5000]);
    expect(list.row(5020)?.ref).toBe('INC-5021');
  });

  it('starts over when the filter changes, and sends the filter', async () => {
    await flush();
    list.move(5);
    list.setSeverities(['SEV1']);
    expect(list.selected).toBe(0);
    expect(list.row(0)).toBeUndefined();
    await flush();
    expect(api.listIncidents).toHaveBeenLastCalledWith(
      expect.objectContaining({ severities: ['SEV1'], offset: 0, sort: '-started' }),
    );
    expect(list.filtering).toBe(true);
  });

  it('waits for a pause in typing before it queries', async () => {
    vi.useFakeTimers();
    try {
      list.setText('d');
      list.setText('db');
      list.setText('db-primary');
      vi.mocked(api.listIncidents).mockClear();
      await vi.advanceTimersByTimeAsync(100);
      expect(api.listIncidents).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(100);
      expect(api.listIncidents).toHaveBeenCalledTimes(1);
      expect(vi.mocked(api.listIncidents).mock.calls[0][0].query).toBe('db-primary');
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the rows on screen while it reloads after a change', async () => {
    await flush();
    list.reset(true);
    expect(list.row(0)?.ref).toBe('INC-1');
    await flush();
    expect(list.row(0)?.ref).toBe('INC-1');
  });

  it('says so when the list cannot be loaded', async () => {
    vi.mocked(api.listIncidents).mockRejectedValue(new api.ApiError('internal', 'disk on fire'));
    list.reset();
    await flush();
    expect(list.failed).toBe(true);
    expect(toasts.items.at(-1)?.message).toBe('Could not load the incident list');
    expect(toasts.items.at(-1)?.detail).toContain('disk on fire');
    expect(api.reportError).toHaveBeenCalled();
  });
});
