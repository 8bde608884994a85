import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/api')>();
  return {
    ...real,
    getMeeting: vi.fn(),
    updateMeeting: vi.fn(),
    updateAgendaItem: vi.fn(),
    moveAgendaItem: vi.fn(),
    dismissAgendaItem: vi.fn(),
    addAgendaItem: vi.fn(),
    addDecision: vi.fn(),
    removeDecision: vi.fn(),
    reportError: vi.fn().mockResolvedValue(undefined),
  };
});

import * as api from '../lib/api';
import { ApiError, type AgendaItem, type Meeting } from '../lib/api';
import { groupAgenda, MeetingStore, MINUTES, moveLocally, periodLabel, reconcile, visibleOrder } from './meeting.svelte';
import { toasts } from './toasts.svelte';

const SECTIONS = [
  { name: 'incidents', label: 'Incidents in the period' },
  { name: 'postmortems', label: 'Postmortems to review' },
  { name: 'actions', label: 'Actions' },
  { name: 'trends', label: 'Trends' },
  { name: 'other', label: 'Other business' },
];

function item(id: string, position: number, section: string, extra: Partial<AgendaItem> = {}): AgendaItem {
  return {
    id,
    position,
    section,
    kind: section === 'other' ? 'manual' : 'incident',
    title: `Item ${id}`,
    body: '',
    bodyHtml: '',
    incidentId: '',
    incidentRef: '',
    actionId: '',
    actionRef: '',
    postmortemId: '',
    data: '',
    manual: section === 'other',
    dismissed: false,
    notes: '',
    reviewed: false,
    decisions: [],
    actions: [],
    version: 1,
    ...extra,
  } as unknown as AgendaItem;
}

function meeting(items: AgendaItem[], extra: Partial<Meeting> = {}): Meeting {
  return {
    id: 'm1',
    ref: 'MTG-0001',
    seriesId: 's1',
    seriesName: 'Weekly ops',
    cadence: 'weekly',
    zone: 'Europe/Berlin',
    title: 'Weekly ops 2026-11-24',
    at: Date.UTC(2026, 10, 24, 9),
    periodStart: Date.UTC(2026, 9, 31, 23),
    periodEnd: Date.UTC(2026, 10, 23, 23),
    facilitator: 'Ana',
    attendees: [],
    status: 'planned',
    version: 1,
    notes: '',
    fileName: 'MTG-0001-weekly-ops-2026-11-24-agenda.md',
    sections: SECTIONS,
    items,
    actions: [],
    ...extra,
  } as unknown as Meeting;
}

/** A Go side in memory: MoveItem and DismissItem as the store does them. */
let server: Meeting;
const answer = () => structuredClone(server);

beforeEach(() => {
  toasts.items = [];
  server = meeting([item('a', 1, 'incidents'), item('b', 2, 'incidents'), item('c', 3, 'actions'), item('d', 4, 'other')]);
  vi.mocked(api.getMeeting).mockImplementation(async () => answer());
  vi.mocked(api.moveAgendaItem).mockImplementation(async (_m, id, pos) => {
    server = { ...server, items: moveLocally(server.items, id, pos) };
    return answer();
  });
  vi.mocked(api.dismissAgendaItem).mockImplementation(async (_m, id, dismiss) => {
    const it = server.items.find((x) => x.id === id)!;
    if (it.manual && dismiss) {
      server = { ...server, items: server.items.filter((x) => x.id !== id).map((x, k) => ({ ...x, position: k + 1 }) as AgendaItem) };
    } else {
      server = { ...server, items: server.items.map((x) => (x.id === id ? ({ ...x, dismissed: dismiss, version: x.version + 1 } as AgendaItem) : x)) };
    }
    return answer();
  });
  vi.mocked(api.addAgendaItem).mockImplementation(async (_m, input) => {
    const it = item('new', server.items.length + 1, input.section || 'other', { title: input.title, body: input.body ?? '', notes: input.notes ?? '' });
    server = { ...server, items: [...server.items, it] };
    return answer();
  });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('groupAgenda', () => {
  it('shows the sections in the meeting’s order, only those with items, and Other business always', () => {
    const m = meeting([item('t', 1, 'trends'), item('a', 2, 'incidents'), item('x', 3, 'incidents', { dismissed: true })]);
    const g = groupAgenda(m, false);
    expect(g.map((s) => s.name)).toEqual(['incidents', 'trends', 'other']);
    expect(g[0].label).toBe('Incidents in the period');
    expect(g[0].items.map((i) => i.id)).toEqual(['a']);
    expect(g[2].items).toEqual([]);
    expect(groupAgenda(m, true)[0].items.map((i) => i.id)).toEqual(['a', 'x']);
  });

  it('orders items by position within a section, and puts an unknown section last', () => {
    const m = meeting([item('b', 3, 'incidents'), item('z', 1, 'mystery'), item('a', 2, 'incidents')]);
    const g = groupAgenda(m, false);
    expect(g.map((s) => s.name)).toEqual(['incidents', 'other', 'mystery']);
    expect(visibleOrder(m, false).map((i) => i.id)).toEqual(['a', 'b', 'z']);
  });
});

describe('periodLabel', () => {
  it('shows an end at midnight as the day before, and an end at the meeting with its time', () => {
    const start = Date.UTC(2026, 9, 31, 23); // 2026-11-01 00:00 CET
    expect(periodLabel(start, Date.UTC(2026, 10, 23, 23), 'Europe/Berlin')).toBe('2026-11-01 – 2026-11-23');
    expect(periodLabel(start, Date.UTC(2026, 10, 24, 9), 'Europe/Berlin')).toBe('2026-11-01 – 2026-11-24 10:00');
  });
});

describe('reconcile', () => {
  it('keeps an item saved at a newer version than a late answer, at the answer’s position', () => {
    const cur = meeting([item('a', 1, 'incidents', { notes: 'new', version: 3 }), item('b', 2, 'incidents')]);
    const late = meeting([item('b', 1, 'incidents'), item('a', 2, 'incidents', { notes: 'old', version: 2 })]);
    const m = reconcile(cur, late);
    const a = m.items.find((i) => i.id === 'a')!;
    expect(a.notes).toBe('new');
    expect(a.position).toBe(2);
  });
  it('keeps the meeting’s own fields when the answer is older', () => {
    const cur = meeting([], { title: 'Renamed', version: 4 });
    expect(reconcile(cur, meeting([], { title: 'Old', version: 3 })).title).toBe('Renamed');
    expect(reconcile(cur, meeting([], { title: 'Newer', version: 5 })).title).toBe('Newer');
  });
});

describe('the meeting store', () => {
  it('keeps the selection by item id across reloads, and moves it off an item that left', async () => {
    const st = new MeetingStore();
    await st.load('MTG-0001');
    expect(st.selectedId).toBe('a');
    st.moveSelection(1);
    expect(st.selectedId).toBe('b');
    server = { ...server, items: [item('new', 1, 'incidents'), ...server.items.map((x) => ({ ...x, position: x.position + 1 }) as AgendaItem)] };
    await st.reload();
    expect(st.selectedId).toBe('b');
    server = { ...server, items: server.items.filter((x) => x.id !== 'b') };
    await st.reload();
    expect(st.selectedId).toBe('c');
  });

  it('moves an item past its neighbour within its section, shown at once and reconciled with the answer', async () => {
    const st = new MeetingStore();
    await st.load('MTG-0001');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    vi.mocked(api.moveAgendaItem).mockImplementationOnce(async (_m, id, pos) => {
      await gate;
      server = { ...server, items: moveLocally(server.items, id, pos) };
      return answer();
    });
    const p = st.move('b', -1);
    expect(st.visible.map((i) => i.id)).toEqual(['b', 'a', 'c', 'd']);
    expect(api.moveAgendaItem).toHaveBeenCalledWith('m1', 'b', 1);
    release();
    await p;
    expect(st.visible.map((i) => i.id)).toEqual(['b', 'a', 'c', 'd']);
    expect(st.meeting!.items.map((i) => i.position)).toEqual([1, 2, 3, 4]);
    // The first of its section does not move up into the section above.
    vi.mocked(api.moveAgendaItem).mockClear();
    await st.move('c', -1);
    expect(api.moveAgendaItem).not.toHaveBeenCalled();
  });

  it('goes back to what the Go side has when a move fails', async () => {
    const st = new MeetingStore();
    await st.load('MTG-0001');
    vi.mocked(api.moveAgendaItem).mockRejectedValueOnce(new ApiError('internal', 'disk full'));
    await st.move('a', 1);
    expect(st.visible.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(toasts.items.at(-1)?.kind).toBe('error');
  });

  it('dismisses a generated item with an Undo that restores it, the selection moving on', async () => {
    const st = new MeetingStore();
    await st.load('MTG-0001');
    await st.dismiss('a');
    expect(api.dismissAgendaItem).toHaveBeenCalledWith('m1', 'a', true);
    expect(st.visible.map((i) => i.id)).toEqual(['b', 'c', 'd']);
    expect(st.selectedId).toBe('b');
    expect(st.dismissedCount).toBe(1);
    const t = toasts.items.at(-1)!;
    expect(t.message).toContain('Dismissed');
    await t.action!.run();
    expect(api.dismissAgendaItem).toHaveBeenLastCalledWith('m1', 'a', false);
    expect(st.visible.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('removes a hand-added item with an Undo that adds it again with its notes', async () => {
    server = { ...server, items: server.items.map((x) => (x.id === 'd' ? ({ ...x, body: 'why', notes: 'said' } as AgendaItem) : x)) };
    const st = new MeetingStore();
    await st.load('MTG-0001');
    await st.dismiss('d');
    expect(st.meeting!.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    await toasts.items.at(-1)!.action!.run();
    expect(api.addAgendaItem).toHaveBeenCalledWith('m1', { section: 'other', title: 'Item d', body: 'why', notes: 'said' });
    expect(st.selectedId).toBe('new');
  });

  it('saves notes a second after typing stops, with the version read, and once for a burst', async () => {
    vi.useFakeTimers();
    const st = new MeetingStore();
    await st.load('MTG-0001');
    vi.mocked(api.updateAgendaItem).mockImplementation(async (_m, id, input, version) => {
      const it = server.items.find((x) => x.id === id)!;
      if (version !== it.version) throw new ApiError('conflict', 'stale');
      const saved = { ...it, notes: input.notes!, version: it.version + 1 } as AgendaItem;
      server = { ...server, items: server.items.map((x) => (x.id === id ? saved : x)) };
      return structuredClone(saved);
    });
    st.editNotes('a', 'H');
    st.editNotes('a', 'Hello');
    expect(st.note('a')?.status).toBe('pending');
    await vi.advanceTimersByTimeAsync(900);
    expect(api.updateAgendaItem).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(api.updateAgendaItem).toHaveBeenCalledTimes(1);
    expect(api.updateAgendaItem).toHaveBeenCalledWith('m1', 'a', { notes: 'Hello' }, 1);
    expect(st.note('a')?.status).toBe('saved');
    expect(st.item('a')?.version).toBe(2);
    // The next save names the new version.
    st.editNotes('a', 'Hello again');
    await st.flushNotes('a');
    expect(api.updateAgendaItem).toHaveBeenLastCalledWith('m1', 'a', { notes: 'Hello again' }, 2);
  });

  it('stops at a conflict and keeps the typed text until reloaded', async () => {
    vi.useFakeTimers();
    const st = new MeetingStore();
    await st.load('MTG-0001');
    vi.mocked(api.updateMeeting).mockRejectedValue(new ApiError('conflict', 'stale'));
    st.editNotes(MINUTES, 'My minutes');
    await vi.advanceTimersByTimeAsync(1100);
    expect(st.note(MINUTES)?.status).toBe('conflict');
    expect(st.noteText(MINUTES)).toBe('My minutes');
    // A reload of the meeting meanwhile does not take the text away.
    server = { ...server, notes: 'Theirs', version: 2 };
    await st.reload();
    expect(st.noteText(MINUTES)).toBe('My minutes');
    await st.reloadNotes(MINUTES);
    expect(st.noteText(MINUTES)).toBe('Theirs');
    expect(st.note(MINUTES)?.status).toBe('idle');
  });

  it('shows notes saved elsewhere when nothing is being typed', async () => {
    const st = new MeetingStore();
    await st.load('MTG-0001');
    vi.mocked(api.updateMeeting).mockImplementation(async (_id, edit) => {
      server = { ...server, notes: edit.notes!, version: server.version + 1 };
      return answer();
    });
    st.editNotes(MINUTES, 'Mine');
    await st.flushNotes(MINUTES);
    server = { ...server, notes: 'Edited in the CLI', version: server.version + 1 };
    await st.reload();
    expect(st.noteText(MINUTES)).toBe('Edited in the CLI');
  });

  it('puts the error under the decision field for an empty decision', async () => {
    const st = new MeetingStore();
    await st.load('MTG-0001');
    vi.mocked(api.addDecision).mockRejectedValueOnce(new ApiError('invalid', 'bad', { text: 'is required: say what was decided' }));
    expect(await st.addDecision('a', ' ')).toBe('The decision is required: say what was decided');
  });
});
