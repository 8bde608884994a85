// The incident list: its filter and sort, and a cache of pages fetched on
// demand as rows scroll into view, so 10,000 incidents cost only what is on
// screen. It lives outside the component so that going to an incident and
// back keeps the filter, the selection and the scroll position.
import * as api from '../lib/api';
import type { Incident } from '../lib/api';
import { fail } from './toasts.svelte';

export const PAGE_SIZE = 100;
const DEBOUNCE_MS = 150;

class IncidentList {
  /** The filter text as typed; `query` follows it after a pause. */
  text = $state('');
  query = $state('');
  statuses = $state<string[]>([]);
  severities = $state<string[]>([]);
  services = $state<string[]>([]);
  sort = $state('-started');

  /** Rows matching the filter; null until the first page arrives. */
  total = $state<number | null>(null);
  pages = $state.raw<Map<number, Incident[]>>(new Map());
  selected = $state(0);
  scrollTop = 0;
  /** Counts resets that send the view back to the top (a new filter or
   *  sort); the list scrolls to the top when it changes. */
  toTop = $state(0);
  failed = $state(false);

  #generation = 0;
  /** After a data change the old pages stay on screen until the new first
   *  page arrives, so the list does not flash empty. */
  #stale = false;
  #inflight = new Set<number>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  filtering = $derived(
    this.query.trim() !== '' || this.statuses.length > 0 || this.severities.length > 0 || this.services.length > 0,
  );

  setText(t: string): void {
    this.text = t;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      if (this.query !== this.text) {
        this.query = this.text;
        this.reset();
      }
    }, DEBOUNCE_MS);
  }

  setStatuses(v: string[]): void {
    this.statuses = v;
    this.reset();
  }
  setSeverities(v: string[]): void {
    this.severities = v;
    this.reset();
  }
  setServices(v: string[]): void {
    this.services = v;
    this.reset();
  }
  setSort(v: string): void {
    this.sort = v;
    this.reset();
  }

  clearFilters(): void {
    clearTimeout(this.#timer);
    this.text = '';
    this.query = '';
    this.statuses = [];
    this.severities = [];
    this.services = [];
    this.reset();
  }

  /** Forgets every page and loads the first again: after a filter change
   *  (selection back to the top) or a change to the data (selection kept). */
  reset(keepSelection = false): void {
    this.#generation++;
    this.#inflight.clear();
    if (keepSelection) {
      this.#stale = true;
    } else {
      this.pages = new Map();
      this.scrollTop = 0;
      this.selected = 0;
      this.toTop++;
    }
    this.failed = false;
    void this.#load(0);
  }

  /** Loads every page that holds a row between first and last. */
  ensure(first: number, last: number): void {
    if (this.failed) return;
    const from = Math.floor(Math.max(0, first) / PAGE_SIZE);
    const to = Math.floor(Math.max(0, last) / PAGE_SIZE);
    for (let p = from; p <= to; p++) {
      if ((this.#stale || !this.pages.has(p)) && !this.#inflight.has(p)) void this.#load(p);
    }
  }

  row(i: number): Incident | undefined {
    return this.pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE];
  }

  move(by: number): void {
    const n = this.total ?? 0;
    if (n === 0) return;
    this.selected = Math.min(n - 1, Math.max(0, this.selected + by));
  }

  async #load(page: number): Promise<void> {
    const gen = this.#generation;
    this.#inflight.add(page);
    try {
      const res = await api.listIncidents({
        query: this.query.trim(),
        statuses: this.statuses,
        severities: this.severities,
        services: this.services,
        sort: this.sort,
        limit: PAGE_SIZE,
        offset: page * PAGE_SIZE,
      });
      if (gen !== this.#generation) return;
      this.pages = new Map(this.#stale ? [] : this.pages).set(page, res.items ?? []);
      this.#stale = false;
      this.total = res.total;
      if (this.selected >= res.total) this.selected = Math.max(0, res.total - 1);
    } catch (e) {
      if (gen !== this.#generation) return;
      this.failed = true;
      if (this.total === null) this.total = 0;
      fail('Could not load the incident list', e);
    } finally {
      if (gen === this.#generation) this.#inflight.delete(page);
    }
  }
}

export const incidentList = new IncidentList();
