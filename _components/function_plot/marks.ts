import { FRAME, frameScales, r2, type Scales } from "../_chart/frame.ts";
import { fmt } from "../_chart/format.ts";
import { polylinePath } from "../_chart/path.ts";

/** What a function plot's browser script needs, embedded in the page as its data island. */
export interface FunctionPlotData {
  /** The sample positions, increasing. */
  xs: number[];
  /** One list of values per series, at `xs`. */
  ys: number[][];
  labels: string[];
  xLabel: string;
  xDomain: [number, number];
  yDomain: [number, number];
  /** Index into `xs` of the readout shown at first. */
  select: number;
}

/** The chart's scales, the same on the server and in the browser. */
export function plotScales(d: Pick<FunctionPlotData, "xDomain" | "yDomain">): Scales {
  return frameScales(FRAME, d.xDomain, d.yDomain);
}

/** An SVG path through one series; points outside the y range are clipped by the chart. */
export function seriesPath(scales: Scales, xs: number[], ys: number[]): string {
  return polylinePath(xs.length, (i) => scales.x(xs[i]), (i) => scales.y(ys[i]));
}

/** The hover marks at sample `i`: a vertical guide and one dot per series. */
export function hoverMarks(scales: Scales, d: Pick<FunctionPlotData, "xs" | "ys">, i: number) {
  const x = r2(scales.x(d.xs[i]));
  const [lo, hi] = scales.y.domain();
  const clampY = (v: number) => r2(scales.y(Math.max(lo, Math.min(hi, v))));
  return {
    guide: { x1: x, x2: x, y1: r2(scales.y.range()[0]), y2: r2(scales.y.range()[1]) },
    dots: d.ys.map((ys) => ({ cx: x, cy: clampY(ys[i]) })),
  };
}

/** The readout's terms: `["x = 1.0", "σ(x) = 0.7311", "tanh(x) = 0.7616"]`. */
export function readoutTerms(
  d: Pick<FunctionPlotData, "xs" | "ys" | "labels" | "xLabel">,
  i: number,
): string[] {
  return [`${d.xLabel} = ${fmt(d.xs[i])}`, ...d.labels.map((l, k) => `${l} = ${fmt(d.ys[k][i])}`)];
}

/** The readout under the chart as one line: `x = 1.0 · σ(x) = 0.7311 · tanh(x) = 0.7616`. */
export function plotReadout(
  d: Pick<FunctionPlotData, "xs" | "ys" | "labels" | "xLabel">,
  i: number,
): string {
  return readoutTerms(d, i).join(" · ");
}
