// The Postmortem tab's logic that needs no DOM: where a hint from the Go
// side lands in the editor, the revision diff as rows, the layout cycle,
// the autosave state machine and the one-at-a-time preview requests.
import { diffLines } from 'diff';

// ---- Positions ---------------------------------------------------------------

/** The UTF-16 offset in text of the rune (code point) at runeIndex (0-based);
 *  past the end gives text.length. Go counts runes, JavaScript strings (and
 *  so CodeMirror) count UTF-16 units: an astral character (😀, 𝔸) is one rune
 *  but two units. */
export function runeOffset(text: string, runeIndex: number): number {
  let units = 0;
  let runes = 0;
  while (runes < runeIndex && units < text.length) {
    const c = text.charCodeAt(units);
    const pair = c >= 0xd800 && c <= 0xdbff && units + 1 < text.length;
    const next = pair ? text.charCodeAt(units + 1) : 0;
    units += pair && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
    runes++;
  }
  return units;
}

/** What runeRange needs of a document: CodeMirror's Text fits. */
export type LineSource = { lines: number; line(n: number): { from: number; text: string } };

/** The document range [from, to) of a hint at 1-based line and 1-based rune
 *  column, len runes long; null when the line is not in the document. */
export function runeRange(doc: LineSource, line: number, col: number, len: number): { from: number; to: number } | null {
  if (line < 1 || line > doc.lines) return null;
  const l = doc.line(line);
  const start = runeOffset(l.text, Math.max(0, col - 1));
  const end = start + runeOffset(l.text.slice(start), Math.max(0, len));
  return { from: l.from + start, to: l.from + end };
}

// ---- Layout ------------------------------------------------------------------

export type Layout = 'editor' | 'split' | 'preview';
export const LAYOUTS: readonly Layout[] = ['editor', 'split', 'preview'];
export const LAYOUT_LABELS: Record<Layout, string> = { editor: 'Editor', split: 'Split', preview: 'Preview' };

/** The layout after l: editor → split → preview → editor. */
export function nextLayout(l: Layout): Layout {
  return LAYOUTS[(LAYOUTS.indexOf(l) + 1) % LAYOUTS.length];
}

export function parseLayout(s: string | null | undefined): Layout {
  return (LAYOUTS as readonly string[]).includes(s ?? '') ? (s as Layout) : 'split';
}

// ---- Diff --------------------------------------------------------------------

export type DiffRow =
  | { kind: 'same' | 'add' | 'del'; text: string; oldNo: number | null; newNo: number | null }
  | { kind: 'gap'; count: number };

/** The line diff of before → after as rows: removed and added lines with
 *  their numbers, unchanged lines only within context lines of a change
 *  (the rest folded into gap rows). */
export function diffRows(before: string, after: string, context = 3): DiffRow[] {
  const all: DiffRow[] = [];
  let o = 1;
  let n = 1;
  for (const part of diffLines(before, after)) {
    const lines = part.value.replace(/\n$/, '').split('\n');
    for (const text of lines) {
      if (part.added) all.push({ kind: 'add', text, oldNo: null, newNo: n++ });
      else if (part.removed) all.push({ kind: 'del', text, oldNo: o++, newNo: null });
      else all.push({ kind: 'same', text, oldNo: o++, newNo: n++ });
    }
  }
  const near = new Array<boolean>(all.length).fill(false);
  all.forEach((r, i) => {
    if (r.kind === 'same') return;
    for (let k = Math.max(0, i - context); k <= Math.min(all.length - 1, i + context); k++) near[k] = true;
  });
  const out: DiffRow[] = [];
  let skipped = 0;
  all.forEach((r, i) => {
    if (r.kind === 'same' && !near[i]) {
      skipped++;
      return;
    }
    if (skipped) out.push({ kind: 'gap', count: skipped });
    skipped = 0;
    out.push(r);
  });
  if (skipped) out.push({ kind: 'gap', count: skipped });
  return out;
}

/** "+3 −1": how many lines a diff adds and removes. */
export function diffSummary(rows: DiffRow[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const r of rows) {
    if (r.kind === 'add') added++;
    else if (r.kind === 'del') removed++;
  }
  return { added, removed };
}

// ---- Autosave ----------------------------------------------------------------

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error' | 'conflict';
export type SaveOutcome = { ok: true; at: number } | { ok: false; conflict: boolean; message: string };

type Timers = {
  set: (fn: () => void, ms: number) => unknown;
  clear: (t: unknown) => void;
};

/** Saves a moment after typing stops, at once on flush (blur, tab switch,
 *  Ctrl+S), never two saves at a time (a change made during a save is saved
 *  after it), and stops at a conflict until reset: the text is never
 *  written over someone else's. save reads the current text itself. */
export class Autosave {
  status: SaveStatus = 'idle';
  savedAt = 0;
  message = '';
  #dirty = false;
  #timer: unknown = null;
  #running: Promise<void> | null = null;
  #again = false;
  readonly #save: () => Promise<SaveOutcome>;
  readonly #delay: number;
  readonly #timers: Timers;
  readonly #onchange: (a: Autosave) => void;

  constructor(opts: {
    save: () => Promise<SaveOutcome>;
    delay?: number;
    timers?: Timers;
    onchange?: (a: Autosave) => void;
  }) {
    this.#save = opts.save;
    this.#delay = opts.delay ?? 1500;
    this.#timers = opts.timers ?? { set: (fn, ms) => setTimeout(fn, ms), clear: (t) => clearTimeout(t as number) };
    this.#onchange = opts.onchange ?? (() => {});
  }

  get dirty(): boolean {
    return this.#dirty;
  }

  /** The text changed. */
  changed(): void {
    if (this.status === 'conflict') return;
    this.#dirty = true;
    if (this.status !== 'saving') this.#set('pending');
    this.#schedule();
  }

  /** Saves now if anything is unsaved; resolves once it is (or failed). */
  async flush(): Promise<void> {
    this.#cancel();
    if (this.status === 'conflict') return;
    if (this.#running) {
      if (this.#dirty) this.#again = true;
      // A change made meanwhile is saved by that run, right after it.
      await this.#running;
      return;
    }
    if (!this.#dirty) return;
    this.#running = this.#run();
    await this.#running;
  }

  /** Forgets a conflict or error and any unsaved change (after a reload). */
  reset(): void {
    this.#cancel();
    this.#dirty = false;
    this.#again = false;
    this.message = '';
    this.#set('idle');
  }

  /** Stops the timer (the component is going away; flush first). */
  dispose(): void {
    this.#cancel();
  }

  #schedule(): void {
    this.#cancel();
    this.#timer = this.#timers.set(() => {
      this.#timer = null;
      void this.flush();
    }, this.#delay);
  }

  #cancel(): void {
    if (this.#timer !== null) this.#timers.clear(this.#timer);
    this.#timer = null;
  }

  async #run(): Promise<void> {
    this.#dirty = false;
    this.#again = false;
    this.#set('saving');
    let r: SaveOutcome;
    try {
      r = await this.#save();
    } catch (e) {
      r = { ok: false, conflict: false, message: e instanceof Error ? e.message : String(e) };
    }
    this.#running = null;
    if (!r.ok) {
      this.#dirty = true;
      this.message = r.message;
      this.#set(r.conflict ? 'conflict' : 'error');
      return;
    }
    this.savedAt = r.at;
    this.message = '';
    if (this.#dirty) {
      this.#set('pending');
      if (this.#again) {
        this.#running = this.#run();
        await this.#running;
      } else this.#schedule();
      return;
    }
    this.#set('saved');
  }

  #set(s: SaveStatus): void {
    this.status = s;
    this.#onchange(this);
  }
}

// ---- Preview requests ----------------------------------------------------------

/** Runs fn for the newest input a moment after the last request, one call
 *  at a time: while a call runs, newer inputs wait, and the answer of a call
 *  whose input was overtaken is dropped. */
export class Latest<I, R> {
  #timer: unknown = null;
  #busy = false;
  #queued: { input: I } | null = null;
  readonly #fn: (input: I) => Promise<R>;
  readonly #deliver: (result: R, input: I) => void;
  readonly #failed: (e: unknown, input: I) => void;
  readonly #delay: number;
  readonly #timers: Timers;

  constructor(opts: {
    fn: (input: I) => Promise<R>;
    deliver: (result: R, input: I) => void;
    failed?: (e: unknown, input: I) => void;
    delay?: number;
    timers?: Timers;
  }) {
    this.#fn = opts.fn;
    this.#deliver = opts.deliver;
    this.#failed = opts.failed ?? (() => {});
    this.#delay = opts.delay ?? 150;
    this.#timers = opts.timers ?? { set: (fn, ms) => setTimeout(fn, ms), clear: (t) => clearTimeout(t as number) };
  }

  /** Asks for input after the delay (0: at once). */
  request(input: I, delay = this.#delay): void {
    if (this.#timer !== null) this.#timers.clear(this.#timer);
    this.#timer = null;
    if (delay <= 0) {
      this.#start(input);
      return;
    }
    this.#timer = this.#timers.set(() => {
      this.#timer = null;
      this.#start(input);
    }, delay);
  }

  dispose(): void {
    if (this.#timer !== null) this.#timers.clear(this.#timer);
    this.#timer = null;
    this.#queued = null;
  }

  #start(input: I): void {
    if (this.#busy) {
      this.#queued = { input };
      return;
    }
    this.#busy = true;
    this.#fn(input).then(
      (r) => this.#done(input, () => this.#deliver(r, input)),
      (e) => this.#done(input, () => this.#failed(e, input)),
    );
  }

  #done(_input: I, report: () => void): void {
    this.#busy = false;
    const q = this.#queued;
    this.#queued = null;
    if (q) {
      this.#start(q.input); // the answer is stale: drop it, run the newer input
      return;
    }
    report();
  }
}
