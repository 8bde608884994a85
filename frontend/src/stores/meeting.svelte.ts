// The meeting page's state: the meeting as the Go side last answered it, the
// selected agenda item (kept by id across reloads), and the notes being
// typed (the meeting's minutes and each item's notes), saved a moment after
// typing stops with the version they were read at. Every change answers with
// the whole meeting; apply() reconciles it with what is shown, so an answer
// that overtook a newer one never takes a saved change back.
import * as api from '../lib/api';
import { toApiError, type AgendaItem, type AgendaItemInput, type ActionInput, type ApiError, type Meeting } from '../lib/api';
import { Autosave, type SaveOutcome, type SaveStatus } from '../lib/postmortem';
import { appState } from './app.svelte';
import { fail, toast } from './toasts.svelte';

/** The notes key of the meeting's own minutes (item notes use the item id). */
export const MINUTES = 'meeting';
/** How long typing may pause before the notes are saved. */
export const NOTES_DELAY = 1000;

export type AgendaGroup = { name: string; label: string; items: AgendaItem[] };
export type NoteDraft = { text: string; status: SaveStatus; savedAt: number; message: string };

/** Whether an item is about a subject the meeting reviews (it can be marked reviewed). */
export function reviewable(it: Pick<AgendaItem, 'kind' | 'incidentId' | 'postmortemId'>): boolean {
  return it.kind === 'incident' || it.kind.startsWith('postmortem_') || (!!it.postmortemId && it.kind !== 'more');
}

/** Whether an item is a trend (it carries a series to draw). */
export const isTrend = (it: Pick<AgendaItem, 'kind'>): boolean => it.kind.startsWith('trend_');

/** The agenda as shown: the sections in the meeting's order, only those with
 *  items (Other business always, as the place items are added), each item
 *  list in position order; dismissed items only when asked for. Items of a
 *  section the meeting does not list come last under their own name. */
export function groupAgenda(m: Pick<Meeting, 'sections' | 'items'>, showDismissed: boolean): AgendaGroup[] {
  const items = [...m.items].filter((it) => showDismissed || !it.dismissed).sort((a, b) => a.position - b.position);
  const groups: AgendaGroup[] = m.sections.map((s) => ({ name: s.name, label: s.label, items: [] }));
  if (!groups.some((g) => g.name === 'other')) groups.push({ name: 'other', label: 'Other business', items: [] });
  const by = new Map(groups.map((g) => [g.name, g]));
  for (const it of items) {
    const sec = it.section || 'other';
    let g = by.get(sec);
    if (!g) {
      g = { name: sec, label: sec, items: [] };
      groups.push(g);
      by.set(sec, g);
    }
    g.items.push(it);
  }
  return groups.filter((g) => g.items.length > 0 || g.name === 'other');
}

/** The agenda items in the order the list shows them (the j/k order). */
export function visibleOrder(m: Pick<Meeting, 'sections' | 'items'>, showDismissed: boolean): AgendaItem[] {
  return groupAgenda(m, showDismissed).flatMap((g) => g.items);
}

/** items with id moved to position (1-based over the whole agenda, clamped),
 *  renumbered densely: what MoveItem will answer. */
export function moveLocally(items: AgendaItem[], id: string, position: number): AgendaItem[] {
  const order = [...items].sort((a, b) => a.position - b.position);
  const i = order.findIndex((it) => it.id === id);
  if (i < 0) return items;
  const [it] = order.splice(i, 1);
  const at = Math.min(Math.max(position, 1), order.length + 1) - 1;
  order.splice(at, 0, it);
  return order.map((x, k) => (x.position === k + 1 ? x : ({ ...x, position: k + 1 } as AgendaItem)));
}

/** The meeting to show when next arrives while cur is shown: next, except
 *  that a part cur holds at a newer version (an answer that overtook this
 *  one) is kept: the meeting's own fields, and each item's (at next's place). */
export function reconcile(cur: Meeting | null, next: Meeting): Meeting {
  if (!cur || cur.id !== next.id) return next;
  let out = next;
  if (cur.version > next.version) {
    out = {
      ...next,
      title: cur.title,
      notes: cur.notes,
      status: cur.status,
      heldAt: cur.heldAt,
      facilitator: cur.facilitator,
      attendees: cur.attendees,
      version: cur.version,
    };
  }
  const old = new Map(cur.items.map((it) => [it.id, it]));
  let changed = false;
  const items = out.items.map((it) => {
    const o = old.get(it.id);
    if (o && o.version > it.version) {
      changed = true;
      return { ...o, position: it.position } as AgendaItem;
    }
    return it;
  });
  return changed ? { ...out, items } : out;
}

/** Whether the meeting's period end (exclusive) is midnight in zone. */
function midnight(ms: number, zone: string): boolean {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return f.format(ms) === '00:00:00';
}

function wall(ms: number, zone: string): string {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const p = f.formatToParts(ms);
  const v = (t: string) => p.find((x) => x.type === t)?.value ?? '';
  return `${v('year')}-${v('month')}-${v('day')} ${v('hour')}:${v('minute')}`;
}

/** "2026-11-01 – 2026-11-23": the reviewed period [start, end) as inclusive
 *  dates in zone; an end that is not midnight (the default period ends at
 *  the meeting) shows its time, and so does such a start. */
export function periodLabel(start: number, end: number, zone: string): string {
  const from = midnight(start, zone) ? wall(start, zone).slice(0, 10) : wall(start, zone);
  const to = midnight(end, zone) ? wall(end - 1, zone).slice(0, 10) : wall(end, zone);
  return `${from} – ${to}`;
}

type Timers = ConstructorParameters<typeof Autosave>[0]['timers'];

export class MeetingStore {
  /** The reference the page asked for. */
  ref = $state('');
  meeting = $state.raw<Meeting | null>(null);
  error = $state.raw<ApiError | null>(null);
  loading = $state(false);
  selectedId = $state('');
  showDismissed = $state(false);
  /** Notes being typed, by MINUTES or item id. */
  notes = $state<Record<string, NoteDraft>>({});

  readonly #savers = new Map<string, Autosave>();
  readonly #timers: Timers;
  readonly #delay: number;
  #loadSeq = 0;

  constructor(opts: { timers?: Timers; delay?: number } = {}) {
    this.#timers = opts.timers;
    this.#delay = opts.delay ?? NOTES_DELAY;
  }

  get groups(): AgendaGroup[] {
    return this.meeting ? groupAgenda(this.meeting, this.showDismissed) : [];
  }
  get visible(): AgendaItem[] {
    return this.meeting ? visibleOrder(this.meeting, this.showDismissed) : [];
  }
  get selected(): AgendaItem | null {
    return this.meeting?.items.find((it) => it.id === this.selectedId) ?? null;
  }
  get dismissedCount(): number {
    return this.meeting?.items.filter((it) => it.dismissed).length ?? 0;
  }
  item(id: string): AgendaItem | undefined {
    return this.meeting?.items.find((it) => it.id === id);
  }

  // ---- loading -------------------------------------------------------------

  /** Loads the meeting ref names; a different meeting starts afresh (the
   *  notes being typed in the one before are saved first). */
  async load(ref: string): Promise<void> {
    if (ref.toUpperCase() !== this.ref.toUpperCase()) {
      await this.flushAll();
      this.#forgetNotes();
      this.meeting = null;
      this.selectedId = '';
      this.showDismissed = false;
    }
    this.ref = ref;
    this.error = null;
    this.loading = true;
    const seq = ++this.#loadSeq;
    try {
      const m = await api.getMeeting(ref);
      if (seq !== this.#loadSeq) return;
      this.apply(m);
    } catch (e) {
      if (seq !== this.#loadSeq) return;
      const err = toApiError(e);
      if (err.code === 'not_found' || !this.meeting) {
        this.meeting = null;
        this.error = err;
      } else fail(`Could not reload ${ref.toUpperCase()}`, err);
    } finally {
      if (seq === this.#loadSeq) this.loading = false;
    }
  }

  /** Reads the meeting again (after a conflict, or a change elsewhere). */
  reload(): Promise<void> {
    return this.load(this.ref);
  }

  /** Shows a meeting the Go side answered with; the selection stays on its
   *  item while that is shown, else moves to the nearest shown one. */
  apply(next: Meeting): void {
    const before = this.visible.map((it) => it.id);
    const m = reconcile(this.meeting, next);
    this.meeting = m;
    for (const [key, d] of Object.entries(this.notes)) {
      const saver = this.#savers.get(key);
      // A draft with nothing unsaved follows what was saved (here or elsewhere).
      if (saver && (saver.dirty || d.status === 'saving' || d.status === 'conflict' || d.status === 'error')) continue;
      const server = key === MINUTES ? m.notes : m.items.find((it) => it.id === key)?.notes;
      if (server !== undefined && server !== d.text) d.text = server;
    }
    this.#keepSelection(before);
  }

  #keepSelection(before: string[]): void {
    const shown = this.visible;
    const ids = new Set(shown.map((it) => it.id));
    if (ids.has(this.selectedId)) return;
    if (!shown.length) {
      this.selectedId = '';
      return;
    }
    const was = before.indexOf(this.selectedId);
    if (was >= 0) {
      // The item left the list: the one after it (else before it) takes its place.
      const next = before.slice(was + 1).find((id) => ids.has(id)) ?? before.slice(0, was).reverse().find((id) => ids.has(id));
      if (next) {
        this.selectedId = next;
        return;
      }
    }
    this.selectedId = this.item(this.selectedId) ? this.#nearest(this.selectedId) : shown[0].id;
  }

  /** The shown item nearest by position to a hidden one. */
  #nearest(id: string): string {
    const shown = this.visible;
    const p = this.item(id)?.position ?? 0;
    return (shown.find((it) => it.position > p) ?? shown[shown.length - 1]).id;
  }

  // ---- selection -----------------------------------------------------------

  select(id: string): void {
    this.selectedId = id;
  }

  moveSelection(delta: number): void {
    const shown = this.visible;
    if (!shown.length) return;
    const i = shown.findIndex((it) => it.id === this.selectedId);
    const k = i < 0 ? (delta > 0 ? 0 : shown.length - 1) : Math.min(Math.max(i + delta, 0), shown.length - 1);
    this.selectedId = shown[k].id;
  }

  toggleDismissed(): void {
    this.showDismissed = !this.showDismissed;
    if (!this.showDismissed) this.#keepSelection(visibleOrder(this.meeting ?? { sections: [], items: [] }, true).map((it) => it.id));
  }

  // ---- agenda changes --------------------------------------------------------

  /** Moves an item above (-1) or below (+1) its neighbour in the list, within
   *  its section. Shown at once; the answer then decides. */
  async move(id: string, dir: -1 | 1): Promise<void> {
    const m = this.meeting;
    if (!m) return;
    const it = m.items.find((x) => x.id === id);
    if (!it) return;
    const shown = this.visible.filter((x) => x.section === it.section);
    const i = shown.findIndex((x) => x.id === id);
    const other = shown[i + dir];
    if (i < 0 || !other) return;
    const position = other.position;
    this.meeting = { ...m, items: moveLocally(m.items, id, position) };
    try {
      this.apply(await api.moveAgendaItem(m.id, id, position));
    } catch (e) {
      fail(`Could not move “${it.title}”`, e);
      await this.reload();
    }
  }

  /** Takes an item off the agenda, with an Undo: a generated item is marked
   *  dismissed (Undo restores it), one added by hand is deleted (Undo adds it
   *  again, with its notes and decisions, where it was). */
  async dismiss(id: string): Promise<void> {
    const m = this.meeting;
    const it = m?.items.find((x) => x.id === id);
    if (!m || !it) return;
    if (it.dismissed) return this.restore(id);
    await this.flushNotes(id);
    const snap = this.item(id) ?? it;
    const before = this.visible.map((x) => x.id);
    this.meeting = {
      ...m,
      items: snap.manual ? m.items.filter((x) => x.id !== id) : m.items.map((x) => (x.id === id ? ({ ...x, dismissed: true } as AgendaItem) : x)),
    };
    this.#keepSelection(before);
    try {
      this.apply(await api.dismissAgendaItem(m.id, id, true));
    } catch (e) {
      fail(`Could not take “${snap.title}” off the agenda`, e);
      await this.reload();
      return;
    }
    if (snap.manual) {
      this.#dropNotes(id);
      toast({ kind: 'info', message: `Removed “${snap.title}”`, action: { label: 'Undo', run: () => this.#readd(snap) } });
    } else {
      toast({ kind: 'info', message: `Dismissed “${snap.title}”`, action: { label: 'Undo', run: () => this.restore(id) } });
    }
  }

  /** Puts a dismissed generated item back. */
  async restore(id: string): Promise<void> {
    const m = this.meeting;
    if (!m) return;
    try {
      this.apply(await api.dismissAgendaItem(m.id, id, false));
      this.selectedId = id;
    } catch (e) {
      fail('Could not put the item back on the agenda', e);
    }
  }

  async #readd(snap: AgendaItem): Promise<void> {
    const m = this.meeting;
    if (!m) return;
    try {
      const before = new Set(m.items.map((x) => x.id));
      let next = await api.addAgendaItem(m.id, { section: snap.section, title: snap.title, body: snap.body, notes: snap.notes });
      const added = next.items.find((x) => !before.has(x.id));
      if (added) {
        for (const d of snap.decisions) next = await api.addDecision(m.id, added.id, d.text);
        if (added.position !== snap.position) next = await api.moveAgendaItem(m.id, added.id, snap.position);
      }
      this.apply(next);
      if (added) this.selectedId = added.id;
    } catch (e) {
      fail(`Could not add “${snap.title}” back`, e);
      await this.reload();
    }
  }

  /** Adds an item by hand; field errors come back for the form. */
  async add(input: AgendaItemInput): Promise<Record<string, string> | null> {
    const m = this.meeting;
    if (!m) return null;
    try {
      const before = new Set(m.items.map((x) => x.id));
      const next = await api.addAgendaItem(m.id, input);
      this.apply(next);
      const added = next.items.find((x) => !before.has(x.id));
      if (added) this.selectedId = added.id;
      return null;
    } catch (e) {
      return fieldErrors(e, 'Could not add the item');
    }
  }

  /** Records a decision; '' when saved, else what to show under the field. */
  async addDecision(itemId: string, text: string): Promise<string> {
    const m = this.meeting;
    if (!m) return '';
    try {
      this.apply(await api.addDecision(m.id, itemId, text));
      return '';
    } catch (e) {
      const err = toApiError(e);
      if (err.fields.text) return `The decision ${err.fields.text}`;
      if (err.code === 'invalid') return Object.values(err.fields)[0] ?? err.message;
      fail('Could not record the decision', err);
      return '';
    }
  }

  /** Removes a decision, with an Undo that records it again. */
  async removeDecision(itemId: string, decisionId: string): Promise<void> {
    const m = this.meeting;
    const d = m?.items.find((x) => x.id === itemId)?.decisions.find((x) => x.id === decisionId);
    if (!m || !d) return;
    try {
      this.apply(await api.removeDecision(m.id, decisionId));
      toast({ kind: 'info', message: 'Decision removed', action: { label: 'Undo', run: () => this.addDecision(itemId, d.text) } });
    } catch (e) {
      fail('Could not remove the decision', e);
    }
  }

  async setReviewed(itemId: string, reviewed: boolean): Promise<void> {
    const m = this.meeting;
    if (!m) return;
    try {
      this.apply(await api.markItemReviewed(m.id, itemId, reviewed));
    } catch (e) {
      fail(reviewed ? 'Could not mark the item reviewed' : 'Could not clear the reviewed mark', e);
    }
  }

  /** Creates an action from an item; field errors come back for the form. */
  async createAction(itemId: string, input: ActionInput): Promise<Record<string, string> | null> {
    const m = this.meeting;
    if (!m) return null;
    try {
      const before = new Set(m.items.find((x) => x.id === itemId)?.actions ?? []);
      const next = await api.createMeetingAction(m.id, itemId, input);
      this.apply(next);
      const ref = next.items.find((x) => x.id === itemId)?.actions.find((a) => !before.has(a));
      toast({ kind: 'info', message: ref ? `Created ${ref}` : 'Action created' });
      appState.changed();
      return null;
    } catch (e) {
      return fieldErrors(e, 'Could not create the action');
    }
  }

  async setStatus(status: 'planned' | 'held'): Promise<void> {
    const m = this.meeting;
    if (!m || m.status === status) return;
    await this.flushAll();
    try {
      this.apply(await api.setMeetingStatus(m.id, status));
      toast({ kind: 'info', message: status === 'held' ? `${m.ref} marked held` : `${m.ref} is planned again` });
    } catch (e) {
      fail(status === 'held' ? 'Could not mark the meeting held' : 'Could not set the meeting back to planned', e);
    }
  }

  async regenerate(): Promise<void> {
    const m = this.meeting;
    if (!m) return;
    if (m.status === 'held') {
      toast({ kind: 'info', message: 'A held meeting’s agenda is its record: set it back to planned to regenerate it' });
      return;
    }
    await this.flushAll();
    try {
      this.apply(await api.regenerateAgenda(m.id));
      toast({ kind: 'info', message: 'Agenda regenerated from today’s data; notes, decisions, order and dismissals kept' });
    } catch (e) {
      fail('Could not regenerate the agenda', e);
    }
  }

  /** Saves the title; the outcome says what to show (a conflict offers a reload). */
  async saveTitle(title: string): Promise<{ ok: true } | { ok: false; conflict: boolean; message: string }> {
    const m = this.meeting;
    if (!m) return { ok: true };
    try {
      this.apply(await api.updateMeeting(m.id, { title }, m.version));
      return { ok: true };
    } catch (e) {
      const err = toApiError(e);
      if (err.code === 'conflict')
        return { ok: false, conflict: true, message: 'This meeting was changed elsewhere (another window or the command line) since you opened it.' };
      if (err.fields.title) return { ok: false, conflict: false, message: `Title ${err.fields.title}` };
      return { ok: false, conflict: false, message: err.message };
    }
  }

  // ---- notes -------------------------------------------------------------------

  /** The text a notes field shows: what is being typed, else what is saved. */
  noteText(key: string): string {
    const d = this.notes[key];
    if (d) return d.text;
    return (key === MINUTES ? this.meeting?.notes : this.item(key)?.notes) ?? '';
  }

  note(key: string): NoteDraft | undefined {
    return this.notes[key];
  }

  /** The notes field key changed to text: saved a moment after typing stops. */
  editNotes(key: string, text: string): void {
    this.#draft(key).text = text;
    this.#saver(key).changed();
  }

  /** Saves key's notes now if anything is unsaved (on blur, before leaving). */
  async flushNotes(key: string): Promise<void> {
    await this.#savers.get(key)?.flush();
  }

  async flushAll(): Promise<void> {
    await Promise.all([...this.#savers.values()].map((s) => s.flush()));
  }

  /** After a conflict: reads the meeting again and shows its notes (the
   *  field's text is lost, so copy it first). */
  async reloadNotes(key: string): Promise<void> {
    this.#savers.get(key)?.reset();
    const d = this.notes[key];
    if (d) {
      d.status = 'idle';
      d.message = '';
    }
    await this.reload();
    if (d) d.text = (key === MINUTES ? this.meeting?.notes : this.item(key)?.notes) ?? d.text;
  }

  /** Stops the timers (the page is going away; flushAll first). */
  dispose(): void {
    for (const s of this.#savers.values()) s.dispose();
  }

  #draft(key: string): NoteDraft {
    if (!this.notes[key]) this.notes[key] = { text: this.noteText(key), status: 'idle', savedAt: 0, message: '' };
    return this.notes[key];
  }

  #saver(key: string): Autosave {
    let s = this.#savers.get(key);
    if (!s) {
      s = new Autosave({
        save: () => this.#saveNotes(key),
        delay: this.#delay,
        timers: this.#timers,
        onchange: (a) => {
          const d = this.#draft(key);
          d.status = a.status;
          d.savedAt = a.savedAt;
          d.message = a.message;
        },
      });
      this.#savers.set(key, s);
    }
    return s;
  }

  async #saveNotes(key: string): Promise<SaveOutcome> {
    const m = this.meeting;
    const text = this.notes[key]?.text ?? '';
    if (!m) return { ok: false, conflict: false, message: 'The meeting is not loaded' };
    try {
      if (key === MINUTES) {
        this.apply(await api.updateMeeting(m.id, { notes: text }, m.version));
      } else {
        const it = m.items.find((x) => x.id === key);
        if (!it) return { ok: false, conflict: false, message: 'The item is no longer on the agenda' };
        const saved = await api.updateAgendaItem(m.id, key, { notes: text }, it.version);
        const cur = this.meeting;
        if (cur) this.meeting = { ...cur, items: cur.items.map((x) => (x.id === key && x.version <= saved.version ? ({ ...saved, position: x.position } as AgendaItem) : x)) };
      }
      return { ok: true, at: Date.now() };
    } catch (e) {
      const err = toApiError(e);
      if (err.code === 'conflict')
        return { ok: false, conflict: true, message: 'These notes were changed elsewhere (another window or the command line) since you opened them.' };
      if (err.code === 'internal') void api.reportError(`saving meeting notes: ${err.message}`);
      return { ok: false, conflict: false, message: err.fields.notes ? `The notes ${err.fields.notes}` : err.message };
    }
  }

  #dropNotes(key: string): void {
    this.#savers.get(key)?.dispose();
    this.#savers.delete(key);
    delete this.notes[key];
  }

  #forgetNotes(): void {
    for (const s of this.#savers.values()) s.dispose();
    this.#savers.clear();
    this.notes = {};
  }
}

/** Field errors for a form, or null after a toast for a failure that names none. */
function fieldErrors(e: unknown, what: string): Record<string, string> | null {
  const err = toApiError(e);
  if (err.hasFields) return err.fields;
  if (err.code === 'invalid') return { '': err.message };
  fail(what, err);
  return { '': `${what}: ${err.message}` };
}

export const meetingState = new MeetingStore();
