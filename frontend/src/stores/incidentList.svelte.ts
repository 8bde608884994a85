// The incident list: its filter and sort, and a cache of pages fetched on
// demand as rows scroll into view, so 10,000 incidents cost only what is on
// screen. It lives outside the component so that going to an incident and
// back keeps the filter, the selection and the scroll position.
import * as api from '../lib/api';
import type { Incident } from '../lib/api';
import { PagedList, type Page } from './pagedList.svelte';

export const PAGE_SIZE = 100;
const DEBOUNCE_MS = 150;

class IncidentList extends PagedList<Incident> {
  statuses = $state<string[]>([]);
  severities = $state<string[]>([]);
  services = $state<string[]>([]);
  sort = $state('-started');

  selected = $state(0);
  scrollTop = 0;
  /** Counts resets that send the view back to the top (a new filter or
   *  sort); the list scrolls to the top when it changes. */
  toTop = $state(0);

  filtering = $derived(
    this.query.trim() !== '' || this.statuses.length > 0 || this.severities.length > 0 || this.services.length > 0,
  );

  constructor() {
    super({ pageSize: PAGE_SIZE, debounceMs: DEBOUNCE_MS, failure: 'Could not load the incident list' });
  }

  setStatuses(v: string[]): void {
    this.statuses = v;
    void this.reset();
  }
  setSeverities(v: string[]): void {
    this.severities = v;
    void this.reset();
  }
  setServices(v: string[]): void {
    this.services = v;
    void this.reset();
  }
  setSort(v: string): void {
    this.sort = v;
    void this.reset();
  }

  clearFilters(): void {
    this.clearText();
    this.statuses = [];
    this.severities = [];
    this.services = [];
    void this.reset();
  }

  move(by: number): void {
    const n = this.total ?? 0;
    if (n === 0) return;
    this.selected = Math.min(n - 1, Math.max(0, this.selected + by));
  }

  protected fetch(offset: number, limit: number): Promise<Page<Incident>> {
    return api.listIncidents({
      query: this.query.trim(),
      statuses: this.statuses,
      severities: this.severities,
      services: this.services,
      sort: this.sort,
      limit,
      offset,
    });
  }

  protected cleared(): void {
    this.scrollTop = 0;
    this.selected = 0;
    this.toTop++;
  }

  protected loaded(_page: number, res: Page<Incident>): void {
    if (this.selected >= res.total) this.selected = Math.max(0, res.total - 1);
  }
}

export const incidentList = new IncidentList();
