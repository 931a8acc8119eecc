import { FRAME, frameScales, r2, type Scales } from "../_chart/frame.ts";
import { fmt } from "../_chart/format.ts";
import { polylinePath } from "../_chart/path.ts";

/** What a loss curve's browser script needs, embedded in the page as its data island. */
export interface LossCurveData {
  /** Linked-selection group. */
  group: string;
  /** The w axis and the MSE at each of its values. */
  w: number[];
  mse: number[];
  /** Intercept of the model the curve is drawn for. */
  b: number;
  xDomain: [number, number];
  yDomain: [number, number];
  /** Index of the first selected w. */
  select: number;
  /** Descent trajectories: `w` and `mse` after each epoch, one run per learning rate. */
  runs: Run[];
  /** Index of the run shown first. */
  shown: number;
  lang: string;
}

/** One gradient descent run drawn on the curve. */
export interface Run {
  lr: number;
  w: number[];
  mse: number[];
  /** The last epoch of a run that diverges (every epoch runs, as the course's loop), or null. */
  diverged: number | null;
}

/** What a run did, in words: `α = 0.01 · 100 轮后 w = 1.99994`, `α = 0.22 · 发散：100 轮后 w = -178.544`. */
export function runLabel(run: Run, lang: string): string {
  const epochs = run.w.length - 1;
  const last = run.w[epochs];
  const w = String(Number(last.toPrecision(6)));
  if (lang === "en") {
    return run.diverged === null
      ? `α = ${run.lr} · w = ${w} after ${epochs} epochs`
      : `α = ${run.lr} · diverges: w = ${w} after ${epochs} epochs`;
  }
  return run.diverged === null
    ? `α = ${run.lr} · ${epochs} 轮后 w = ${w}`
    : `α = ${run.lr} · 发散：${epochs} 轮后 w = ${w}`;
}

/** The chart's scales, the same on the server and in the browser. */
export function curveScales(d: Pick<LossCurveData, "xDomain" | "yDomain">): Scales {
  return frameScales(FRAME, d.xDomain, d.yDomain);
}

/** An SVG path through (w, mse) points. */
export function curvePath(scales: Scales, w: number[], mse: number[]): string {
  return polylinePath(w.length, (i) => scales.x(w[i]), (i) => scales.y(mse[i]));
}

/** Attributes of the selection marks at (w, mse): a guide line down to the axis and a dot. */
export function selectionMarks(scales: Scales, w: number, mse: number) {
  const x = r2(scales.x(w)), y = r2(scales.y(Math.min(mse, scales.y.domain()[1])));
  const floor = r2(scales.y.range()[0]);
  return {
    guide: { x1: x, x2: x, y1: floor, y2: y },
    dot: { cx: x, cy: y },
  };
}

/** The readout under the chart. */
export function readout(w: number, mse: number): string {
  return `w = ${fmt(w)} · MSE = ${fmt(mse)}`;
}
