import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/api')>();
  return {
    ...real,
    listActions: vi.fn(),
    bulkUpdateActions: vi.fn(),
    setActionStatus: vi.fn(),
    exportActionsText: vi.fn(),
    counts: vi.fn().mockResolvedValue({ total: 0, active: 0, trashed: 0 }),
    suggest: vi.fn().mockResolvedValue({ services: [], tags: [], people: [] }),
    actionCounts: vi.fn().mockResolvedValue({ open: 0, overdue: 0 }),
    reportError: vi.fn().mockResolvedValue(undefined),
  };
});

import * as api from '../lib/api';
import type { Action, ActionFilter } from '../lib/api';
import { actionList as list, BOARD_LIMIT, OPEN_STATUSES, PAGE_SIZE, UNOWNED } from './actionList.svelte';
import { appState } from './app.svelte';
import { toasts } from './toasts.svelte';

const TOTAL = 1_000;
const STATUSES = ['open', 'in_progress', 'blocked', 'done', 'wont_do'];

const act = (n: number, status = 'open'): Action =>
  ({ id: `id-${n}`, ref: `ACT-${n}`, title: `Action ${n}`, status, version: 1, hints: [] }) as unknown as Action;

function fakePage(f: ActionFilter) {
  const offset = f.offset ?? 0;
  const n = Math.max(0, Math.min(f.limit ?? 0, TOTAL - offset));
  const items = Array.from({ length: n }, (_, k) => act(offset + k + 1, f.statuses?.[0] ?? 'open'));
  return Promise.resolve({ items, total: TOTAL, offset, limit: f.limit ?? 0 });
}

const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  appState.meta = {
    ...appState.meta,
    actionStatuses: STATUSES.map((name) => ({ name, label: name, closed: name === 'done' || name === 'wont_do' })),
  };
  vi.mocked(api.listActions).mockImplementation(fakePage);
  list.view = 'table';
  list.defaults();
});

afterEach(() => {
  vi.clearAllMocks();
  toasts.items = [];
});

describe('the actions list store', () => {
  it('starts with the actions still to do, soonest due first, a page of 100 at a time', async () => {
    await flush();
    expect(list.openOnly).toBe(true);
    expect(list.filtering).toBe(false);
    expect(list.total).toBe(TOTAL);
    expect(list.row(99)?.ref).toBe('ACT-100');
    expect(list.row(100)).toBeUndefined();
    expect(api.listActions).toHaveBeenLastCalledWith(
      expect.objectContaining({ statuses: OPEN_STATUSES, sort: 'due', limit: PAGE_SIZE, offset: 0 }),
    );
  });

  it('fetches only the pages behind the rows on screen, once each', async () => {
    await flush();
    vi.mocked(api.listActions).mockClear();
    list.ensure(490, 520);
    list.ensure(495, 525);
    await flush();
    expect(vi.mocked(api.listActions).mock.calls.map((c) => c[0].offset)).toEqual([400, 500]);
    expect(list.row(520)?.ref).toBe('ACT-521');
  });

  it('sends "Unowned" as its own flag, not as a name, and starts over', async () => {
    await flush();
    list.move(5);
    list.setOwner(UNOWNED);
    expect(list.selected).toBe(0);
    await flush();
    expect(api.listActions).toHaveBeenLastCalledWith(expect.objectContaining({ owner: '', unowned: true }));
    list.setOwner('Dana');
    await flush();
    expect(api.listActions).toHaveBeenLastCalledWith(expect.objectContaining({ owner: 'Dana', unowned: false }));
    expect(list.filtering).toBe(true);
  });

  it('narrows to one incident by its reference, and clearing the filters drops it', async () => {
    await flush();
    list.setIncident(' INC-0042 ');
    await flush();
    expect(api.listActions).toHaveBeenLastCalledWith(expect.objectContaining({ incident: 'INC-0042' }));
    expect(list.filtering).toBe(true);
    list.clearFilters();
    await flush();
    expect(api.listActions).toHaveBeenLastCalledWith(expect.objectContaining({ incident: '' }));
  });

  it('removing the "still to do" chip shows every status', async () => {
    list.setStatuses([]);
    await flush();
    expect(list.openOnly).toBe(false);
    expect(api.listActions).toHaveBeenLastCalledWith(expect.objectContaining({ statuses: [] }));
  });

  it('picks rows with x, extends with Shift+j, picks all loaded, and a new filter drops the picks', async () => {
    await flush();
    list.toggle();
    list.move(1, true);
    list.move(1, true);
    expect([...list.picked]).toEqual(['id-1', 'id-2', 'id-3']);
    list.toggle(); // the cursor is on the third row
    expect([...list.picked]).toEqual(['id-1', 'id-2']);
    list.pickLoaded();
    expect(list.picked.size).toBe(PAGE_SIZE);
    list.setOverdue(true);
    expect(list.picked.size).toBe(0);
  });

  it('applies a bulk change to exactly the picked ids, then says how many and reloads', async () => {
    await flush();
    list.toggle(0);
    list.toggle(2);
    list.toggle(4);
    vi.mocked(api.bulkUpdateActions).mockResolvedValue(3);
    vi.mocked(api.listActions).mockClear();
    const err = await list.bulk({ owner: 'Dana' });
    expect(err).toBeNull();
    expect(api.bulkUpdateActions).toHaveBeenCalledWith(['id-1', 'id-3', 'id-5'], { owner: 'Dana' });
    expect(toasts.items.at(-1)?.message).toBe('Updated 3 actions');
    expect(list.picked.size).toBe(0);
    expect(api.listActions).toHaveBeenCalled();
  });

  it('keeps the selection and hands back the error when a bulk change is refused', async () => {
    await flush();
    list.toggle(0);
    list.toggle(1);
    vi.mocked(api.bulkUpdateActions).mockRejectedValue(
      new api.ApiError('invalid', 'ACT-1: due: "2026-02-30" is not a date'),
    );
    const err = await list.bulk({ due: '2026-02-30' });
    expect(err?.message).toContain('ACT-1');
    expect(list.picked.size).toBe(2);
    expect(toasts.items).toHaveLength(0);
  });

  it('loads the board one status at a time, without the status filter, up to 200 each', async () => {
    list.setView('board');
    await list.loadBoard();
    const calls = vi.mocked(api.listActions).mock.calls.map((c) => c[0]).filter((f) => f.limit === BOARD_LIMIT);
    expect(calls.map((f) => f.statuses)).toEqual(STATUSES.map((s) => [s]));
    expect(list.board.map((c) => c.status)).toEqual(STATUSES);
    expect(list.board[0].items).toHaveLength(BOARD_LIMIT);
    expect(localStorage.getItem('hindsight.actions.view')).toBe('board');
    list.setView('table');
  });

  it('moves a card to the next status with its version, and the cursor follows it', async () => {
    list.setView('board');
    await list.loadBoard();
    list.col = 2; // blocked
    list.card = 3;
    const a = list.current()!;
    expect(list.neighbour(1)).toBe('done');
    expect(list.neighbour(-1)).toBe('in_progress');
    list.col = 4;
    expect(list.neighbour(1)).toBeNull();
    list.col = 2;
    const moved = { ...a, status: 'done', version: 2 } as Action;
    vi.mocked(api.setActionStatus).mockResolvedValue(moved);
    // After the move the Go side lists the card under Done, at the top.
    vi.mocked(api.listActions).mockImplementation(async (f) => {
      const p = await fakePage(f);
      const items = p.items.filter((x) => x.id !== a.id);
      return { ...p, items: f.statuses?.[0] === 'done' ? [moved, ...items] : items };
    });
    const err = await list.setStatus(a, 'done');
    expect(err).toBeNull();
    expect(api.setActionStatus).toHaveBeenCalledWith(a.id, 'done', '', 1);
    expect(list.col).toBe(3);
    expect(list.current()?.id).toBe(a.id);
    list.setView('table');
  });

  it('tells "no actions yet" from "none match" by asking for the unfiltered total', async () => {
    vi.mocked(api.listActions).mockImplementation((f) =>
      Promise.resolve({ items: [], total: f.statuses?.length || f.overdue ? 0 : 7, offset: 0, limit: 0 }),
    );
    list.setOverdue(true);
    await flush();
    await flush();
    expect(list.total).toBe(0);
    expect(list.everything).toBe(7);
  });
});
