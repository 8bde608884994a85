import { describe, expect, it } from 'vitest';
import { Text } from '@codemirror/state';
import { Autosave, Latest, diffRows, diffSummary, nextLayout, parseLayout, runeOffset, runeRange, type SaveOutcome } from './postmortem';

describe('runeOffset', () => {
  it('counts plain text one unit per rune', () => {
    expect(runeOffset('human error', 6)).toBe(6);
  });
  it('counts an astral character as one rune but two units', () => {
    // 😀 and 𝔸 are outside the BMP: two UTF-16 units each.
    expect(runeOffset('😀 human error', 2)).toBe(3);
    expect(runeOffset('𝔸𝔸x', 2)).toBe(4);
  });
  it('treats a lone surrogate as one rune', () => {
    expect(runeOffset('\ud83dx', 1)).toBe(1);
  });
  it('stops at the end of the text', () => {
    expect(runeOffset('ab', 10)).toBe(2);
  });
});

describe('runeRange', () => {
  const doc = Text.of(['# Title', '😀😀 It was human error.', 'é then blame']);
  it('maps a 1-based line and rune column to document offsets', () => {
    // Line 2 starts at 8 ("# Title\n"); "human error" is at rune col 11, 11 runes long.
    const r = runeRange(doc, 2, 11, 11);
    expect(r).not.toBeNull();
    expect(doc.sliceString(r!.from, r!.to)).toBe('human error');
  });
  it('handles combining-free accents (one unit, one rune)', () => {
    const r = runeRange(doc, 3, 8, 5);
    expect(doc.sliceString(r!.from, r!.to)).toBe('blame');
  });
  it('returns null for a line not in the document', () => {
    expect(runeRange(doc, 0, 1, 1)).toBeNull();
    expect(runeRange(doc, 4, 1, 1)).toBeNull();
  });
  it('clamps a hint running past the end of its line', () => {
    const r = runeRange(doc, 1, 3, 99);
    expect(doc.sliceString(r!.from, r!.to)).toBe('Title');
  });
});

describe('layout', () => {
  it('cycles editor → split → preview → editor', () => {
    expect(nextLayout('editor')).toBe('split');
    expect(nextLayout('split')).toBe('preview');
    expect(nextLayout('preview')).toBe('editor');
  });
  it('reads a stored layout, split for anything else', () => {
    expect(parseLayout('preview')).toBe('preview');
    expect(parseLayout('sideways')).toBe('split');
    expect(parseLayout(null)).toBe('split');
  });
});

describe('diffRows', () => {
  it('marks added and removed lines with their numbers', () => {
    const rows = diffRows('a\nb\nc\n', 'a\nB\nc\nd\n');
    expect(rows).toEqual([
      { kind: 'same', text: 'a', oldNo: 1, newNo: 1 },
      { kind: 'del', text: 'b', oldNo: 2, newNo: null },
      { kind: 'add', text: 'B', oldNo: null, newNo: 2 },
      { kind: 'same', text: 'c', oldNo: 3, newNo: 3 },
      { kind: 'add', text: 'd', oldNo: null, newNo: 4 },
    ]);
    expect(diffSummary(rows)).toEqual({ added: 2, removed: 1 });
  });
  it('folds unchanged lines far from any change', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
    const after = before.replace('line 10', 'line ten');
    const rows = diffRows(before, after, 2);
    expect(rows[0]).toEqual({ kind: 'gap', count: 7 });
    expect(rows.filter((r) => r.kind === 'same')).toHaveLength(4);
    expect(rows.at(-1)).toEqual({ kind: 'gap', count: 8 });
  });
  it('has no rows for equal texts but a gap', () => {
    expect(diffRows('x\ny', 'x\ny')).toEqual([{ kind: 'gap', count: 2 }]);
  });
});

/** Timers the test moves by hand. */
function fakeTimers() {
  let pending: { fn: () => void; id: number }[] = [];
  let next = 1;
  return {
    timers: {
      set: (fn: () => void) => {
        const id = next++;
        pending.push({ fn, id });
        return id;
      },
      clear: (id: unknown) => {
        pending = pending.filter((p) => p.id !== id);
      },
    },
    fire() {
      const p = pending;
      pending = [];
      for (const x of p) x.fn();
    },
    get count() {
      return pending.length;
    },
  };
}

const tickAll = () => new Promise((r) => setTimeout(r, 0));

describe('Autosave', () => {
  it('saves once after typing stops, and says so', async () => {
    const t = fakeTimers();
    let saves = 0;
    const a = new Autosave({ save: async () => (saves++, { ok: true, at: 42 }), timers: t.timers });
    a.changed();
    a.changed();
    a.changed();
    expect(a.status).toBe('pending');
    expect(t.count).toBe(1);
    t.fire();
    await tickAll();
    expect(saves).toBe(1);
    expect(a.status).toBe('saved');
    expect(a.savedAt).toBe(42);
  });

  it('never saves twice at once: a change during a save is saved after it', async () => {
    const t = fakeTimers();
    const calls: (() => void)[] = [];
    const a = new Autosave({
      save: () => new Promise<SaveOutcome>((r) => calls.push(() => r({ ok: true, at: 1 }))),
      timers: t.timers,
    });
    a.changed();
    const first = a.flush();
    expect(a.status).toBe('saving');
    a.changed(); // typed while saving
    const second = a.flush();
    expect(calls).toHaveLength(1);
    calls[0]();
    await tickAll();
    expect(calls).toHaveLength(2);
    calls[1]();
    await Promise.all([first, second]);
    expect(a.status).toBe('saved');
    expect(a.dirty).toBe(false);
  });

  it('flush with nothing changed does not save', async () => {
    let saves = 0;
    const a = new Autosave({ save: async () => (saves++, { ok: true, at: 1 }), timers: fakeTimers().timers });
    await a.flush();
    expect(saves).toBe(0);
    expect(a.status).toBe('idle');
  });

  it('stops at a conflict until reset, and keeps the change unsaved', async () => {
    const t = fakeTimers();
    let saves = 0;
    const a = new Autosave({
      save: async () => (saves++, { ok: false, conflict: true, message: 'changed elsewhere' }),
      timers: t.timers,
    });
    a.changed();
    await a.flush();
    expect(a.status).toBe('conflict');
    expect(a.message).toBe('changed elsewhere');
    a.changed();
    await a.flush();
    expect(saves).toBe(1);
    expect(t.count).toBe(0);
    a.reset();
    expect(a.status).toBe('idle');
    expect(a.dirty).toBe(false);
  });

  it('an error keeps the change for the next try', async () => {
    let fail = true;
    const a = new Autosave({
      save: async () => (fail ? { ok: false, conflict: false, message: 'disk full' } : { ok: true, at: 5 }),
      timers: fakeTimers().timers,
    });
    a.changed();
    await a.flush();
    expect(a.status).toBe('error');
    expect(a.dirty).toBe(true);
    fail = false;
    await a.flush();
    expect(a.status).toBe('saved');
  });

  it('a thrown save counts as an error', async () => {
    const a = new Autosave({
      save: () => Promise.reject(new Error('bridge gone')),
      timers: fakeTimers().timers,
    });
    a.changed();
    await a.flush();
    expect(a.status).toBe('error');
    expect(a.message).toBe('bridge gone');
  });
});

describe('Latest', () => {
  it('runs one call at a time and drops answers overtaken by newer input', async () => {
    const t = fakeTimers();
    const resolvers: ((v: string) => void)[] = [];
    const seen: string[] = [];
    const inputs: string[] = [];
    const l = new Latest<string, string>({
      fn: (i) => {
        inputs.push(i);
        return new Promise((r) => resolvers.push(r));
      },
      deliver: (r) => seen.push(r),
      timers: t.timers,
    });
    l.request('a', 0);
    l.request('b', 0); // waits: a is running
    l.request('c', 0); // replaces b
    expect(inputs).toEqual(['a']);
    resolvers[0]('A');
    await tickAll();
    expect(seen).toEqual([]); // A is stale
    expect(inputs).toEqual(['a', 'c']);
    resolvers[1]('C');
    await tickAll();
    expect(seen).toEqual(['C']);
  });

  it('debounces requests', () => {
    const t = fakeTimers();
    const inputs: string[] = [];
    const l = new Latest<string, string>({ fn: async (i) => (inputs.push(i), i), deliver: () => {}, timers: t.timers });
    l.request('a');
    l.request('ab');
    expect(t.count).toBe(1);
    t.fire();
    expect(inputs).toEqual(['ab']);
  });
});
