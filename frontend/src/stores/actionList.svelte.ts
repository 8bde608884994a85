// The global actions view: its filter and sort, the table's cache of pages
// fetched on demand (as in the incident list), the board's columns, the rows
// picked for a bulk change, and the export. It lives outside the component
// so that opening an action and coming back keeps all of it.
import * as api from '../lib/api';
import type { Action, ActionFilter, ActionPatch } from '../lib/api';
import { appState } from './app.svelte';
import { fail, toast } from './toasts.svelte';
import { PagedList, type Page } from './pagedList.svelte';

export const PAGE_SIZE = 100;
/** How many cards a board column loads (the bridge's page cap). */
export const BOARD_LIMIT = 200;
const DEBOUNCE_MS = 150;
const VIEW_KEY = 'hindsight.actions.view';

/** The statuses still to do: the view's default filter. Meta names them
 *  (closed: false); these are the same names for before it arrives. */
export const OPEN_STATUSES = ['open', 'in_progress', 'blocked'];

export type ActionsView = 'table' | 'board';
export type ExportFormat = 'markdown' | 'csv';

function openStatuses(): string[] {
  const s = appState.meta.actionStatuses;
  return s.length ? s.filter((x) => !x.closed).map((x) => x.name) : OPEN_STATUSES;
}

function storedView(): ActionsView {
  try {
    return globalThis.localStorage?.getItem(VIEW_KEY) === 'board' ? 'board' : 'table';
  } catch {
    return 'table';
  }
}

export type BoardColumn = { status: string; items: Action[]; total: number };

class ActionList extends PagedList<Action> {
  view = $state<ActionsView>(storedView());

  /** A person's name; '' for anyone. */
  owner = $state('');
  unowned = $state(false);
  statuses = $state<string[]>([...OPEN_STATUSES]);
  priorities = $state<string[]>([]);
  types = $state<string[]>([]);
  services = $state<string[]>([]);
  /** An incident's reference (INC-0042, 42); '' for all incidents. */
  incident = $state('');
  overdue = $state(false);
  dueThisWeek = $state(false);
  sort = $state('due');

  /** The row the cursor is on (table). */
  selected = $state(0);
  scrollTop = 0;
  /** Bumped when the table should scroll back to the top. */
  toTop = $state(0);
  /** How many actions there are at all, asked only when a filter finds
   *  none (so the empty state can tell "none yet" from "none match"). */
  everything = $state<number | null>(null);

  /** Ids picked for a bulk change, in the order they were picked. */
  picked = $state.raw<Set<string>>(new Set());

  board = $state.raw<BoardColumn[]>([]);
  boardLoaded = $state(false);
  /** The board's cursor: a column and a card in it. */
  col = $state(0);
  card = $state(0);

  #boardGeneration = 0;
  #boardLoad: Promise<void> = Promise.resolve();

  /** Whether the status filter is the default "still to do" one. */
  openOnly = $derived(sameSet(this.statuses, openStatuses()));

  /** Whether anything narrows the list beyond the default. */
  filtering = $derived(
    this.query.trim() !== '' ||
      this.owner !== '' ||
      this.unowned ||
      (this.statuses.length > 0 && !this.openOnly) ||
      this.priorities.length > 0 ||
      this.types.length > 0 ||
      this.services.length > 0 ||
      this.incident.trim() !== '' ||
      this.overdue ||
      this.dueThisWeek,
  );

  constructor() {
    super({ pageSize: PAGE_SIZE, debounceMs: DEBOUNCE_MS, failure: 'Could not load the actions' });
  }

  /** The filter as the Go side takes it; the board leaves out statuses (its
   *  columns are the statuses). */
  filter(forBoard = false): ActionFilter {
    return {
      query: this.query.trim(),
      owner: this.unowned ? '' : this.owner,
      unowned: this.unowned,
      statuses: forBoard ? [] : this.statuses,
      priorities: this.priorities,
      types: this.types,
      services: this.services,
      incident: this.incident.trim(),
      overdue: this.overdue,
      dueThisWeek: this.dueThisWeek,
      zone: appState.zone,
      sort: this.sort,
    };
  }

  setView(v: ActionsView): void {
    this.view = v;
    try {
      globalThis.localStorage?.setItem(VIEW_KEY, v);
    } catch {
      // private mode or no storage: the choice lasts this session
    }
    // The view that mounts loads what it shows.
  }
  toggleView(): void {
    this.setView(this.view === 'table' ? 'board' : 'table');
  }

  /** A settled filter text reloads whichever view is showing. */
  protected queried(): void {
    this.reload();
  }
  /** '' for anyone, UNOWNED for actions nobody owns, else a name. */
  setOwner(v: string): void {
    this.unowned = v === UNOWNED;
    this.owner = v === UNOWNED ? '' : v;
    this.reload();
  }
  setStatuses(v: string[]): void {
    this.statuses = v;
    this.reload();
  }
  setPriorities(v: string[]): void {
    this.priorities = v;
    this.reload();
  }
  setTypes(v: string[]): void {
    this.types = v;
    this.reload();
  }
  setServices(v: string[]): void {
    this.services = v;
    this.reload();
  }
  setIncident(v: string): void {
    if (v.trim() === this.incident.trim()) return;
    this.incident = v.trim();
    this.reload();
  }
  setOverdue(on: boolean): void {
    this.overdue = on;
    this.reload();
  }
  setDueThisWeek(on: boolean): void {
    this.dueThisWeek = on;
    this.reload();
  }
  setSort(v: string): void {
    this.sort = v;
    this.reload();
  }

  /** Clears every filter, the default "still to do" one too. */
  clearFilters(): void {
    this.#blank([]);
    this.reload();
  }

  /** Back to the filter the view starts with (actions still to do, soonest
   *  due first); overdue narrows it to those past their date. */
  defaults({ overdue = false }: { overdue?: boolean } = {}): void {
    this.#blank(openStatuses());
    this.overdue = overdue;
    this.sort = 'due';
    this.reload();
  }

  #blank(statuses: string[]): void {
    this.clearText();
    this.owner = '';
    this.unowned = false;
    this.statuses = statuses;
    this.priorities = [];
    this.types = [];
    this.services = [];
    this.incident = '';
    this.overdue = false;
    this.dueThisWeek = false;
  }

  /** Reloads whichever view is showing: after a filter change (back to the
   *  top, selection dropped) or a change to the data (both kept). */
  reload(keep = false): void {
    if (!keep) this.picked = new Set();
    if (this.view === 'board') void this.loadBoard();
    else void this.reset(keep);
  }

  /** Moves the cursor; extend also picks the rows it leaves and lands on. */
  move(by: number, extend = false): void {
    const n = this.total ?? 0;
    if (n === 0) return;
    const next = Math.min(n - 1, Math.max(0, this.selected + by));
    if (extend) {
      const set = new Set(this.picked);
      for (const i of [this.selected, next]) {
        const a = this.row(i);
        if (a) set.add(a.id);
      }
      this.picked = set;
    }
    this.selected = next;
  }
  moveTo(i: number): void {
    const n = this.total ?? 0;
    if (n > 0) this.selected = Math.min(n - 1, Math.max(0, i));
  }

  /** Picks or unpicks the row under the cursor. */
  toggle(i = this.selected): void {
    const a = this.row(i);
    if (!a) return;
    const set = new Set(this.picked);
    if (set.has(a.id)) set.delete(a.id);
    else set.add(a.id);
    this.picked = set;
  }

  /** Picks every row loaded so far (a list of thousands is not fetched whole
   *  for this). */
  pickLoaded(): void {
    const set = new Set(this.picked);
    for (const page of this.pages.values()) for (const a of page) set.add(a.id);
    this.picked = set;
  }
  unpick(): void {
    this.picked = new Set();
  }

  /** Applies patch to the picked actions, all or none. Resolves to the
   *  error (for the popover to show) or null; on success the selection is
   *  dropped and the list reloads. */
  async bulk(patch: ActionPatch): Promise<api.ApiError | null> {
    const ids = [...this.picked];
    if (ids.length === 0) return null;
    let n: number;
    try {
      n = await api.bulkUpdateActions(ids, patch);
    } catch (e) {
      return api.toApiError(e);
    }
    toast({ kind: 'info', message: `Updated ${n} ${n === 1 ? 'action' : 'actions'}` });
    this.picked = new Set();
    this.reload(true);
    appState.changed();
    return null;
  }

  /** Loads the first BOARD_LIMIT actions of every status, one call each. */
  loadBoard(): Promise<void> {
    this.#boardLoad = this.#loadBoard();
    return this.#boardLoad;
  }

  async #loadBoard(): Promise<void> {
    const gen = ++this.#boardGeneration;
    const statuses = appState.meta.actionStatuses.map((s) => s.name);
    const f = this.filter(true);
    try {
      const pages = await Promise.all(
        statuses.map((s) => api.listActions({ ...f, statuses: [s], limit: BOARD_LIMIT, offset: 0 })),
      );
      if (gen !== this.#boardGeneration) return;
      this.board = statuses.map((status, k) => ({ status, items: pages[k].items, total: pages[k].total }));
      this.total = pages.reduce((n, p) => n + p.total, 0);
      if (this.total === 0) void this.#countEverything();
      this.boardLoaded = true;
      this.failed = false;
      this.col = Math.min(this.col, Math.max(0, statuses.length - 1));
      this.card = Math.min(this.card, Math.max(0, (this.board[this.col]?.items.length ?? 1) - 1));
    } catch (e) {
      if (gen !== this.#boardGeneration) return;
      this.failed = true;
      fail('Could not load the actions board', e);
    }
  }

  /** The card under the board's cursor. */
  current(): Action | undefined {
    return this.board[this.col]?.items[this.card];
  }
  moveCol(by: number): void {
    if (this.board.length === 0) return;
    this.col = Math.min(this.board.length - 1, Math.max(0, this.col + by));
    this.card = Math.min(this.card, Math.max(0, this.board[this.col].items.length - 1));
  }
  moveCard(by: number): void {
    const n = this.board[this.col]?.items.length ?? 0;
    if (n > 0) this.card = Math.min(n - 1, Math.max(0, this.card + by));
  }
  /** The status a card moves to with [ or ] (by -1 or +1); null at an end. */
  neighbour(by: number): string | null {
    return this.board[this.col + by]?.status ?? null;
  }

  /** Sets one action's status; the cursor follows the card to its new
   *  column. Returns the error, or null. */
  async setStatus(a: Action, status: string, reason = ''): Promise<api.ApiError | null> {
    let updated: Action;
    try {
      updated = await api.setActionStatus(a.id, status, reason, a.version);
    } catch (e) {
      return api.toApiError(e);
    }
    appState.changed();
    await this.landed(updated);
    return null;
  }

  /** Shows an action after its status changed (here or in the status
   *  menu): the board reloads with the cursor on the card where it is now. */
  async landed(a: Action): Promise<void> {
    if (this.view !== 'board') {
      void this.reset(true);
      return;
    }
    // Another reload may start meanwhile (the change bumps the revision):
    // wait for the newest, so the cursor is set on the board shown.
    let p: Promise<void> = this.loadBoard();
    do {
      p = this.#boardLoad;
      await p;
    } while (p !== this.#boardLoad);
    const to = this.board.findIndex((c) => c.items.some((x) => x.id === a.id));
    if (to >= 0) {
      this.col = to;
      this.card = this.board[to].items.findIndex((x) => x.id === a.id);
    }
  }

  async exportText(format: ExportFormat): Promise<void> {
    const what = format === 'csv' ? 'CSV' : 'markdown table';
    try {
      const text = await api.exportActionsText(this.filter(this.view === 'board'), format);
      await navigator.clipboard.writeText(text);
      const rows = this.view === 'board' ? this.board.reduce((n, c) => n + c.total, 0) : (this.total ?? 0);
      toast({ kind: 'info', message: `Copied ${rows} ${rows === 1 ? 'action' : 'actions'} as a ${what}` });
    } catch (e) {
      fail(`Could not copy the actions as a ${what}`, e);
    }
  }

  async exportFile(format: ExportFormat): Promise<void> {
    try {
      const r = await api.exportActionsFile(this.filter(this.view === 'board'), format);
      if (!r) return; // cancelled in the dialog
      toast({ kind: 'info', message: `Saved ${r.count} ${r.count === 1 ? 'action' : 'actions'} to ${r.path}` });
    } catch (e) {
      fail(`Could not save the actions as ${format === 'csv' ? 'CSV' : 'markdown'}`, e);
    }
  }

  async #countEverything(): Promise<void> {
    try {
      this.everything = (await api.listActions({ limit: 1 })).total;
    } catch {
      this.everything = null; // the empty state then says "none match"
    }
  }

  protected fetch(offset: number, limit: number): Promise<Page<Action>> {
    return api.listActions({ ...this.filter(), limit, offset });
  }

  protected cleared(): void {
    this.scrollTop = 0;
    this.selected = 0;
    this.toTop++;
  }

  protected loaded(page: number, res: Page<Action>): void {
    if (this.selected >= res.total) this.selected = Math.max(0, res.total - 1);
    if (page === 0 && res.total === 0) void this.#countEverything();
  }
}

/** The owner filter's value for "nobody owns it". */
export const UNOWNED = '\u0000unowned';

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && b.every((x) => a.includes(x));
}

export const actionList = new ActionList();
