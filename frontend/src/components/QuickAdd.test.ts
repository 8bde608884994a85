import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';

vi.mock('../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/api')>();
  return {
    ...real,
    addEvent: vi.fn(),
    listEvents: vi.fn(),
    counts: vi.fn().mockResolvedValue({ total: 0, active: 0, trashed: 0 }),
    suggest: vi.fn().mockResolvedValue({ services: [], tags: [], people: [] }),
    reportError: vi.fn().mockResolvedValue(undefined),
  };
});

import * as api from '../lib/api';
import { ApiError, type TimelineEvent } from '../lib/api';
import { appState } from '../stores/app.svelte';
import { timeline } from '../stores/timeline.svelte';
import QuickAdd from './QuickAdd.svelte';

const saved = {
  id: 'ev-1',
  incidentId: 'inc-1',
  at: Date.parse('2026-11-23T13:05:00Z'),
  kind: 'deploy',
  author: 'Ana',
  body: 'rolled back',
  source: 'manual',
  sourceFormat: '',
  tags: [],
  keyMoment: '',
  updatedAt: 1,
} as TimelineEvent;

beforeEach(() => {
  appState.meta = {
    ...appState.meta,
    systemZone: 'Europe/Berlin',
    eventKinds: [
      { name: 'alert', label: 'Alert' },
      { name: 'deploy', label: 'Deploy' },
      { name: 'note', label: 'Note' },
    ],
  };
  appState.settings = { theme: 'system', zone: '', userName: 'Ana' };
  vi.mocked(api.listEvents).mockResolvedValue({ items: [], total: 0, offset: 0, limit: 200 });
  timeline.open('inc-1');
});

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('QuickAdd', () => {
  it('refuses a line without a time, under the line, and saves nothing', async () => {
    render(QuickAdd, { day: '2026-11-23' });
    const line = screen.getByLabelText('Add an event');
    await fireEvent.input(line, { target: { value: 'rolled back the deploy' } });
    await fireEvent.keyDown(line, { key: 'Enter' });
    const msg = await screen.findByRole('alert');
    expect(msg.textContent).toBe('Start with a time, e.g. 14:05');
    expect(line.getAttribute('aria-describedby')).toBe(msg.id);
    expect(line.getAttribute('aria-invalid')).toBe('true');
    expect(api.addEvent).not.toHaveBeenCalled();
  });

  it('builds the event from the line, saves it, then clears and keeps focus', async () => {
    vi.mocked(api.addEvent).mockResolvedValue(saved);
    vi.mocked(api.listEvents).mockResolvedValue({ items: [saved], total: 1, offset: 0, limit: 200 });
    render(QuickAdd, { day: '2026-11-23' });
    const line = screen.getByLabelText('Add an event') as HTMLInputElement;
    line.focus();
    await fireEvent.input(line, { target: { value: '14:05 [deploy] rolled back' } });
    await fireEvent.keyDown(line, { key: 'Enter' });
    await waitFor(() => expect(line.value).toBe(''));
    expect(api.addEvent).toHaveBeenCalledWith('inc-1', {
      at: '2026-11-23 14:05',
      zone: 'Europe/Berlin',
      kind: 'deploy',
      author: 'Ana',
      body: 'rolled back',
      tags: [],
      keyMoment: '',
    });
    expect(document.activeElement).toBe(line);
    await waitFor(() => expect(timeline.selected).toBe(0));
    expect(timeline.selectedId).toBe('ev-1');
  });

  it("shows Go's field error under the line and keeps the text", async () => {
    vi.mocked(api.addEvent).mockRejectedValue(
      new ApiError('invalid', 'invalid event', { at: 'Time "2026-11-23 25:99" is not a time' }),
    );
    render(QuickAdd, { day: '2026-11-23' });
    const line = screen.getByLabelText('Add an event') as HTMLInputElement;
    await fireEvent.input(line, { target: { value: '25:99 nope' } });
    await fireEvent.keyDown(line, { key: 'Enter' });
    const msg = await screen.findByRole('alert');
    expect(msg.textContent).toBe('Time "2026-11-23 25:99" is not a time');
    expect(line.value).toBe('25:99 nope');
  });
});
