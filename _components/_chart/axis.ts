import { type Frame, r2, type Scales } from "./frame.ts";
import { fmtTick } from "./format.ts";
import { esc } from "./svg.ts";

/**
 * The two axes of a 2D chart as SVG: lines, ticks, labels, titles and light grid lines.
 * Colours come from CSS (`currentColor`), so dark mode needs no redraw.
 */
export function axesSvg(
  frame: Frame,
  scales: Scales,
  titles: { x: string; y: string },
  counts: { x: number; y: number } = { x: 6, y: 5 },
): string {
  const { width, height, margin } = frame;
  const x0 = margin.left, x1 = width - margin.right;
  const y0 = height - margin.bottom, y1 = margin.top;
  const xt = scales.x.ticks(counts.x).map((v) => {
    const x = r2(scales.x(v));
    return `<line x1="${x}" x2="${x}" y1="${y1}" y2="${y0}" class="grid"/>` +
      `<line x1="${x}" x2="${x}" y1="${y0}" y2="${y0 + 5}"/>` +
      `<text x="${x}" y="${y0 + 18}" text-anchor="middle">${fmtTick(v)}</text>`;
  }).join("");
  const yt = scales.y.ticks(counts.y).map((v) => {
    const y = r2(scales.y(v));
    return `<line x1="${x0}" x2="${x1}" y1="${y}" y2="${y}" class="grid"/>` +
      `<line x1="${x0 - 5}" x2="${x0}" y1="${y}" y2="${y}"/>` +
      `<text x="${x0 - 8}" y="${y}" dy="0.32em" text-anchor="end">${fmtTick(v)}</text>`;
  }).join("");
  return `<g class="axis" aria-hidden="true">${xt}${yt}` +
    `<line x1="${x0}" x2="${x1}" y1="${y0}" y2="${y0}"/>` +
    `<line x1="${x0}" x2="${x0}" y1="${y1}" y2="${y0}"/>` +
    `<text class="title" x="${r2((x0 + x1) / 2)}" y="${height - 8}" text-anchor="middle">${
      esc(titles.x)
    }</text>` +
    `<text class="title" transform="translate(14 ${r2((y0 + y1) / 2)}) rotate(-90)" ` +
    `text-anchor="middle">${esc(titles.y)}</text></g>`;
}
