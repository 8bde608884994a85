// The incident's root-cause trees on screen: the outline as the Go side last
// returned it (reloaded after every change), the selection kept by node id,
// the line being edited, and the draft line: a new line exists only here until
// it has text, since the Go side refuses an empty statement.
//
// Changes run one after another through a queue, so keys typed faster than
// the round trip (Enter, then Tab at once) apply in the order they were typed.
import * as api from '../lib/api';
import { ApiError, toApiError, type CauseFlag, type CauseNode, type CauseShift } from '../lib/api';
import { appState } from './app.svelte';
import { fail, toast } from './toasts.svelte';

/** Where the draft line goes: under parentId, right after the sibling after
 *  ('' = first). pendingAfter: after the node the queued add is creating. */
export type Draft = { parentId: string; after: string; text: string; error: string };

class CausesState {
  incident = $state('');
  nodes = $state.raw<CauseNode[]>([]);
  flags = $state.raw<CauseFlag[]>([]);
  loaded = $state(false);
  failed = $state<ApiError | null>(null);
  selectedId = $state('');
  editingId = $state('');
  /** The text of the line being edited, and what the Go side said about it. */
  editText = $state('');
  editError = $state('');
  draft = $state<Draft | null>(null);
  view = $state<'outline' | 'diagram'>('outline');

  #queue: Promise<unknown> = Promise.resolve();

  flagsByNode = $derived.by(() => {
    const m = new Map<string, CauseFlag[]>();
    for (const f of this.flags) m.set(f.nodeId, [...(m.get(f.nodeId) ?? []), f]);
    return m;
  });
  byId = $derived(new Map(this.nodes.map((n) => [n.id, n])));
  childCount = $derived.by(() => {
    const m = new Map<string, number>();
    for (const n of this.nodes) if (n.parentId) m.set(n.parentId, (m.get(n.parentId) ?? 0) + 1);
    return m;
  });
  selected = $derived(this.byId.get(this.selectedId));

  /** Runs f after every change queued before it. */
  #run<T>(f: () => Promise<T>): Promise<T> {
    const p = this.#queue.then(f);
    this.#queue = p.catch(() => undefined);
    return p;
  }

  open(incident: string): Promise<void> {
    if (incident !== this.incident) {
      this.incident = incident;
      this.nodes = [];
      this.flags = [];
      this.loaded = false;
      this.selectedId = '';
      this.editingId = '';
      this.draft = null;
    }
    return this.reload();
  }

  async reload(): Promise<void> {
    const id = this.incident;
    try {
      const t = await api.causeTree(id);
      if (id !== this.incident) return;
      this.nodes = t.nodes;
      this.flags = t.flags;
      this.failed = null;
      if (this.selectedId && !this.byId.has(this.selectedId)) this.selectedId = '';
      if (!this.selectedId && this.nodes.length && !this.draft) this.selectedId = this.nodes[0].id;
    } catch (e) {
      this.failed = toApiError(e);
    } finally {
      this.loaded = true;
    }
  }

  /** After a change: reload. (Only action links change other views; the
   *  view that makes those calls appState.changed().) */
  async #changed(): Promise<void> {
    await this.reload();
  }

  select(id: string): void {
    this.selectedId = id;
  }

  moveSelection(delta: number): void {
    if (!this.nodes.length) return;
    const i = this.nodes.findIndex((n) => n.id === this.selectedId);
    const j = i < 0 ? 0 : Math.max(0, Math.min(this.nodes.length - 1, i + delta));
    this.selectedId = this.nodes[j].id;
  }

  startEdit(id: string): void {
    const n = this.byId.get(id);
    if (!n) return;
    this.draft = null;
    this.selectedId = id;
    this.editingId = id;
    this.editText = n.statement;
    this.editError = '';
  }

  /** Saves the edited line if its text changed; false when refused. */
  saveEdit(): Promise<boolean> {
    const id = this.editingId;
    const text = this.editText;
    return this.#run(async () => {
      const n = this.byId.get(id);
      if (!n) return true;
      if (text.trim() === n.statement) return true;
      try {
        await api.updateCause(id, { kind: n.kind, statement: text, notes: n.notes }, n.version);
        await this.#changed();
        return true;
      } catch (e) {
        const err = toApiError(e);
        if (err.fields.statement) {
          this.editingId = id;
          this.editText = text;
          this.editError = err.fields.statement;
          this.draft = null;
        } else fail('The line was not saved', err);
        return false;
      }
    });
  }

  async stopEdit(): Promise<void> {
    const ok = await this.saveEdit();
    if (ok) this.editingId = '';
  }

  /** Opens a draft line below node id (as its next sibling), or as the first
   *  tree when the outline is empty. */
  draftAfter(id: string): void {
    const n = this.byId.get(id);
    this.editingId = '';
    this.draft = { parentId: n?.parentId ?? '', after: n?.id ?? '', text: '', error: '' };
  }

  draftFirst(): void {
    const last = [...this.nodes].reverse().find((n) => !n.parentId);
    this.editingId = '';
    this.draft = { parentId: '', after: last?.id ?? '', text: '', error: '' };
  }

  /** Tab on the draft: a child of the line above (its last child). */
  indentDraft(): Promise<void> {
    return this.#run(async () => {
      const d = this.draft;
      if (!d || !d.after) return;
      const kids = this.nodes.filter((n) => n.parentId === d.after);
      d.parentId = d.after;
      d.after = kids.length ? kids[kids.length - 1].id : '';
    });
  }

  /** Shift+Tab on the draft: the next sibling of its parent. */
  outdentDraft(): Promise<void> {
    return this.#run(async () => {
      const d = this.draft;
      if (!d || !d.parentId) return;
      const p = this.byId.get(d.parentId);
      d.after = d.parentId;
      d.parentId = p?.parentId ?? '';
    });
  }

  /** Enter on the draft: saves it and opens the next draft below it. */
  commitDraft(): Promise<void> {
    const d = this.draft;
    if (!d) return Promise.resolve();
    const text = d.text;
    if (!text.trim()) return Promise.resolve();
    d.text = '';
    d.error = '';
    return this.#run(async () => {
      const cur = this.draft;
      try {
        const n = await api.addCause(this.incident, {
          parentId: cur?.parentId ?? d.parentId,
          after: cur?.after ?? d.after,
          kind: '',
          statement: text,
          notes: '',
        });
        await this.#changed();
        this.selectedId = n.id;
        if (this.draft) {
          this.draft.parentId = n.parentId;
          this.draft.after = n.id;
        }
      } catch (e) {
        const err = toApiError(e);
        if (this.draft) {
          if (!this.draft.text) this.draft.text = text;
          this.draft.error = err.fields.statement ?? err.fields.parentId ?? err.message;
        } else fail('The line was not added', err);
      }
    });
  }

  cancelDraft(): void {
    this.draft = null;
  }

  /** Tab, Shift+Tab, Alt+↑/↓ on a saved line; a refusal says why. */
  shift(id: string, s: CauseShift): Promise<void> {
    return this.#run(async () => {
      try {
        await api.shiftCause(id, s);
        await this.#changed();
      } catch (e) {
        const err = toApiError(e);
        toast({ kind: 'error', message: `Not moved: ${err.fields.parentId ?? err.message}` });
      }
    });
  }

  setKind(id: string, kind: string): Promise<void> {
    return this.#run(async () => {
      const n = this.byId.get(id);
      if (!n || n.kind === kind) return;
      try {
        await api.updateCause(id, { kind, statement: n.statement, notes: n.notes }, n.version);
        await this.#changed();
      } catch (e) {
        fail('The kind was not changed', e);
      }
    });
  }

  /** Reparents a node (drag and drop); a cycle is refused with the Go side's words. */
  moveTo(id: string, parentId: string, position: number): Promise<boolean> {
    return this.#run(async () => {
      try {
        await api.moveCause(id, parentId, position);
        await this.#changed();
        return true;
      } catch (e) {
        const err = toApiError(e);
        toast({ kind: 'error', message: `Not moved: ${err.fields.parentId ?? err.message}` });
        return false;
      }
    });
  }

  remove(id: string, mode: '' | 'subtree' | 'lift'): Promise<void> {
    return this.#run(async () => {
      const i = this.nodes.findIndex((n) => n.id === id);
      try {
        await api.deleteCause(id, mode);
        if (this.selectedId === id) {
          const next = this.nodes[i + 1] ?? this.nodes[i - 1];
          this.selectedId = next && next.id !== id ? next.id : '';
        }
        await this.#changed();
      } catch (e) {
        fail('The line was not deleted', e);
      }
    });
  }

  async afterOutside(): Promise<void> {
    await this.#run(() => this.#changed());
  }
}

export const causes = new CausesState();

/** The label of a kind, from Meta. */
export function causeKindLabel(kind: string): string {
  return appState.meta.causeKinds?.find((k) => k.name === kind)?.label ?? kind;
}
