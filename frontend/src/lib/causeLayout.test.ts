import { describe, expect, it } from 'vitest';
import { layoutCauses, wrap, type LayoutInput } from './causeLayout';

/** A tree of n nodes, each under a random earlier node, seeded. */
function generated(n: number, trees = 3): LayoutInput[] {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const out: LayoutInput[] = [];
  for (let i = 0; i < n; i++) {
    const parentId = i < trees ? '' : out[Math.floor(rand() * i)].id;
    out.push({ id: `n${i}`, parentId, kind: i < trees ? 'problem' : 'cause', statement: `Why number ${i}: the thing upstream did not answer in time`, actions: i % 7 === 0 ? 1 : 0 });
  }
  return out;
}

describe('layoutCauses', () => {
  it('places children right of their parent and no two boxes of a column overlap', () => {
    const l = layoutCauses(generated(300));
    expect(l.nodes).toHaveLength(300);
    expect(l.links).toHaveLength(297);
    const by = new Map(l.nodes.map((n) => [n.id, n]));
    for (const n of generated(300)) {
      if (n.parentId) expect(by.get(n.id)!.x).toBeGreaterThan(by.get(n.parentId)!.x);
    }
    const cols = new Map<number, typeof l.nodes>();
    for (const n of l.nodes) cols.set(n.x, [...(cols.get(n.x) ?? []), n]);
    for (const col of cols.values()) {
      col.sort((a, b) => a.y - b.y);
      for (let i = 1; i < col.length; i++) expect(col[i].y).toBeGreaterThanOrEqual(col[i - 1].y + col[i - 1].h);
    }
    expect(Math.min(...l.nodes.map((n) => n.y))).toBe(0);
  });

  it('stacks several trees and handles an empty outline', () => {
    expect(layoutCauses([])).toEqual({ nodes: [], links: [], width: 0, height: 0 });
    const l = layoutCauses([
      { id: 'a', parentId: '', kind: 'problem', statement: 'A', actions: 0 },
      { id: 'b', parentId: '', kind: 'problem', statement: 'B', actions: 0 },
    ]);
    expect(l.nodes[0].x).toBe(l.nodes[1].x);
    expect(l.nodes[1].y).toBeGreaterThan(l.nodes[0].y);
  });

  it('lays out a 2,000-node tree in under 100 ms', () => {
    const input = generated(2000);
    layoutCauses(input); // warm up the JIT
    // The median of 7 runs: one run on a busy machine can catch a GC pause
    // or another process's time slice.
    const times: number[] = [];
    let l = layoutCauses(input);
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      l = layoutCauses(input);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const ms = times[3];
    console.log(`figure: layout of a 2,000-node cause tree: median ${ms.toFixed(1)} ms of 7 (min ${times[0].toFixed(1)}, max ${times[6].toFixed(1)})`);
    expect(l.nodes).toHaveLength(2000);
    expect(ms).toBeLessThan(100);
  });
});

describe('wrap', () => {
  it('wraps on words, cuts long words, and ends a cut text with an ellipsis', () => {
    expect(wrap('short')).toEqual(['short']);
    expect(wrap('one two three', 8)).toEqual(['one two', 'three']);
    expect(wrap('abcdefghijkl', 6)).toEqual(['abcde-', 'fghij-', 'kl']);
    expect(wrap('a b c d e f', 1, 2)).toEqual(['a', '…']);
  });
});
