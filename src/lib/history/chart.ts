/**
 * A small static chart of change over time for one series: one bar per snapshot after the first (oldest on
 * the left), its height the clauses added, removed or edited. Plain SVG with presentation attributes (no style
 * attribute, no script: the page's CSP allows neither); the numbers are in the timeline next to it, so the chart
 * is one image with a text alternative.
 */
import { escapeHtml } from '../policies/render.ts';

const WIDTH = 240;
const HEIGHT = 48;

export function changeChart(points: readonly { date: string; changed: number }[], label: string): string {
  if (!points.length) return '';
  const max = Math.max(1, ...points.map((p) => p.changed));
  const step = WIDTH / points.length;
  const barWidth = Math.max(1, Math.min(24, step * 0.7));
  const bars = points
    .map((p, i) => {
      const h = p.changed ? Math.max(1, Math.round((p.changed / max) * (HEIGHT - 2))) : 0;
      const x = (i * step + (step - barWidth) / 2).toFixed(1);
      return `<rect x="${x}" y="${HEIGHT - h}" width="${barWidth.toFixed(1)}" height="${h}"><title>${escapeHtml(`${p.date}: ${p.changed} clauses changed`)}</title></rect>`;
    })
    .join('');
  const summary = `${label}: clauses changed per snapshot, from ${points[0].date} to ${points[points.length - 1].date}, at most ${max}.`;
  return `<svg class="change-chart" role="img" aria-label="${escapeHtml(summary)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" fill="currentColor"><line x1="0" y1="${HEIGHT - 0.5}" x2="${WIDTH}" y2="${HEIGHT - 0.5}" stroke="currentColor" stroke-width="1" />${bars}</svg>`;
}
