// The timeline on screen: the incident's events, filtered, in pages of 200
// fetched on demand as rows scroll into view (like the incident list), the
// selection, and the saves that go through the Go side.
import * as api from '../lib/api';
import type { EventInput, TimelineEvent } from '../lib/api';
import { appState } from './app.svelte';
import { fail, toast } from './toasts.svelte';
import { PagedList, type Page } from './pagedList.svelte';

export const PAGE_SIZE = 200;
const DEBOUNCE_MS = 200;

class TimelineState extends PagedList<TimelineEvent> {
  incident = $state('');
  kinds = $state<string[]>([]);
  author = $state('');

  selected = $state(-1);
  /** The selected event's id, kept across reloads. */
  selectedId = $state('');
  editing = $state(false);
  /** Authors seen in this timeline, for the author filter. */
  authors = $state<string[]>([]);
  /** Bumped when the view should scroll the selection into view. */
  reveal = $state(0);

  filtering = $derived(this.kinds.length > 0 || this.author !== '' || this.query.trim() !== '');

  constructor() {
    super({ pageSize: PAGE_SIZE, debounceMs: DEBOUNCE_MS, failure: 'Could not load the timeline' });
  }

  /** Shows another incident's timeline (or the same one afresh). */
  open(incidentId: string): void {
    if (incidentId !== this.incident) {
      this.incident = incidentId;
      this.kinds = [];
      this.author = '';
      this.text = '';
      this.query = '';
      this.authors = [];
      this.total = null;
      this.selected = -1;
      this.selectedId = '';
      this.editing = false;
      void this.reset();
    } else {
      void this.reset(true);
    }
  }

  setKinds(v: string[]): void {
    this.kinds = v;
    void this.reset();
  }
  setAuthor(v: string): void {
    this.author = v;
    void this.reset();
  }
  clearFilters(): void {
    this.clearText();
    this.kinds = [];
    this.author = '';
    void this.reset();
  }

  protected ready(): boolean {
    return this.incident !== '';
  }

  protected fetch(offset: number, limit: number): Promise<Page<TimelineEvent>> {
    return api.listEvents(this.incident, {
      kinds: this.kinds,
      author: this.author,
      query: this.query.trim(),
      limit,
      offset,
    });
  }

  protected cleared(): void {
    this.selected = -1;
    this.selectedId = '';
    this.editing = false;
  }

  // Later pages say total -1: the first page's total stands (PagedList).
  protected loaded(_page: number, res: Page<TimelineEvent>): void {
    const seen = new Set(this.authors);
    for (const e of res.items ?? []) if (e.author) seen.add(e.author);
    if (seen.size !== this.authors.length) this.authors = [...seen].sort((a, b) => a.localeCompare(b));
    this.#follow();
  }

  select(i: number): void {
    this.selected = i;
    this.selectedId = this.row(i)?.id ?? '';
    this.editing = false;
  }

  move(by: number): void {
    const n = this.total ?? 0;
    if (n === 0) return;
    this.select(this.selected < 0 ? (by > 0 ? 0 : n - 1) : Math.min(n - 1, Math.max(0, this.selected + by)));
    this.reveal++;
  }

  /** The last event loaded, if the end of the timeline is loaded. */
  last(): TimelineEvent | undefined {
    return this.total ? this.row(this.total - 1) : undefined;
  }

  /** Keeps the selection on the same event when rows move under it. */
  #follow(): void {
    if (!this.selectedId) return;
    if (this.row(this.selected)?.id === this.selectedId) return;
    for (const [p, items] of this.pages) {
      const k = items.findIndex((e) => e.id === this.selectedId);
      if (k >= 0) {
        this.selected = p * PAGE_SIZE + k;
        this.reveal++;
        return;
      }
    }
  }

  /** Reloads and finds the event, fetching pages in turn until it appears. */
  async #locate(id: string): Promise<void> {
    this.selectedId = id;
    await this.reset(true);
    for (let p = 0; ; p++) {
      const k = this.pages.get(p)?.findIndex((e) => e.id === id) ?? -1;
      if (k >= 0) {
        this.selected = p * PAGE_SIZE + k;
        this.reveal++;
        return;
      }
      if (this.failed || (p + 1) * PAGE_SIZE >= (this.total ?? 0)) return;
      if (!this.pages.has(p + 1)) await this.loadPage(p + 1);
    }
  }

  /** Adds an event; a rejection (with its fields) is the caller's to show. */
  async add(input: EventInput): Promise<TimelineEvent> {
    const saved = await api.addEvent(this.incident, input);
    if (this.filtering) this.clearFilters();
    await this.#locate(saved.id);
    if (saved.keyMoment) appState.changed();
    return saved;
  }

  async update(id: string, input: EventInput, before: TimelineEvent): Promise<TimelineEvent> {
    const saved = await api.updateEvent(id, input);
    this.editing = false;
    await this.#locate(saved.id);
    if (saved.keyMoment || before.keyMoment) appState.changed();
    return saved;
  }

  async remove(ev: TimelineEvent): Promise<void> {
    try {
      await api.deleteEvent(ev.id);
    } catch (e) {
      fail('Could not delete the event', e);
      return;
    }
    const at = this.selected;
    this.selectedId = '';
    await this.reset(true);
    const n = this.total ?? 0;
    if (n > 0) {
      this.selected = Math.min(at, n - 1);
      this.selectedId = this.row(this.selected)?.id ?? '';
    } else this.selected = -1;
    if (ev.keyMoment) appState.changed();
    toast({
      kind: 'info',
      message: 'Event deleted',
      action: { label: 'Undo', run: () => this.restore(ev) },
    });
  }

  async restore(ev: TimelineEvent): Promise<void> {
    try {
      const back = await api.restoreEvent(ev.id);
      if (back.incidentId === this.incident) await this.#locate(back.id);
      if (back.keyMoment) appState.changed();
    } catch (e) {
      fail('Could not restore the event', e);
    }
  }
}

export const timeline = new TimelineState();
