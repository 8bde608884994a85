// A list fetched in pages on demand as rows scroll into view, so thousands of
// rows cost only what is on screen: the page cache, the total, the guards that
// drop answers to a filter no longer shown, and the typed filter text that
// follows the keyboard after a pause. The incident list, the actions table
// and the timeline extend it with their filters, selection and what a page
// means to them.
import { fail } from './toasts.svelte';

/** One page as the Go side answers it. A negative total (the timeline's
 *  later pages) leaves the total already known standing. */
export type Page<T> = { items: T[] | null; total: number };

export abstract class PagedList<T> {
  /** The filter text as typed; `query` follows it after a pause. */
  text = $state('');
  query = $state('');

  /** Rows matching the filter; null until the first page arrives. */
  total = $state<number | null>(null);
  pages = $state.raw<Map<number, T[]>>(new Map());
  failed = $state(false);

  readonly pageSize: number;
  readonly #debounceMs: number;
  /** The toast's text when a page cannot be loaded. */
  readonly #failure: string;

  #generation = 0;
  /** After a data change the old pages stay on screen until the new first
   *  page arrives, so the list does not flash empty. */
  #stale = false;
  #inflight = new Set<number>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(opts: { pageSize: number; debounceMs: number; failure: string }) {
    this.pageSize = opts.pageSize;
    this.#debounceMs = opts.debounceMs;
    this.#failure = opts.failure;
  }

  /** Fetches the rows from offset on; the filter is the subclass's own. */
  protected abstract fetch(offset: number, limit: number): Promise<Page<T>>;
  /** Whether there is anything to load at all (the timeline needs an incident). */
  protected ready(): boolean {
    return true;
  }
  /** A reset that starts from the top: drop the selection and the place. */
  protected cleared(): void {}
  /** A page has landed in the cache (res.total is the page's own). */
  protected loaded(_page: number, _res: Page<T>): void {}
  /** What a settled filter text does: start the list over. */
  protected queried(): void {
    void this.reset();
  }

  setText(t: string): void {
    this.text = t;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      if (this.query !== this.text) {
        this.query = this.text;
        this.queried();
      }
    }, this.#debounceMs);
  }

  /** Empties the filter text at once, dropping a pending pause. */
  protected clearText(): void {
    clearTimeout(this.#timer);
    this.text = '';
    this.query = '';
  }

  /** Forgets every page and loads the first again: after a filter change
   *  (back to the top) or, with keepPlace, after a change to the data (the
   *  old pages stay on screen until the new ones land). */
  reset(keepPlace = false): Promise<void> {
    this.#generation++;
    this.#inflight.clear();
    if (keepPlace) {
      this.#stale = true;
    } else {
      this.pages = new Map();
      this.cleared();
    }
    this.failed = false;
    return this.loadPage(0);
  }

  /** Loads every page that holds a row between first and last. */
  ensure(first: number, last: number): void {
    if (this.failed || !this.ready()) return;
    const from = Math.floor(Math.max(0, first) / this.pageSize);
    const to = Math.floor(Math.max(0, last) / this.pageSize);
    for (let p = from; p <= to; p++) {
      if ((this.#stale || !this.pages.has(p)) && !this.#inflight.has(p)) void this.loadPage(p);
    }
  }

  row(i: number): T | undefined {
    if (i < 0) return undefined;
    return this.pages.get(Math.floor(i / this.pageSize))?.[i % this.pageSize];
  }

  /** Fetches one page into the cache, unless the list was reset meanwhile. */
  protected async loadPage(page: number): Promise<void> {
    if (!this.ready()) return;
    const gen = this.#generation;
    this.#inflight.add(page);
    try {
      const res = await this.fetch(page * this.pageSize, this.pageSize);
      if (gen !== this.#generation) return;
      this.pages = new Map(this.#stale ? [] : this.pages).set(page, res.items ?? []);
      this.#stale = false;
      if (res.total >= 0) this.total = res.total;
      this.loaded(page, res);
    } catch (e) {
      if (gen !== this.#generation) return;
      this.failed = true;
      if (this.total === null) this.total = 0;
      fail(this.#failure, e);
    } finally {
      if (gen === this.#generation) this.#inflight.delete(page);
    }
  }
}
