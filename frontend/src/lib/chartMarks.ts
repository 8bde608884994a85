// Where a chart's key-moment lines, their labels and the timeline-event
// ticks go, in pixels. Pure: the uPlot plugin (chartPlugin.ts) draws what
// these place, and the tooltip finds a tick under the pointer with them.
import type { ChartEvent, ChartMarker, Moment } from './api';

export const MOMENT_LABELS: Record<Moment, string> = {
  started: 'Started',
  detected: 'Detected',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
};

/** Maps a time (ms) to a pixel across [left, left + width] for the x range
 *  [fromMs, toMs]; NaN when the range is empty. */
export function xPos(at: number, fromMs: number, toMs: number, left: number, width: number): number {
  if (!(toMs > fromMs)) return NaN;
  return left + ((at - fromMs) / (toMs - fromMs)) * width;
}

/** labelX: where the label starts (right of the line, or left of it near the right edge). */
export type PlacedMarker = { moment: Moment; at: number; x: number; label: string; labelX: number; row: number };

/** The moments inside the range, each at its x, with its label on row 0 or,
 *  where it would overlap the label before it, on the next free row.
 *  charWidth approximates the label font's advance. */
export function placeMarkers(
  markers: ChartMarker[],
  fromMs: number,
  toMs: number,
  left: number,
  width: number,
  charWidth = 6.5,
  pad = 6,
  gap = 3,
): PlacedMarker[] {
  const out: PlacedMarker[] = [];
  const rowEnds: number[] = [];
  const sorted = [...markers].sort((a, b) => a.at - b.at);
  for (const m of sorted) {
    if (m.at < fromMs || m.at > toMs) continue;
    const x = xPos(m.at, fromMs, toMs, left, width);
    if (!Number.isFinite(x)) continue;
    const label = MOMENT_LABELS[m.moment] ?? m.moment;
    const w = label.length * charWidth;
    // A label that would run off the right edge goes left of its line.
    const labelX = x + gap + w > left + width ? x - gap - w : x + gap;
    let row = rowEnds.findIndex((end) => end + pad <= labelX);
    if (row < 0) {
      row = rowEnds.length;
      rowEnds.push(-Infinity);
    }
    rowEnds[row] = labelX + w;
    out.push({ moment: m.moment, at: m.at, x, label, labelX, row });
  }
  return out;
}

export type Tick = { x: number; events: ChartEvent[] };

/** The events inside the range as ticks; events closer than minGap pixels
 *  share one tick (its x is the first one's), so a busy minute stays
 *  readable and its tooltip lists them all. */
export function placeTicks(
  events: ChartEvent[],
  fromMs: number,
  toMs: number,
  left: number,
  width: number,
  minGap = 4,
): Tick[] {
  const ticks: Tick[] = [];
  const sorted = [...events].sort((a, b) => a.at - b.at);
  for (const e of sorted) {
    if (e.at < fromMs || e.at > toMs) continue;
    const x = xPos(e.at, fromMs, toMs, left, width);
    if (!Number.isFinite(x)) continue;
    const last = ticks[ticks.length - 1];
    if (last && x - last.x < minGap) last.events.push(e);
    else ticks.push({ x, events: [e] });
  }
  return ticks;
}

/** The tick nearest to x within tolerance pixels, or null. */
export function tickAt(ticks: Tick[], x: number, tolerance = 5): Tick | null {
  let best: Tick | null = null;
  let dist = tolerance;
  for (const t of ticks) {
    const d = Math.abs(t.x - x);
    if (d <= dist) {
      best = t;
      dist = d;
    }
  }
  return best;
}

/** Whether a drag selection is wide enough to mean "zoom here" rather than
 *  a click that wobbled. */
export function isZoom(widthPx: number): boolean {
  return widthPx >= 5;
}
