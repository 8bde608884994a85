import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';

vi.mock('../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/api')>();
  return {
    ...real,
    similarIncidents: vi.fn(),
    reportError: vi.fn().mockResolvedValue(undefined),
  };
});

import * as api from '../lib/api';
import { ApiError, type Incident, type SimilarIncident } from '../lib/api';
import { appState } from '../stores/app.svelte';
import SimilarIncidents from './SimilarIncidents.svelte';

const incident = { id: 'inc-1', ref: 'INC-0001', version: 1 } as Incident;

const alike: SimilarIncident = {
  id: 'inc-2',
  ref: 'INC-0002',
  title: 'Pool exhaustion after deploy',
  severity: 'SEV1',
  status: 'resolved',
  startedAt: Date.UTC(2026, 5, 12, 9, 0),
  score: 0.6,
  reasons: [
    { kind: 'causes', text: 'Root cause alike: “Pool exhausted” ~ “Pool exhaustion after deploy”', items: [] },
    { kind: 'services', text: 'Same services: checkout, payments', items: ['checkout', 'payments'] },
  ],
} as SimilarIncident;

beforeEach(() => {
  appState.settings = { theme: 'light', zone: 'UTC', userName: 'Ana' };
});

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('SimilarIncidents', () => {
  it('shows each alike incident as a link with its severity, start and reasons', async () => {
    vi.mocked(api.similarIncidents).mockResolvedValue([alike]);
    render(SimilarIncidents, { incident });
    const link = await screen.findByRole('link', { name: /INC-0002/ });
    expect(link.getAttribute('href')).toBe('#/incidents/INC-0002');
    expect(link.textContent).toContain('Pool exhaustion after deploy');
    expect(link.textContent).toContain('SEV1');
    expect(link.textContent).toContain('2026-06-12 09:00 UTC');
    expect(link.textContent).toContain('Same services: checkout, payments');
    expect(link.textContent).toContain('Root cause alike:');
    expect(api.similarIncidents).toHaveBeenCalledWith('inc-1');
  });

  it('says what shows here when nothing is alike', async () => {
    vi.mocked(api.similarIncidents).mockResolvedValue([]);
    render(SimilarIncidents, { incident });
    expect(await screen.findByText(/Nothing alike yet — incidents that share services, root causes or words show here\./)).toBeTruthy();
  });

  it('shows a failure with a way to try again', async () => {
    vi.mocked(api.similarIncidents).mockRejectedValueOnce(new ApiError('internal', 'disk trouble')).mockResolvedValue([alike]);
    render(SimilarIncidents, { incident });
    expect((await screen.findByRole('alert')).textContent).toContain('disk trouble');
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: /INC-0002/ })).toBeTruthy();
  });
});
