import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/api')>();
  return {
    ...real,
    causeTree: vi.fn(),
    addCause: vi.fn(),
    moveCause: vi.fn(),
    updateCause: vi.fn(),
    reportError: vi.fn().mockResolvedValue(undefined),
  };
});

import * as api from '../lib/api';
import { ApiError, type CauseInput, type CauseNode } from '../lib/api';
import { causes } from './causes.svelte';
import { toasts } from './toasts.svelte';

/** A small stand-in for the Go side: nodes with parent and position, read
 *  back in outline order with depths, answering slowly like a round trip. */
type Row = { id: string; parentId: string; position: number; statement: string; kind: string };
let rows: Row[] = [];
let seq = 0;
const later = <T>(v: () => T) => new Promise<T>((r) => setTimeout(() => r(v()), 5));

function outline(): CauseNode[] {
  const out: CauseNode[] = [];
  const walk = (parent: string, depth: number) => {
    for (const r of rows.filter((x) => x.parentId === parent).sort((a, b) => a.position - b.position)) {
      out.push({ ...r, depth, notes: '', version: 1, updatedAt: 0, evidence: [], actions: [] } as unknown as CauseNode);
      walk(r.id, depth + 1);
    }
  };
  walk('', 0);
  return out;
}

beforeEach(() => {
  rows = [];
  seq = 0;
  toasts.items = [];
  vi.mocked(api.causeTree).mockImplementation(() => later(() => ({ nodes: outline(), flags: [] })));
  vi.mocked(api.addCause).mockImplementation((_inc: string, in_: CauseInput) =>
    later(() => {
      const parentId = in_.parentId ?? '';
      const sibs = rows.filter((r) => r.parentId === parentId).sort((a, b) => a.position - b.position);
      const at = in_.after ? sibs.findIndex((s) => s.id === in_.after) + 1 : 0;
      for (const s of sibs.slice(at)) s.position++;
      const r = { id: `c${++seq}`, parentId, position: at, statement: in_.statement, kind: in_.kind || (parentId ? 'cause' : 'problem') };
      rows.push(r);
      return outline().find((n) => n.id === r.id)!;
    }),
  );
});

describe('the causes store', () => {
  it('applies Enter then Tab in the order typed, before the first save has answered', async () => {
    await causes.open('inc-1');
    causes.draftFirst();
    causes.draft!.text = 'Checkout failed';
    const saving = causes.commitDraft();
    // Tab and the next text arrive while the add is still on its way.
    const indenting = causes.indentDraft();
    causes.draft!.text = 'The pool was exhausted';
    await Promise.all([saving, indenting]);
    await causes.commitDraft();
    await causes.outdentDraft();
    causes.draft!.text = 'Another problem';
    await causes.commitDraft();
    expect(causes.nodes.map((n) => [n.statement, n.depth])).toEqual([
      ['Checkout failed', 0],
      ['The pool was exhausted', 1],
      ['Another problem', 0],
    ]);
    expect(causes.selected?.statement).toBe('Another problem');
  });

  it('keeps the text and shows the reason under the line when a new line is refused', async () => {
    vi.mocked(api.addCause).mockRejectedValueOnce(new ApiError('invalid', 'bad', { statement: 'is 1001 characters long; the limit is 1000' }));
    await causes.open('inc-2');
    causes.draftFirst();
    causes.draft!.text = 'x'.repeat(1001);
    await causes.commitDraft();
    expect(causes.draft?.text).toHaveLength(1001);
    expect(causes.draft?.error).toBe('is 1001 characters long; the limit is 1000');
  });

  it('says why a move under a node’s own child was refused', async () => {
    vi.mocked(api.moveCause).mockRejectedValueOnce(
      new ApiError('invalid', 'parentId: …', { parentId: 'a cause cannot be moved under one of its own causes ("x"); that would make a loop' }),
    );
    await causes.open('inc-3');
    expect(await causes.moveTo('c1', 'c2', 0)).toBe(false);
    expect(toasts.items.at(-1)?.message).toBe('Not moved: a cause cannot be moved under one of its own causes ("x"); that would make a loop');
  });
});
