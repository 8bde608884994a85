import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { tick } from 'svelte';

vi.mock('../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/api')>();
  return {
    ...real,
    createIncident: vi.fn(),
    updateIncident: vi.fn(),
    counts: vi.fn().mockResolvedValue({ total: 0, active: 0, trashed: 0 }),
    suggest: vi.fn().mockResolvedValue({ services: ['api', 'checkout'], tags: [], people: ['Ana'] }),
    reportError: vi.fn().mockResolvedValue(undefined),
  };
});

import * as api from '../lib/api';
import { ApiError, type Incident } from '../lib/api';
import { appState } from '../stores/app.svelte';
import IncidentForm from './IncidentForm.svelte';

const created = { id: 'id-1', ref: 'INC-0001' } as Incident;

beforeEach(() => {
  appState.meta = {
    ...appState.meta,
    systemZone: 'Europe/Berlin',
    severities: [
      { name: 'SEV1', label: 'Critical', meaning: 'Outage.' },
      { name: 'SEV2', label: 'Major', meaning: 'Broken.' },
    ],
    statuses: [
      { name: 'investigating', label: 'Investigating', meaning: 'Looking.', active: true },
      { name: 'resolved', label: 'Resolved', meaning: 'Over.', active: false },
    ],
  };
  appState.settings = { theme: 'system', zone: '', userName: '' };
});

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('IncidentForm', () => {
  it('shows the Go side’s message under the title field and focuses it', async () => {
    vi.mocked(api.createIncident).mockRejectedValue(
      new ApiError('invalid', 'title: is required', { title: 'is required' }),
    );
    const onsaved = vi.fn();
    render(IncidentForm, { props: { onsaved, oncancel: vi.fn() } });

    await fireEvent.click(screen.getByRole('button', { name: 'Create incident' }));

    const title = screen.getByLabelText('Title');
    await waitFor(() => expect(title.getAttribute('aria-invalid')).toBe('true'));
    const message = document.getElementById(title.getAttribute('aria-describedby')!);
    expect(message?.textContent).toBe('Title is required');
    expect(document.activeElement).toBe(title);
    expect(onsaved).not.toHaveBeenCalled();
  });

  it('puts a key-moment error under that moment', async () => {
    vi.mocked(api.createIncident).mockRejectedValue(
      new ApiError('invalid', 'resolvedAt: is before the start', {
        resolvedAt: 'is before the start (2026-11-23 14:05 CET)',
      }),
    );
    render(IncidentForm, { props: { onsaved: vi.fn(), oncancel: vi.fn() } });
    await fireEvent.click(screen.getByRole('button', { name: 'Create incident' }));

    const resolved = screen.getByLabelText('Resolved');
    await waitFor(() => expect(resolved.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(resolved.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Resolved is before the start (2026-11-23 14:05 CET)',
    );
    expect(screen.getByLabelText('Title').getAttribute('aria-invalid')).toBe('false');
  });

  it('shows an error with no field as a banner', async () => {
    vi.mocked(api.createIncident).mockRejectedValue(new ApiError('internal', 'Internal error: see the log.'));
    render(IncidentForm, { props: { onsaved: vi.fn(), oncancel: vi.fn() } });
    await fireEvent.click(screen.getByRole('button', { name: 'Create incident' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Internal error: see the log.');
  });

  it('sends what was typed, the zone, and a start prefilled with now', async () => {
    vi.mocked(api.createIncident).mockResolvedValue(created);
    const onsaved = vi.fn();
    render(IncidentForm, { props: { onsaved, oncancel: vi.fn() } });

    const started = screen.getByLabelText('Started') as HTMLInputElement;
    expect(started.value).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    await fireEvent.input(screen.getByLabelText('Title'), { target: { value: 'Checkout is down' } });
    await fireEvent.click(screen.getByRole('radio', { name: /SEV2/ }));
    const services = screen.getByLabelText('Services');
    await fireEvent.input(services, { target: { value: 'checkout' } });
    await fireEvent.keyDown(services, { key: 'Enter' });
    await tick();
    await fireEvent.click(screen.getByRole('button', { name: 'Create incident' }));

    await waitFor(() => expect(onsaved).toHaveBeenCalledWith(created));
    const input = vi.mocked(api.createIncident).mock.calls[0][0];
    expect(input).toMatchObject({
      title: 'Checkout is down',
      severity: 'SEV2',
      services: ['checkout'],
      zone: 'Europe/Berlin',
      startedAt: started.value,
      resolvedAt: '',
    });
  });

  it('on edit offers only the current status and the next ones, and sends the version', async () => {
    const incident = {
      id: 'id-7',
      ref: 'INC-0007',
      title: 'Old title',
      summary: '',
      severity: 'SEV1',
      status: 'investigating',
      services: [],
      tags: [],
      commander: '',
      customerImpact: '',
      startedAt: Date.parse('2026-11-23T13:05:30Z'),
      version: 4,
      nextStatuses: ['resolved'],
    } as unknown as Incident;
    vi.mocked(api.updateIncident).mockResolvedValue(incident);
    render(IncidentForm, { props: { incident, onsaved: vi.fn(), oncancel: vi.fn() } });

    const options = [...(screen.getByLabelText('Status') as HTMLSelectElement).options].map((o) => o.value);
    expect(options).toEqual(['investigating', 'resolved']);
    expect((screen.getByLabelText('Started') as HTMLInputElement).value).toBe('2026-11-23 14:05');

    await fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.updateIncident).toHaveBeenCalled());
    const [id, input, version] = vi.mocked(api.updateIncident).mock.calls[0];
    expect(id).toBe('id-7');
    expect(version).toBe(4);
    // An untouched time goes back exactly, seconds and all.
    expect(input.startedAt).toBe('2026-11-23T13:05:30.000Z');
  });

  it('explains a conflict and offers to reload', async () => {
    const incident = {
      id: 'id-7', ref: 'INC-0007', title: 'T', summary: '', severity: 'SEV1', status: 'investigating',
      services: [], tags: [], commander: '', customerImpact: '', startedAt: 0, version: 1, nextStatuses: [],
    } as unknown as Incident;
    vi.mocked(api.updateIncident).mockRejectedValue(new ApiError('conflict', 'changed'));
    const onreload = vi.fn();
    render(IncidentForm, { props: { incident, onsaved: vi.fn(), oncancel: vi.fn(), onreload } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect((await screen.findByRole('alert')).textContent).toContain('changed elsewhere');
    await fireEvent.click(screen.getByRole('button', { name: /Reload the incident/ }));
    expect(onreload).toHaveBeenCalled();
  });
});
