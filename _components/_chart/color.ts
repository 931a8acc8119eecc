import { scaleSymlog } from "d3-scale";
import { interpolateViridis } from "d3-scale-chromatic";
import { r2 } from "./frame.ts";
import { fmtTick } from "./format.ts";
import { esc } from "./svg.ts";

/**
 * The MSE colour map: viridis over a symmetric-log scale, so the valley near the minimum is
 * as readable as the steep walls (a linear map paints most of a parabola's grid one colour).
 * `t(mse)` gives the position in [0, 1]; `color(mse)` the colour.
 */
export function mseColors(max: number) {
  const t = scaleSymlog().constant(Math.max(max, 1e-12) / 1000).domain([0, max || 1]).range([
    0,
    1,
  ]).clamp(true);
  return { t, color: (mse: number) => interpolateViridis(t(mse)) };
}

/** Viridis as 256 RGB triples: a table lookup per cell instead of a colour string to parse. */
export const VIRIDIS_RGB: Uint8Array = (() => {
  const out = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const c = interpolateViridis(i / 255);
    for (let k = 0; k < 3; k++) out[i * 3 + k] = parseInt(c.slice(1 + 2 * k, 3 + 2 * k), 16);
  }
  return out;
})();

/** Contour levels for an MSE surface: 1, 2, 5 × powers of ten below `max`, largest 8. */
export function contourLevels(min: number, max: number): number[] {
  const out: number[] = [];
  const lo = Math.max(min, max / 1e4, 1e-9);
  for (let e = Math.floor(Math.log10(lo)); 10 ** e <= max; e++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * 10 ** e).toPrecision(3));
      if (v > lo && v < max) out.push(v);
    }
  }
  return out.slice(-8);
}

/**
 * A vertical colour bar: a gradient sampled from the map, ticks at the contour levels, and a
 * title. `id` makes the gradient's id unique on the page.
 */
export function colorBarSvg(
  id: string,
  box: { x: number; y: number; width: number; height: number },
  max: number,
  title: string,
): string {
  const { t } = mseColors(max);
  const stops = Array.from({ length: 11 }, (_, i) => {
    const f = i / 10;
    return `<stop offset="${f}" stop-color="${interpolateViridis(1 - f)}"/>`;
  }).join("");
  const levels = [
    0,
    ...contourLevels(0, max).filter((_, i, a) => a.length < 5 || i % 2 === a.length % 2),
    max,
  ];
  const y = (v: number) => r2(box.y + box.height * (1 - t(v)));
  const ticks = levels.map((v) =>
    `<line x1="${box.x + box.width}" x2="${box.x + box.width + 4}" y1="${y(v)}" y2="${y(v)}"/>` +
    `<text x="${box.x + box.width + 7}" y="${y(v)}" dy="0.32em">${
      fmtTick(Number(v.toPrecision(3)))
    }</text>`
  ).join("");
  return `<g class="colorbar" aria-hidden="true"><defs><linearGradient id="${id}-cb" x1="0" x2="0" y1="0" y2="1">${stops}</linearGradient></defs>` +
    `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="url(#${id}-cb)"/>` +
    `<g class="axis">${ticks}</g>` +
    `<text class="title" x="${box.x + box.width / 2}" y="${box.y - 8}" text-anchor="middle">${
      esc(title)
    }</text></g>`;
}
