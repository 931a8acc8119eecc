import { binaryCrossEntropy, type Reduction } from "../../engine/losses.ts";
import { tensor } from "../../engine/tensor.ts";
import { FRAME, frameScales, r2, type Scales } from "../_chart/frame.ts";
import { fmt } from "../_chart/format.ts";
import { polylinePath } from "../_chart/path.ts";

/** What a one-feature classifier's browser script needs, embedded as its data island. */
export interface ClassifierData {
  group: string;
  x: number[];
  y: number[];
  /** Where the probability curve is sampled (`np.linspace` over the x range). */
  grid: number[];
  xDomain: [number, number];
  /** The reduction of the binary cross-entropy the readout shows. */
  reduction: Reduction;
  /** The parameters shown at first. */
  w: number;
  b: number;
  /** w and b after each epoch of the training run (`[w0, b0, w1, b1, …]`), or null. */
  run: { epochs: number; wb: number[]; epoch: number } | null;
  lang: string;
}

/** The chart's scales: x over the data's range, probability from 0 to 1 (a little margin). */
export function classifierScales(d: Pick<ClassifierData, "xDomain">): Scales {
  return frameScales(FRAME, d.xDomain, [-0.05, 1.05]);
}

/** σ(w·x + b) at each x, from the engine's sigmoid. */
export function probabilities(xs: readonly number[], w: number, b: number): number[] {
  return Array.from(tensor([...xs]).mul(w).add(b).sigmoid().data);
}

/** The decision threshold: the x where w·x + b = 0, so σ = 0.5; null when w = 0 (no crossing). */
export function threshold(w: number, b: number): number | null {
  return w === 0 ? null : -b / w;
}

/** The binary cross-entropy of the data under (w, b), from the engine's loss. */
export function loss(d: Pick<ClassifierData, "x" | "y" | "reduction">, w: number, b: number) {
  const p = tensor(probabilities(d.x, w, b));
  return binaryCrossEntropy(p, tensor(d.y), d.reduction).item();
}

/** Everything that moves with (w, b): the curve's path, the threshold's marks, the readout. */
export function classifierMarks(scales: Scales, d: ClassifierData, w: number, b: number) {
  const ps = probabilities(d.grid, w, b);
  const path = polylinePath(d.grid.length, (i) => scales.x(d.grid[i]), (i) => scales.y(ps[i]));
  const t = threshold(w, b);
  const [lo, hi] = d.xDomain;
  const inside = t !== null && t >= lo && t <= hi;
  const tx = inside ? r2(scales.x(t)) : null;
  return {
    path,
    threshold: t,
    inside,
    guide: tx === null
      ? null
      : { x1: tx, x2: tx, y1: r2(scales.y.range()[0]), y2: r2(scales.y.range()[1]) },
    handle: tx === null ? null : { cx: tx, cy: r2(scales.y(0.5)) },
    /** The predicted probability of each data point. */
    points: probabilities(d.x, w, b),
  };
}

/** The readout: parameters, the threshold −b/w, and the loss. */
export function classifierReadout(
  d: Pick<ClassifierData, "x" | "y" | "reduction" | "lang">,
  w: number,
  b: number,
  epoch?: number,
): string {
  const t = threshold(w, b);
  const en = d.lang === "en";
  const th = t === null
    ? (en ? "no threshold (w = 0)" : "没有阈值（w = 0）")
    : `${en ? "threshold" : "阈值"} x = −b/w = ${fmt(t)}`;
  const ep = epoch === undefined ? "" : `${en ? "epoch" : "第"} ${epoch}${en ? "" : " 轮"} · `;
  return `${ep}w = ${fmt(w)}, b = ${fmt(b)} · ${th} · ${en ? "loss" : "损失"} = ${
    fmt(loss(d, w, b))
  }`;
}

/** The parameters after epoch `e` of the run. */
export function runAt(
  run: NonNullable<ClassifierData["run"]>,
  e: number,
): { w: number; b: number } {
  return { w: run.wb[2 * e], b: run.wb[2 * e + 1] };
}
