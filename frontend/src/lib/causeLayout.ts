// The root-cause diagram's layout: a pure function from the flat outline to
// boxes and links, left to right, so it can be timed and tested without a
// DOM. d3-hierarchy places the nodes (Reingold–Tilford, "tidy" trees); the
// trees of an incident hang off one hidden root, so they stack top to bottom.
import { hierarchy, tree, type HierarchyPointNode } from 'd3-hierarchy';

export type LayoutInput = {
  id: string;
  parentId: string;
  kind: string;
  statement: string;
  actions: number;
};

export type LaidNode = {
  id: string;
  kind: string;
  actions: number;
  /** Top-left corner and size of the box, in diagram units. */
  x: number;
  y: number;
  w: number;
  h: number;
  lines: string[];
};

export type LaidLink = { from: string; to: string; d: string };

export type CauseLayout = { nodes: LaidNode[]; links: LaidLink[]; width: number; height: number };

export const BOX_W = 200;
export const COL_GAP = 64;
export const ROW_GAP = 14;
export const LINE_H = 16;
export const PAD = 10;
const CHARS = 26;
const MAX_LINES = 4;

/** Greedy word wrap to about `chars` per line, at most `max` lines, the last
 *  ending with an ellipsis when text was left out. */
export function wrap(text: string, chars = CHARS, max = MAX_LINES): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let cur = '';
  for (let w of words) {
    while (w.length > chars) {
      if (cur) out.push(cur);
      cur = '';
      out.push(w.slice(0, chars - 1) + '-');
      w = w.slice(chars - 1);
    }
    if (!cur) cur = w;
    else if (cur.length + 1 + w.length <= chars) cur += ' ' + w;
    else {
      out.push(cur);
      cur = w;
    }
  }
  if (cur) out.push(cur);
  if (out.length > max) {
    const kept = out.slice(0, max);
    kept[max - 1] = kept[max - 1].slice(0, chars - 1) + '…';
    return kept;
  }
  return out.length ? out : [''];
}

type Datum = { id: string; src?: LayoutInput; lines: string[]; h: number; children: Datum[] };

export function layoutCauses(nodes: readonly LayoutInput[]): CauseLayout {
  const root: Datum = { id: '', lines: [], h: 0, children: [] };
  const byId = new Map<string, Datum>([['', root]]);
  for (const n of nodes) {
    const lines = wrap(n.statement);
    byId.set(n.id, { id: n.id, src: n, lines, h: lines.length * LINE_H + 2 * PAD + LINE_H, children: [] });
  }
  for (const n of nodes) {
    const parent = byId.get(n.parentId) ?? root;
    parent.children.push(byId.get(n.id)!);
  }
  const h = hierarchy<Datum>(root, (d) => d.children);
  // nodeSize [1, …]: separation is then in diagram units, so it can follow
  // the heights of the two boxes it keeps apart.
  const laid = tree<Datum>()
    .nodeSize([1, BOX_W + COL_GAP])
    .separation((a, b) => (a.data.h + b.data.h) / 2 + (a.parent === b.parent ? ROW_GAP : ROW_GAP * 2))(h);

  const out: LaidNode[] = [];
  const pos = new Map<string, LaidNode>();
  let minTop = Infinity;
  let maxBottom = -Infinity;
  let maxRight = 0;
  laid.each((p: HierarchyPointNode<Datum>) => {
    if (!p.data.src) return;
    const n = p.data.src;
    const box: LaidNode = {
      id: n.id,
      kind: n.kind,
      actions: n.actions,
      x: (p.depth - 1) * (BOX_W + COL_GAP),
      y: p.x - p.data.h / 2,
      w: BOX_W,
      h: p.data.h,
      lines: p.data.lines,
    };
    minTop = Math.min(minTop, box.y);
    maxBottom = Math.max(maxBottom, box.y + box.h);
    maxRight = Math.max(maxRight, box.x + box.w);
    out.push(box);
    pos.set(n.id, box);
  });
  if (!out.length) return { nodes: [], links: [], width: 0, height: 0 };
  for (const b of out) b.y -= minTop;
  const links: LaidLink[] = [];
  for (const n of nodes) {
    const a = pos.get(n.parentId);
    const b = pos.get(n.id);
    if (!a || !b) continue;
    const x1 = a.x + a.w;
    const y1 = a.y + a.h / 2;
    const x2 = b.x;
    const y2 = b.y + b.h / 2;
    const mx = (x1 + x2) / 2;
    links.push({ from: a.id, to: b.id, d: `M${x1},${y1}C${mx},${y1} ${mx},${y2} ${x2},${y2}` });
  }
  return { nodes: out, links, width: maxRight, height: maxBottom - minTop };
}
