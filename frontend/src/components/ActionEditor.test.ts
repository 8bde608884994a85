import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';

vi.mock('../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/api')>();
  return {
    ...real,
    createAction: vi.fn(),
    updateAction: vi.fn(),
    renderMarkdown: vi.fn().mockResolvedValue('<p>x</p>'),
    actionCounts: vi.fn().mockResolvedValue({ open: 1, overdue: 0 }),
    counts: vi.fn().mockResolvedValue({ total: 0, active: 0, trashed: 0 }),
    suggest: vi.fn().mockResolvedValue({ services: [], tags: [], people: ['Ana'] }),
    reportError: vi.fn().mockResolvedValue(undefined),
  };
});

import * as api from '../lib/api';
import { ApiError, type Action } from '../lib/api';
import { appState } from '../stores/app.svelte';
import ActionAddLine from './ActionAddLine.svelte';
import ActionEditor from './ActionEditor.svelte';

const action = {
  id: 'a1',
  ref: 'ACT-0001',
  title: 'Look into latency',
  description: '',
  owner: '',
  due: '2026-12-01',
  priority: 'P2',
  type: 'prevent',
  status: 'open',
  reason: '',
  incidentId: 'inc-1',
  incidentRef: 'INC-0001',
  incidentTitle: 'Checkout 502',
  link: '',
  verification: '',
  createdAt: 1,
  updatedAt: 1,
  closedAt: null,
  version: 2,
  overdue: false,
  daysOverdue: 0,
  hints: [{ code: 'no_owner', message: 'No owner: an action nobody owns is not done. Name one person.' }],
} as unknown as Action;

beforeEach(() => {
  appState.meta = {
    ...appState.meta,
    systemZone: 'Europe/Berlin',
    priorities: [
      { name: 'P1', label: 'Urgent', defaultDueDays: 28, settingKey: 'actionDueP1' },
      { name: 'P2', label: 'Important', defaultDueDays: 56, settingKey: 'actionDueP2' },
      { name: 'P3', label: 'Normal', defaultDueDays: 84, settingKey: 'actionDueP3' },
    ],
    actionTypes: [{ name: 'prevent', label: 'Prevent', meaning: 'Stops it from happening again.' }],
    actionStatuses: [
      { name: 'open', label: 'Open', closed: false },
      { name: 'done', label: 'Done', closed: true },
      { name: 'wont_do', label: "Won't do", closed: true },
    ],
  };
  appState.settings = { theme: 'system', zone: '', userName: 'Ana' };
});

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('ActionAddLine', () => {
  it("shows the Go side's title error under the line and keeps the text", async () => {
    vi.mocked(api.createAction).mockRejectedValue(
      new ApiError('invalid', 'title: must be one line', { title: 'must be one line' }),
    );
    render(ActionAddLine, { incident: 'inc-1', oncreated: vi.fn() });
    const line = screen.getByLabelText('Add an action') as HTMLInputElement;
    await fireEvent.input(line, { target: { value: 'x' } });
    await fireEvent.keyDown(line, { key: 'Enter' });
    const msg = await screen.findByRole('alert');
    expect(msg.textContent).toBe('Title must be one line');
    expect(line.getAttribute('aria-describedby')).toBe(msg.id);
    expect(line.getAttribute('aria-invalid')).toBe('true');
    expect(line.value).toBe('x');
  });

  it('creates with the defaults left to the Go side, on the incident, then clears', async () => {
    const oncreated = vi.fn();
    vi.mocked(api.createAction).mockResolvedValue(action);
    render(ActionAddLine, { incident: 'inc-1', oncreated });
    const line = screen.getByLabelText('Add an action') as HTMLInputElement;
    await fireEvent.input(line, { target: { value: 'Alert on p99 over 800 ms' } });
    await fireEvent.keyDown(line, { key: 'Enter' });
    await waitFor(() => expect(oncreated).toHaveBeenCalledWith(action));
    expect(api.createAction).toHaveBeenCalledWith(
      expect.objectContaining({ title: 'Alert on p99 over 800 ms', incident: 'inc-1', priority: '', due: '', zone: 'Europe/Berlin' }),
    );
    expect(line.value).toBe('');
  });
});

describe('ActionEditor', () => {
  it('shows each field error under its field and focuses the first', async () => {
    vi.mocked(api.updateAction).mockRejectedValue(
      new ApiError('invalid', 'bad', {
        link: 'javascript: links are not allowed; use an http:// or https:// link',
        due: '"soon" is not a date; use YYYY-MM-DD, e.g. 2026-12-01',
      }),
    );
    render(ActionEditor, { action, onsaved: vi.fn(), oncancel: vi.fn(), onreload: vi.fn() });
    const link = screen.getByLabelText('Tracker link') as HTMLInputElement;
    await fireEvent.input(link, { target: { value: 'javascript:alert(1)' } });
    await fireEvent.submit(link.form!);
    await waitFor(() => expect(link.getAttribute('aria-invalid')).toBe('true'));
    const linkErr = document.getElementById(link.getAttribute('aria-describedby')!)!;
    expect(linkErr.textContent).toBe('Tracker link javascript: links are not allowed; use an http:// or https:// link');
    const due = screen.getByLabelText('Due date') as HTMLInputElement;
    expect(document.getElementById(due.getAttribute('aria-describedby')!)!.textContent).toMatch(/^Due date "soon" is not a date/);
    // Due comes before the link on the form.
    await waitFor(() => expect(document.activeElement).toBe(due));
    expect(api.updateAction).toHaveBeenCalledWith('a1', expect.objectContaining({ link: 'javascript:alert(1)', incident: 'INC-0001' }), 2);
  });

  it('says a conflict and offers to reload', async () => {
    const onreload = vi.fn();
    vi.mocked(api.updateAction).mockRejectedValue(new ApiError('conflict', 'changed'));
    render(ActionEditor, { action, onsaved: vi.fn(), oncancel: vi.fn(), onreload });
    const title = screen.getByLabelText('Title') as HTMLInputElement;
    await fireEvent.input(title, { target: { value: 'Alert on p99 over 800 ms' } });
    await fireEvent.submit(title.form!);
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toMatch(/ACT-0001 was changed elsewhere/);
    await fireEvent.click(screen.getByRole('button', { name: /Reload ACT-0001/ }));
    expect(onreload).toHaveBeenCalled();
  });

  it('shows the quality hints beside their field, without blocking', () => {
    render(ActionEditor, { action, onsaved: vi.fn(), oncancel: vi.fn(), onreload: vi.fn() });
    expect(screen.getByText(/No owner: an action nobody owns/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Save changes' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
