import { describe, expect, it } from 'vitest';
import { isZoom, placeMarkers, placeTicks, tickAt, xPos } from './chartMarks';

const T0 = 1_000_000;
const MIN = 60_000;

describe('xPos', () => {
  it('maps the range onto the pixels linearly', () => {
    expect(xPos(T0, T0, T0 + 100 * MIN, 50, 1000)).toBe(50);
    expect(xPos(T0 + 50 * MIN, T0, T0 + 100 * MIN, 50, 1000)).toBe(550);
    expect(xPos(T0 + 100 * MIN, T0, T0 + 100 * MIN, 50, 1000)).toBe(1050);
  });
  it('is NaN for an empty range', () => {
    expect(xPos(T0, T0, T0, 0, 100)).toBeNaN();
  });
});

describe('placeMarkers', () => {
  const markers = [
    { moment: 'resolved' as const, at: T0 + 92 * MIN },
    { moment: 'started' as const, at: T0 },
    { moment: 'detected' as const, at: T0 + 7 * MIN },
    { moment: 'mitigated' as const, at: T0 + 41 * MIN },
  ];
  it('places the moments in time order with their labels', () => {
    const p = placeMarkers(markers, T0 - 60 * MIN, T0 + 122 * MIN, 0, 1820);
    expect(p.map((m) => m.label)).toEqual(['Started', 'Detected', 'Mitigated', 'Resolved']);
    expect(p[0].x).toBeCloseTo(600);
    expect(p[3].x).toBeCloseTo(1520);
  });
  it('puts a label that would overlap the one before it on the next row', () => {
    // Started and Detected are 7 minutes = 70 px apart here; "Started" is ~46 px.
    const wide = placeMarkers(markers, T0 - 60 * MIN, T0 + 122 * MIN, 0, 1820);
    expect(wide.map((m) => m.row)).toEqual([0, 0, 0, 0]);
    const narrow = placeMarkers(markers, T0 - 60 * MIN, T0 + 122 * MIN, 0, 364);
    expect(narrow[0].row).toBe(0);
    expect(narrow[1].row).toBe(1);
    expect(narrow[2].row).toBe(0);
  });
  it('leaves out moments outside a zoomed range', () => {
    const p = placeMarkers(markers, T0 + 30 * MIN, T0 + 60 * MIN, 0, 300);
    expect(p.map((m) => m.moment)).toEqual(['mitigated']);
    expect(p[0].x).toBeCloseTo(110);
  });
});

describe('placeTicks and tickAt', () => {
  const ev = (id: string, min: number) => ({ id, at: T0 + min * MIN, kind: 'alert', text: id });
  it('gives each event a tick, and events closer than the gap one shared tick', () => {
    const ticks = placeTicks([ev('b', 10), ev('a', 0), ev('c', 10.1), ev('d', 50)], T0, T0 + 100 * MIN, 0, 1000);
    expect(ticks.map((t) => t.events.map((e) => e.id))).toEqual([['a'], ['b', 'c'], ['d']]);
    expect(ticks.map((t) => t.x)).toEqual([0, 100, 500]);
  });
  it('leaves out events outside the range', () => {
    expect(placeTicks([ev('a', -5), ev('b', 105)], T0, T0 + 100 * MIN, 0, 1000)).toEqual([]);
  });
  it('finds the nearest tick within the tolerance only', () => {
    const ticks = placeTicks([ev('a', 10), ev('b', 11)], T0, T0 + 100 * MIN, 0, 1000);
    expect(tickAt(ticks, 104)?.events[0].id).toBe('a');
    expect(tickAt(ticks, 107)?.events[0].id).toBe('b');
    expect(tickAt(ticks, 130)).toBeNull();
  });
});

describe('isZoom', () => {
  it('treats a small wobble as a click, not a zoom', () => {
    expect(isZoom(2)).toBe(false);
    expect(isZoom(40)).toBe(true);
  });
});

describe('placeMarkers near the right edge', () => {
  it('puts the label left of a line too close to the edge for it', () => {
    const [m] = placeMarkers([{ moment: 'resolved', at: T0 + 99 * MIN }], T0, T0 + 100 * MIN, 0, 1000);
    expect(m.x).toBe(990);
    expect(m.labelX).toBeCloseTo(990 - 3 - 8 * 6.5);
    const [n] = placeMarkers([{ moment: 'resolved', at: T0 + 10 * MIN }], T0, T0 + 100 * MIN, 0, 1000);
    expect(n.labelX).toBe(103);
  });
});
