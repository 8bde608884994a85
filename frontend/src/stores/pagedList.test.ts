import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/api')>();
  return { ...real, reportError: vi.fn().mockResolvedValue(undefined) };
});

import { PagedList, type Page } from './pagedList.svelte';
import { toasts } from './toasts.svelte';

const flush = () => new Promise((r) => setTimeout(r, 0));

/** Numbers 0..total-1 in pages of 10; the filter is a minimum. */
class Numbers extends PagedList<number> {
  min = 0;
  totalRows = 95;
  fetched: number[] = [];
  resets = 0;
  fetchImpl = (offset: number, limit: number): Promise<Page<number>> => {
    const all = Array.from({ length: this.totalRows }, (_, i) => i).filter((n) => n >= this.min);
    return Promise.resolve({ items: all.slice(offset, offset + limit), total: all.length });
  };

  constructor() {
    super({ pageSize: 10, debounceMs: 50, failure: 'Could not load the numbers' });
  }
  protected fetch(offset: number, limit: number): Promise<Page<number>> {
    this.fetched.push(offset);
    return this.fetchImpl(offset, limit);
  }
  protected cleared(): void {
    this.resets++;
  }
  load(p: number) {
    return this.loadPage(p);
  }
}

afterEach(() => {
  toasts.items = [];
  vi.useRealTimers();
});

describe('PagedList', () => {
  it('loads the first page on reset and learns the total', async () => {
    const l = new Numbers();
    expect(l.total).toBeNull();
    await l.reset();
    expect(l.total).toBe(95);
    expect(l.row(0)).toBe(0);
    expect(l.row(9)).toBe(9);
    expect(l.row(10)).toBeUndefined();
    expect(l.row(-1)).toBeUndefined();
    expect(l.resets).toBe(1);
  });

  it('fetches only the pages behind the rows asked for, once each', async () => {
    const l = new Numbers();
    await l.reset();
    l.fetched = [];
    l.ensure(38, 52);
    l.ensure(39, 55); // the same pages again while they load
    await flush();
    expect(l.fetched).toEqual([30, 40, 50]);
    expect(l.row(52)).toBe(52);
    l.ensure(40, 45); // already cached
    expect(l.fetched).toEqual([30, 40, 50]);
  });

  it('drops the answer to a filter no longer shown', async () => {
    const l = new Numbers();
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const real = l.fetchImpl;
    l.fetchImpl = async (o, n) => {
      await slow;
      return real(o, n);
    };
    const first = l.reset();
    l.fetchImpl = real;
    l.min = 50;
    await l.reset();
    release();
    await first;
    expect(l.total).toBe(45);
    expect(l.row(0)).toBe(50);
  });

  it('keeps the old pages on screen until the new first page lands', async () => {
    const l = new Numbers();
    await l.reset();
    await l.load(1);
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const real = l.fetchImpl;
    l.fetchImpl = async (o, n) => {
      await slow;
      return real(o, n);
    };
    l.totalRows = 200;
    const p = l.reset(true);
    expect(l.row(15)).toBe(15); // still shown
    expect(l.resets).toBe(1); // the place is kept
    release();
    await p;
    expect(l.total).toBe(200);
    expect(l.pages.has(1)).toBe(false); // stale pages dropped
  });

  it('marks the list failed and stops loading after an error', async () => {
    const l = new Numbers();
    l.fetchImpl = () => Promise.reject(new Error('boom'));
    await l.reset();
    expect(l.failed).toBe(true);
    expect(l.total).toBe(0);
    expect(toasts.items.some((t) => t.message.includes('Could not load the numbers'))).toBe(true);
    l.fetched = [];
    l.ensure(0, 20);
    expect(l.fetched).toEqual([]);
  });

  it('keeps the known total when a later page says -1', async () => {
    const l = new Numbers();
    await l.reset();
    l.fetchImpl = (o) => Promise.resolve({ items: [o], total: -1 });
    await l.load(3);
    expect(l.total).toBe(95);
    expect(l.row(30)).toBe(30);
  });

  it('follows the typed text after a pause', async () => {
    vi.useFakeTimers();
    const l = new Numbers();
    l.setText('a');
    l.setText('ab');
    expect(l.query).toBe('');
    await vi.advanceTimersByTimeAsync(60);
    expect(l.query).toBe('ab');
    expect(l.fetched).toEqual([0]);
  });
});
