import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';

vi.mock('../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/api')>();
  return {
    ...real,
    metricSources: vi.fn(),
    saveSource: vi.fn(),
    testSource: vi.fn(),
    deleteSource: vi.fn(),
    reportError: vi.fn().mockResolvedValue(undefined),
  };
});

import * as api from '../lib/api';
import { ApiError, type Source } from '../lib/api';
import SourcesSettings from './SourcesSettings.svelte';

const stored: Source = {
  id: 'src-1',
  name: 'prod-prom',
  kind: 'prometheus',
  url: 'https://prom.internal:9090',
  auth: 'bearer',
  username: '',
  secretEnv: '',
  caFile: '',
  skipVerify: true,
  timeoutSeconds: 0,
  createdAt: 1,
  updatedAt: 1,
  secretWhere: 'keyring',
  hasSecret: true,
};

beforeEach(() => {
  vi.mocked(api.metricSources).mockResolvedValue([stored]);
});

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('SourcesSettings', () => {
  it('lists a source with where its secret lives and a warning when TLS is not verified', async () => {
    render(SourcesSettings);
    const row = await screen.findByText('prod-prom');
    const item = row.closest('li')!;
    expect(item.textContent).toMatch(/bearer token, in the OS keyring/);
    expect(item.textContent).toMatch(/TLS not verified/);
  });

  it('never shows a stored secret again, and keeps it when the field is left empty', async () => {
    vi.mocked(api.saveSource).mockResolvedValue(stored);
    render(SourcesSettings);
    await fireEvent.click(await screen.findByRole('button', { name: 'Edit prod-prom' }));
    const secret = screen.getByLabelText('Token', { selector: 'input' }) as HTMLInputElement;
    expect(secret.type).toBe('password');
    expect(secret.value).toBe('');
    expect(secret.placeholder).toBe('stored in the OS keyring');
    expect(screen.getByText(/anyone between you and it/)).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: /Save source/ }));
    await waitFor(() => expect(api.saveSource).toHaveBeenCalled());
    const [id, input, sent] = vi.mocked(api.saveSource).mock.calls[0];
    expect(id).toBe('src-1');
    expect(sent).toBe('');
    expect(input).toMatchObject({ name: 'prod-prom', auth: 'bearer', skipVerify: true, secretEnv: '', timeoutSeconds: 0 });
  });

  it('puts the Go side field errors under their fields', async () => {
    vi.mocked(api.saveSource).mockRejectedValue(
      new ApiError('invalid', 'x', { url: 'must be an http:// or https:// address with a host' }),
    );
    render(SourcesSettings);
    await fireEvent.click(await screen.findByRole('button', { name: /Add source/ }));
    await fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'p' } });
    await fireEvent.input(screen.getByLabelText('URL'), { target: { value: 'prom:9090' } });
    await fireEvent.click(screen.getByRole('button', { name: /Save source/ }));
    const err = await screen.findByText(/URL must be an http/);
    expect(err.id).toBe('src-err-url');
    expect(screen.getByLabelText('URL').getAttribute('aria-invalid')).toBe('true');
  });

  it('shows the test result, or the error naming the source, next to the button', async () => {
    vi.mocked(api.testSource).mockResolvedValueOnce({ ok: true, message: 'Prometheus 2.42.0 answered in 12 ms', version: '2.42.0', elapsedMs: 12 });
    render(SourcesSettings);
    await fireEvent.click(await screen.findByRole('button', { name: /Add source/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect((await screen.findByTestId('source-test')).textContent).toMatch(/Prometheus 2.42.0 answered in 12 ms/);

    vi.mocked(api.testSource).mockRejectedValueOnce(
      new ApiError('unavailable', 'source "p" (http://127.0.0.1:1): connection refused'),
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(screen.getByTestId('source-test').textContent).toMatch(/source "p" .*connection refused/));
  });
});
