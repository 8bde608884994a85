import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';

// jsdom has no canvas: the charts are counted, not drawn.
const plots = vi.hoisted(() => ({ made: 0, destroyed: 0, last: null as unknown }));
vi.mock('uplot', () => {
  class FakePlot {
    constructor(opts: unknown, data: unknown) {
      plots.made++;
      plots.last = { opts, data };
    }
    destroy() {
      plots.destroyed++;
    }
    static pxRatio = 1;
  }
  return { default: FakePlot };
});

vi.mock('../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/api')>();
  return {
    ...real,
    addDecision: vi.fn(),
    exportMeeting: vi.fn(),
    meetingExportDir: vi.fn().mockResolvedValue('/home/ana/meetings'),
    chooseMeetingExportDir: vi.fn().mockResolvedValue('/tmp/chosen'),
    reportError: vi.fn().mockResolvedValue(undefined),
  };
});

import * as api from '../lib/api';
import { ApiError, type AgendaItem, type Meeting } from '../lib/api';
import { appState } from '../stores/app.svelte';
import { toasts } from '../stores/toasts.svelte';
import MeetingExportDialog from './MeetingExportDialog.svelte';
import MeetingPresent from './MeetingPresent.svelte';
import TrendSpark from './TrendSpark.svelte';

const TREND = JSON.stringify({
  kind: 'trend_incident_count',
  label: 'Incidents',
  unit: 'count',
  points: [
    { start: '2026-10-01T00:00:00Z', end: '2026-10-08T00:00:00Z', value: 1, n: 1 },
    { start: '2026-10-08T00:00:00Z', end: '2026-10-15T00:00:00Z', value: null, n: 0 },
    { start: '2026-10-15T00:00:00Z', end: '2026-10-22T00:00:00Z', value: 1, n: 1 },
    { start: '2026-10-22T00:00:00Z', end: '2026-10-29T00:00:00Z', value: 3, n: 3 },
  ],
});

function item(id: string, position: number, over: Partial<AgendaItem> = {}): AgendaItem {
  return {
    id,
    position,
    section: 'incidents',
    kind: 'incident',
    title: `Item ${id}`,
    body: '',
    bodyHtml: '',
    incidentId: '',
    incidentRef: '',
    actionId: '',
    actionRef: '',
    postmortemId: '',
    data: '',
    manual: false,
    dismissed: false,
    notes: '',
    reviewed: false,
    decisions: [],
    actions: [],
    version: 1,
    ...over,
  } as AgendaItem;
}

function meeting(over: Partial<Meeting> = {}): Meeting {
  return {
    id: 'm1',
    ref: 'MTG-0001',
    seriesId: 's1',
    seriesName: 'Weekly review',
    cadence: 'weekly',
    zone: 'Europe/Berlin',
    title: 'Weekly review 2026-11-24',
    at: Date.UTC(2026, 10, 24, 9),
    periodStart: Date.UTC(2026, 10, 17, 9),
    periodEnd: Date.UTC(2026, 10, 24, 9),
    facilitator: 'Ana',
    attendees: [],
    status: 'planned',
    version: 1,
    notes: '',
    fileName: 'MTG-0001-weekly-review-2026-11-24-agenda.md',
    sections: [
      { name: 'incidents', label: 'Incidents in the period' },
      { name: 'trends', label: 'Trends' },
    ],
    items: [
      item('a', 1, { bodyHtml: '<p>Checkout <strong>502</strong></p>', incidentRef: 'INC-0042', notes: 'Ask Bo', actions: ['ACT-0007'] }),
      item('b', 2, { dismissed: true }),
      item('c', 3, { section: 'trends', kind: 'trend_incident_count', data: TREND }),
      item('d', 4, { section: 'trends', decisions: [{ id: 'x', text: 'Keep the canary', author: 'Ana', createdAt: Date.UTC(2026, 10, 24, 9, 30) }] }),
    ],
    actions: [{ ref: 'ACT-0007', title: 'Alert on 502s', owner: 'Bo', due: '2026-12-01' }],
    ...over,
  } as unknown as Meeting;
}

beforeEach(() => {
  appState.meta = { ...appState.meta, systemZone: 'Europe/Berlin' };
  appState.settings = { theme: 'system', zone: '', userName: 'Ana' };
  plots.made = 0;
  plots.destroyed = 0;
});

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

const title = () => screen.getByRole('heading', { level: 2 }).textContent?.trim();
const key = (k: string, target: Element = screen.getByRole('dialog')) => fireEvent.keyDown(target, { key: k });

describe('MeetingPresent', () => {
  it('shows one item at a time, skipping dismissed ones, with the section and the count', async () => {
    render(MeetingPresent, { meeting: meeting(), onclose: vi.fn() });
    expect(title()).toBe('Item a');
    expect(screen.getByText('Incidents in the period')).toBeTruthy();
    expect(screen.getByLabelText('Item 1 of 3').textContent).toBe('1 / 3');
    expect(screen.getByText('502').tagName).toBe('STRONG');
    expect(screen.getByText('INC-0042')).toBeTruthy();
    expect(screen.getByText('Ask Bo')).toBeTruthy();
    expect(screen.getByText('Alert on 502s')).toBeTruthy();
    await key('ArrowRight');
    expect(title()).toBe('Item c');
    expect(screen.getByLabelText('Item 2 of 3')).toBeTruthy();
  });

  it('moves with the keys and the buttons, and Esc closes', async () => {
    const onclose = vi.fn();
    render(MeetingPresent, { meeting: meeting(), onclose });
    for (const [k, want] of [
      ['j', 'Item c'],
      [' ', 'Item d'],
      ['PageDown', 'Item d'],
      ['k', 'Item c'],
      ['PageUp', 'Item a'],
      ['ArrowLeft', 'Item a'],
      ['End', 'Item d'],
      ['Home', 'Item a'],
    ]) {
      await key(k);
      expect(title(), k).toBe(want);
    }
    await fireEvent.click(screen.getByRole('button', { name: /Next/ }));
    expect(title()).toBe('Item c');
    await fireEvent.click(screen.getByRole('button', { name: /Previous/ }));
    expect(title()).toBe('Item a');
    expect((screen.getByRole('button', { name: /Previous/ }) as HTMLButtonElement).disabled).toBe(true);
    await key('Escape');
    expect(onclose).toHaveBeenCalledExactlyOnceWith('a');
    await key('End');
    await fireEvent.click(screen.getByRole('button', { name: 'Stop presenting' }));
    expect(onclose).toHaveBeenCalledTimes(2);
    expect(onclose).toHaveBeenLastCalledWith('d'); // the page selects the item last shown
  });

  it('starts at the item named by start and keeps its keys from the page underneath', async () => {
    const below = vi.fn();
    window.addEventListener('keydown', below);
    try {
      render(MeetingPresent, { meeting: meeting(), start: 'd', onclose: vi.fn() });
      expect(title()).toBe('Item d');
      await key('k');
      await key('?');
      await key('g');
      expect(below).not.toHaveBeenCalled();
      expect(title()).toBe('Item c');
    } finally {
      window.removeEventListener('keydown', below);
    }
  });

  it('draws a larger trend chart for a trend item', async () => {
    render(MeetingPresent, { meeting: meeting(), start: 'c', onclose: vi.fn() });
    const spark = await screen.findByTestId('trend-spark');
    expect(spark.classList.contains('large')).toBe(true);
    expect(spark.textContent).toContain('Incidents: 3, up from 1 vs previous period (worse)');
    expect(plots.made).toBe(1);
  });

  it('records a decision with d and Enter, showing what the Go side answered', async () => {
    const saved = meeting();
    saved.items[0] = item('a', 1, { decisions: [{ id: 'n', text: 'Add a 502 alert', author: 'Ana', createdAt: Date.UTC(2026, 10, 24, 10) }] as AgendaItem['decisions'] });
    vi.mocked(api.addDecision).mockResolvedValueOnce(saved);
    render(MeetingPresent, { meeting: meeting(), onclose: vi.fn() });
    await key('d');
    const input = screen.getByLabelText('Decision') as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(input));
    // Letters typed into the field are text, not navigation.
    await fireEvent.keyDown(input, { key: 'j' });
    expect(title()).toBe('Item a');
    await fireEvent.input(input, { target: { value: 'Add a 502 alert' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(api.addDecision).toHaveBeenCalledWith('MTG-0001', 'a', 'Add a 502 alert');
    await waitFor(() => expect(screen.getByText('Add a 502 alert')).toBeTruthy());
    expect(screen.queryByLabelText('Decision')).toBeNull();
    expect(screen.getByText(/Ana · 2026-11-24 11:00 CET/)).toBeTruthy();
  });

  it('shows the error under the decision field and Esc there cancels, not closes', async () => {
    vi.mocked(api.addDecision).mockRejectedValueOnce(
      new ApiError('invalid', 'text: is required: say what was decided', { text: 'is required: say what was decided' }),
    );
    const onclose = vi.fn();
    render(MeetingPresent, { meeting: meeting(), onclose });
    await fireEvent.click(screen.getByRole('button', { name: /Add decision/ }));
    const input = screen.getByLabelText('Decision');
    await fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Decision is required: say what was decided'));
    expect(input.getAttribute('aria-invalid')).toBe('true');
    await fireEvent.keyDown(input, { key: 'Escape' });
    expect(onclose).not.toHaveBeenCalled();
    expect(screen.queryByLabelText('Decision')).toBeNull();
  });

  it('goes section by section like the agenda list, then by position', async () => {
    const m = meeting();
    m.items = [...m.items, item('late', 9, { section: 'incidents' }), item('odd', 2, { section: 'elsewhere' })];
    render(MeetingPresent, { meeting: m, onclose: vi.fn() });
    const seen = [title()];
    for (let k = 0; k < 4; k++) {
      await key('ArrowRight');
      seen.push(title());
    }
    expect(seen).toEqual(['Item a', 'Item late', 'Item c', 'Item d', 'Item odd']);
  });

  it('says so when every item was dismissed', () => {
    const m = meeting();
    m.items = m.items.map((i) => ({ ...i, dismissed: true }) as AgendaItem);
    render(MeetingPresent, { meeting: m, onclose: vi.fn() });
    expect(screen.getByText(/every item was dismissed/)).toBeTruthy();
    expect(screen.getByLabelText('No items')).toBeTruthy();
  });
});

describe('TrendSpark', () => {
  it('draws the points with gaps and says the change in words', () => {
    render(TrendSpark, { data: TREND, label: 'Incidents this week' });
    const spark = screen.getByTestId('trend-spark');
    expect(spark.textContent).toContain('3');
    expect(spark.textContent).toContain('▲');
    expect(spark.querySelector('.sr-only')?.textContent).toBe('Incidents this week: 3, up from 1 vs previous period (worse)');
    expect(spark.querySelector('.change')?.classList.contains('worse')).toBe(true);
    const { opts, data } = plots.last as { opts: { width: number; height: number }; data: unknown[] };
    expect([opts.width, opts.height]).toEqual([120, 28]);
    expect(data[1]).toEqual([1, null, 1, 3]);
  });

  it('renders nothing when the data is not a trend', () => {
    const { container } = render(TrendSpark, { data: '{"nope":1}' });
    expect(container.textContent?.trim()).toBe('');
    expect(plots.made).toBe(0);
  });
});

describe('MeetingExportDialog', () => {
  it('names the file it writes: agenda when planned, minutes when held', async () => {
    render(MeetingExportDialog, { meeting: meeting(), onclose: vi.fn() });
    expect(await screen.findByRole('heading', { name: 'Export agenda' })).toBeTruthy();
    expect(screen.getByTestId('mtg-export-file').textContent).toBe('MTG-0001-weekly-review-2026-11-24-agenda.md');
    await waitFor(() => expect((screen.getByLabelText('Folder') as HTMLInputElement).value).toBe('/home/ana/meetings'));
    cleanup();
    render(MeetingExportDialog, { meeting: meeting({ status: 'held', fileName: 'MTG-0001-weekly-review-2026-11-24-minutes.md' }), onclose: vi.fn() });
    expect(await screen.findByRole('heading', { name: 'Export minutes' })).toBeTruthy();
    expect(screen.getByTestId('mtg-export-file').textContent).toBe('MTG-0001-weekly-review-2026-11-24-minutes.md');
  });

  it('shows an existing file under the folder, overwrites on asking, then toasts the path and closes', async () => {
    const onclose = vi.fn();
    vi.mocked(api.exportMeeting)
      .mockRejectedValueOnce(
        new ApiError('invalid', 'dir: x', { dir: 'MTG-0001-weekly-review-2026-11-24-agenda.md already exists in /tmp/out; nothing was written' }),
      )
      .mockResolvedValueOnce({ dir: '/tmp/out', files: ['/tmp/out/MTG-0001-weekly-review-2026-11-24-agenda.md'] });
    render(MeetingExportDialog, { meeting: meeting(), onclose });
    const folder = (await screen.findByLabelText('Folder')) as HTMLInputElement;
    await fireEvent.input(folder, { target: { value: '/tmp/out' } });
    await fireEvent.submit(folder.closest('form')!);
    expect(api.exportMeeting).toHaveBeenCalledWith('MTG-0001', '/tmp/out', false);
    await waitFor(() => expect(screen.getByTestId('mtg-export-error').textContent).toMatch(/already exists/));
    await fireEvent.click(screen.getByRole('button', { name: 'Overwrite' }));
    expect(api.exportMeeting).toHaveBeenLastCalledWith('MTG-0001', '/tmp/out', true);
    await waitFor(() => expect(onclose).toHaveBeenCalledOnce());
    expect(toasts.items.at(-1)?.message).toBe('Agenda written to /tmp/out/MTG-0001-weekly-review-2026-11-24-agenda.md');
  });

  it('takes the folder from Choose…', async () => {
    render(MeetingExportDialog, { meeting: meeting(), onclose: vi.fn() });
    await fireEvent.click(await screen.findByRole('button', { name: /Choose/ }));
    await waitFor(() => expect((screen.getByLabelText('Folder') as HTMLInputElement).value).toBe('/tmp/chosen'));
  });
});
