import { type Frame, frameScales, r2, type Scales } from "../_chart/frame.ts";
import { fmt } from "../_chart/format.ts";

/** The heatmap's frame: room on the right for the colour bar. */
export const HEATMAP_FRAME: Frame = {
  width: 480,
  height: 360,
  margin: { top: 24, right: 84, bottom: 46, left: 58 },
};

/** What the heatmap's browser script needs. */
export interface HeatmapData {
  group: string;
  /** Columns. */
  w: number[];
  /** Rows. */
  b: number[];
  /** Row-major, rows b: `mse[i * w.length + j]` is the MSE at (w[j], b[i]). */
  mse: number[];
  /** Selected cell at first: [row, column]. */
  select: [number, number];
}

/**
 * Scales whose domains run from the first cell's outer edge to the last's, so each value
 * sits in the middle of its cell.
 */
export function heatmapScales(d: Pick<HeatmapData, "w" | "b">): Scales {
  const half = (v: number[]) => (v.length > 1 ? (v[1] - v[0]) / 2 : 0.5);
  const hw = half(d.w), hb = half(d.b);
  return frameScales(
    HEATMAP_FRAME,
    [d.w[0] - hw, d.w[d.w.length - 1] + hw],
    [d.b[0] - hb, d.b[d.b.length - 1] + hb],
  );
}

/** The rectangle of cell (row i, column j). */
export function cellRect(scales: Scales, d: Pick<HeatmapData, "w" | "b">, i: number, j: number) {
  const half = (v: number[]) => (v.length > 1 ? (v[1] - v[0]) / 2 : 0.5);
  const x0 = scales.x(d.w[j] - half(d.w)), x1 = scales.x(d.w[j] + half(d.w));
  const y0 = scales.y(d.b[i] + half(d.b)), y1 = scales.y(d.b[i] - half(d.b));
  return { x: r2(x0), y: r2(y0), width: r2(x1 - x0), height: r2(y1 - y0) };
}

/** The selection marker at (w, b): a ring and two guide lines to the axes. */
export function selectionMarks(scales: Scales, w: number, b: number) {
  const x = r2(scales.x(w)), y = r2(scales.y(b));
  const [left] = scales.x.range(), [bottom] = scales.y.range();
  return {
    ring: { cx: x, cy: y },
    h: { x1: left, x2: x, y1: y, y2: y },
    v: { x1: x, x2: x, y1: bottom, y2: y },
  };
}

/** The readout: a cell's parameters and MSE. */
export function cellReadout(w: number, b: number, mse: number): string {
  return `w = ${fmt(w)}, b = ${fmt(b)} · MSE = ${fmt(mse)}`;
}
