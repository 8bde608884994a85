// A uPlot plugin that draws an incident's key moments (dashed vertical
// lines with their labels) and its timeline events (short ticks along the
// bottom) on the plot, on uPlot's draw hook, so they move with zoom and
// resize. Placement comes from chartMarks.ts.
import uPlot from 'uplot';
import type { ChartEvent, ChartMarker } from './api';
import { placeMarkers, placeTicks } from './chartMarks';

/** bg: behind the moment labels, so a label stays readable over a series. */
export type MarkColors = { marker: string; label: string; tick: string; font: string; bg: string };

export type MarksSource = {
  markers: () => ChartMarker[];
  events: () => ChartEvent[];
  colors: () => MarkColors;
};

const LABEL_ROW = 14;
const TICK = 7;

export function marksPlugin(src: MarksSource): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (u: uPlot) => {
          const min = u.scales.x.min;
          const max = u.scales.x.max;
          if (min === undefined || max === undefined) return;
          const r = uPlot.pxRatio;
          const { left, top, width, height } = u.bbox;
          const c = src.colors();
          const ctx = u.ctx;
          ctx.save();

          // Events: ticks up from the bottom edge of the plot.
          ctx.strokeStyle = c.tick;
          ctx.lineWidth = 2 * r;
          ctx.setLineDash([]);
          ctx.beginPath();
          for (const t of placeTicks(src.events(), min * 1000, max * 1000, left, width, 4 * r)) {
            const x = Math.round(t.x);
            ctx.moveTo(x, top + height);
            ctx.lineTo(x, top + height - TICK * r);
          }
          ctx.stroke();

          // Moments: dashed lines with labels along the top.
          const placed = placeMarkers(src.markers(), min * 1000, max * 1000, left, width, 6.2 * r, 6 * r, 3 * r);
          ctx.strokeStyle = c.marker;
          ctx.lineWidth = 1 * r;
          ctx.setLineDash([4 * r, 3 * r]);
          ctx.beginPath();
          for (const m of placed) {
            const x = Math.round(m.x) + 0.5;
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + height);
          }
          ctx.stroke();
          ctx.setLineDash([]);
          ctx.font = `${11 * r}px ${c.font}`;
          // uPlot leaves the axes' alignment on the context.
          ctx.textAlign = 'left';
          ctx.textBaseline = 'top';
          for (const m of placed) {
            const y = top + 2 * r + m.row * LABEL_ROW * r;
            const w = ctx.measureText(m.label).width;
            ctx.fillStyle = c.bg;
            ctx.fillRect(m.labelX - 2 * r, y - 1 * r, w + 4 * r, 13 * r);
            ctx.fillStyle = c.label;
            ctx.fillText(m.label, m.labelX, y);
          }
          ctx.restore();
        },
      ],
    },
  };
}
