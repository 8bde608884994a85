import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import StartupError from './StartupError.svelte';

afterEach(cleanup);

describe('StartupError', () => {
  it('says the database could not be opened, why, and where', () => {
    render(StartupError, {
      message: 'db: /data/h.db was written by a newer version of Hindsight',
      dbPath: '/data/h.db',
      logPath: '/logs/hindsight.log',
    });
    expect(screen.getByRole('heading', { name: 'Hindsight could not open its database' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('newer version of Hindsight');
    expect(screen.getByText('/data/h.db')).toBeTruthy();
    expect(screen.getByText('/logs/hindsight.log')).toBeTruthy();
  });
});
