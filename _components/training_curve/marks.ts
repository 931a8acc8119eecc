/**
 * What a training curve draws, the same on the server and in the browser: its scales, axes,
 * one path per run, the selection and the text that says it. The server writes these into
 * the page; the browser calls them again after re-training a run.
 */
import { type ScaleLinear, scaleLinear } from "d3-scale";
import { FRAME as CHART_FRAME, type Frame, r2 } from "../_chart/frame.ts";
import { fmtTick } from "../_chart/format.ts";
import { esc } from "../_chart/svg.ts";
import type { TrainConfig } from "../../engine/train.ts";
import { type CurveText, curveText } from "./words.ts";
import { polylinePath } from "../_chart/path.ts";

/** One run as the chart draws it. */
export interface CurveRun {
  /** Legend text: what sets this run apart (`Adam`, `α = 0.1`, `batch 32`). */
  label: string;
  /** Loss at x = i·every (6 significant digits); shorter when the run diverged. */
  loss: number[];
  /** x between two of its points (x units). */
  every: number;
  /** x of its last point (had it not diverged). */
  last: number;
  /** w and b at the same points, when the chart publishes them to its group. */
  w?: number[];
  b?: number[];
  /** Epoch (or step) at which the run was stopped as diverging, or null. */
  diverged: number | null;
}

/** A chart's data island: everything its browser half needs to redraw and re-train. */
export interface TrainingCurveData {
  /** Linked group: the selected epoch (and w, b) are shared with the charts of this group. */
  group: string;
  /** What a point is: the loss after an epoch (on the whole set), or a step's batch loss. */
  per: "epoch" | "step";
  /** What the x axis counts: epochs, or steps (per step only). */
  x: "epoch" | "step";
  /** Log or linear y axis (as the prop `scale` says, or chosen from the losses). */
  scale: "auto" | "log" | "linear";
  /** The selection sits on multiples of `grain` (x units). */
  grain: number;
  /** Last x (of the longest run). */
  xMax: number;
  runs: CurveRun[];
  /** x selected at first. */
  select: number;
  lang: string;
  /** The base config and each run's overrides, to re-train in the browser. */
  base: TrainConfig;
  overrides: Array<Partial<TrainConfig>>;
  /** Indices of w and b among the run's parameters, when it publishes them. */
  publish: { w?: number; b?: number };
  /** The choices of each control (absent: no control). */
  controls: { lr?: number[]; optimizer?: string[]; epochs?: number[] };
  /** What the controls are set to (an index into each list). */
  chosen: { lr?: number; optimizer?: number; epochs?: number };
}

/** The charts' frame with room for labels such as `10⁻¹²` on the left and `1000` on the right, even on a phone. */
export const FRAME: Frame = {
  ...CHART_FRAME,
  margin: { ...CHART_FRAME.margin, left: 72, right: 28 },
};

/** A y scale: a d3 linear scale, or the log scale of {@linkcode logScale}. */
interface YScale {
  (v: number): number;
  domain(): number[];
  range(): number[];
  ticks(count: number): number[];
}

/**
 * A base-10 log scale from `[lo, hi]` onto `range` (a few lines, where d3's scaleLog would
 * bring its tick and format machinery to the page; the log axis draws its own ticks).
 */
function logScale([lo, hi]: [number, number], range: [number, number]): YScale {
  const a = Math.log10(lo), k = (range[1] - range[0]) / (Math.log10(hi) - a);
  const scale = (v: number) => range[0] + (Math.log10(v) - a) * k;
  scale.domain = () => [lo, hi];
  scale.range = () => [...range];
  scale.ticks = () => [];
  return scale;
}

/** The chart's scales. */
export interface CurveScales {
  x: ScaleLinear<number, number>;
  y: YScale;
  log: boolean;
}

/** Finite losses of every run (positive ones when `positive`). */
function losses(runs: CurveRun[], positive: boolean): number[] {
  return runs.flatMap((r) => r.loss.filter((v) => Number.isFinite(v) && (!positive || v > 0)));
}

/**
 * Scales over the runs: a log y axis when `scale` is `"log"`, or `"auto"` and the positive
 * losses span more than two decades; the log axis starts and ends at powers of ten.
 */
export function curveScales(d: Pick<TrainingCurveData, "runs" | "xMax" | "scale">): CurveScales {
  const { width, height, margin } = FRAME;
  const x = scaleLinear().domain([0, Math.max(1, d.xMax)]).range([
    margin.left,
    width - margin.right,
  ]);
  const all = losses(d.runs, false), pos = losses(d.runs, true);
  const max = all.length ? Math.max(...all) : 1;
  const minPos = pos.length ? Math.min(...pos) : 1;
  const log = d.scale === "log" ||
    (d.scale === "auto" && pos.length > 0 && Math.max(...pos) / minPos > 100);
  const range: [number, number] = [height - margin.bottom, margin.top];
  if (log) {
    const top = Math.max(...pos);
    // Below 10⁻¹² of the largest loss lies rounding noise (float64 keeps ~16 digits): a run
    // that reaches it is drawn along the bottom edge rather than stretching the axis.
    const lo = 10 ** Math.floor(Math.log10(Math.max(minPos, top * 1e-12)));
    const hi = 10 ** Math.ceil(Math.log10(top));
    return { x, y: logScale([lo, hi === lo ? lo * 10 : hi], range), log };
  }
  return { x, y: scaleLinear().domain([0, max > 0 ? max * 1.05 : 1]).range(range), log };
}

const SUP: Record<string, string> = {
  "-": "⁻",
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
};

/** 10^n as a label: `0.01` when `plain`, else `10⁻²`. */
function powerLabel(n: number, plain: boolean): string {
  if (plain) return fmtTick(10 ** n);
  return "10" + String(n).replace(/./g, (c) => SUP[c]);
}

/** A loss for a reader: four significant digits, `7.30 × 10⁻⁷` below 0.001. */
export function fmtLoss(v: number): string {
  if (!Number.isFinite(v)) return "—";
  if (v === 0 || Math.abs(v) >= 1e-3) return String(Number(v.toPrecision(4)));
  const [m, e] = v.toExponential(2).split("e");
  return `${m} × 10${String(Number(e)).replace(/./g, (c) => SUP[c])}`;
}

/** A parameter for a reader: six significant digits, `1.31913 × 10⁻⁶` below 0.0001. */
export function fmtParam(v: number): string {
  if (v === 0 || Math.abs(v) >= 1e-4) return String(Number(v.toPrecision(6)));
  const [m, e] = v.toExponential(5).split("e");
  return `${Number(m)} × 10${String(Number(e)).replace(/./g, (c) => SUP[c])}`;
}

/** The y ticks: powers of ten on a log axis (every other one past six decades). */
function yTicks(s: CurveScales): Array<{ v: number; label: string }> {
  if (!s.log) return s.y.ticks(5).map((v) => ({ v, label: fmtTick(v) }));
  const [lo, hi] = s.y.domain().map((v) => Math.round(Math.log10(v)));
  const every = Math.ceil((hi - lo) / 6);
  // One style per axis: plain numbers while they stay short (0.01 … 1000), else powers.
  const plain = lo >= -2 && hi <= 3;
  const out = [];
  for (let n = lo; n <= hi; n += every) out.push({ v: 10 ** n, label: powerLabel(n, plain) });
  return out;
}

/** Axes, grid and titles as SVG (the markup of the other charts' axes). */
export function axesMarks(s: CurveScales, t: CurveText, x: "epoch" | "step"): string {
  const { width, height, margin } = FRAME;
  const x0 = margin.left, x1 = width - margin.right;
  const y0 = height - margin.bottom, y1 = margin.top;
  const xt = s.x.ticks(6).filter(Number.isInteger).map((v) => {
    const x = r2(s.x(v));
    return `<line x1="${x}" x2="${x}" y1="${y1}" y2="${y0}" class="grid"/>` +
      `<line x1="${x}" x2="${x}" y1="${y0}" y2="${y0 + 5}"/>` +
      `<text x="${x}" y="${y0 + 18}" text-anchor="middle">${fmtTick(v)}</text>`;
  }).join("");
  const yt = yTicks(s).map(({ v, label }) => {
    const y = r2(s.y(v));
    return `<line x1="${x0}" x2="${x1}" y1="${y}" y2="${y}" class="grid"/>` +
      `<line x1="${x0 - 5}" x2="${x0}" y1="${y}" y2="${y}"/>` +
      `<text x="${x0 - 8}" y="${y}" dy="0.32em" text-anchor="end">${esc(label)}</text>`;
  }).join("");
  const yTitle = s.log ? t.lossLog : t.loss;
  return `<g class="axis" aria-hidden="true">${xt}${yt}` +
    `<line x1="${x0}" x2="${x1}" y1="${y0}" y2="${y0}"/>` +
    `<line x1="${x0}" x2="${x0}" y1="${y1}" y2="${y0}"/>` +
    `<text class="title" x="${r2((x0 + x1) / 2)}" y="${height - 8}" text-anchor="middle">${
      esc(x === "epoch" ? t.epochAxis : t.stepAxis)
    }</text>` +
    `<text class="title" transform="translate(14 ${r2((y0 + y1) / 2)}) rotate(-90)" ` +
    `text-anchor="middle">${esc(yTitle)}</text></g>`;
}

/** y of a loss, clamped into the plot (a log axis has no place for 0). */
function yOf(s: CurveScales, v: number): number {
  const [lo, hi] = s.y.domain();
  return s.y(Math.min(Math.max(v, lo), hi * 4));
}

/**
 * The path of one run: at most two points (lowest and highest) per pixel column, in order,
 * so a run of 50,000 noisy steps draws as its envelope in a few hundred points.
 */
export function runPath(s: CurveScales, run: CurveRun): string {
  const pts: Array<[number, number]> = [];
  let col = NaN, lo: [number, number] | null = null, hi: [number, number] | null = null;
  const flush = () => {
    if (lo && hi) {
      if (lo === hi) pts.push(lo);
      else if (lo[0] < hi[0]) pts.push(lo, hi);
      else pts.push(hi, lo);
    }
  };
  for (let i = 0; i < run.loss.length; i++) {
    const v = run.loss[i];
    if (!Number.isFinite(v)) break;
    const p: [number, number] = [s.x(xOf(run, i)), yOf(s, v)];
    const c = Math.round(p[0]);
    if (c !== col) {
      flush();
      col = c;
      lo = hi = p;
    } else {
      if (p[1] > lo![1]) lo = p;
      if (p[1] < hi![1]) hi = p;
    }
  }
  flush();
  return polylinePath(pts.length, (i) => pts[i][0], (i) => pts[i][1]);
}

/** Every run's path, one `<path class="run run-k">` each. */
export function runsMarks(s: CurveScales, d: TrainingCurveData): string {
  return d.runs.map((run, k) => `<path class="run run-${k}" d="${runPath(s, run)}"/>`).join("");
}

/** The x of a run's point i. */
export function xOf(run: Pick<CurveRun, "every" | "last">, i: number): number {
  return Math.min(i * run.every, run.last);
}

/** A run's point at x (the nearest it keeps; its last one from its last x on). */
export function pointAt(run: Pick<CurveRun, "every" | "last">, x: number): number {
  if (x >= run.last - 1e-9) return Math.ceil(run.last / run.every - 1e-9);
  return Math.round(Math.max(0, x) / run.every);
}

/** x moved onto the selection's grid, within the axis. */
export function snap(d: Pick<TrainingCurveData, "grain" | "xMax">, x: number): number {
  if (x >= d.xMax) return d.xMax;
  return Math.max(0, Math.min(d.xMax, Math.round(x / d.grain) * d.grain));
}

/** The selection at x: a guide line and one dot per run that reached it. */
export function selectionMarks(s: CurveScales, d: TrainingCurveData, x: number) {
  const px = r2(s.x(x));
  const [y0, y1] = s.y.range();
  return {
    guide: { x1: px, x2: px, y1: r2(y0), y2: r2(y1) },
    dots: d.runs.map((run) => {
      const v = run.loss[pointAt(run, x)];
      return Number.isFinite(v)
        ? { cx: px, cy: r2(yOf(s, v)), visibility: "visible" }
        : { cx: px, cy: r2(y0), visibility: "hidden" };
    }),
  };
}

/** The selection's markup (updated in place by the browser). */
export function selectionSvg(s: CurveScales, d: TrainingCurveData, x: number): string {
  const m = selectionMarks(s, d, x);
  return `<g class="selection"><line class="guide" x1="${m.guide.x1}" x2="${m.guide.x2}" y1="${m.guide.y1}" y2="${m.guide.y2}"/>` +
    m.dots.map((p, k) =>
      `<circle class="dot run-${k}" cx="${p.cx}" cy="${p.cy}" r="4.5"${
        p.visibility === "hidden" ? ' visibility="hidden"' : ""
      }/>`
    ).join("") + `</g>`;
}

/** What x holds, in words: `epoch 120 · SGD: 0.0123 · Adam: 0.456`, with w and b of one run. */
export function readout(d: TrainingCurveData, x: number): string {
  const t = curveText(d.lang);
  const head = d.x === "epoch" ? t.epochN(x) : t.stepN(x);
  const parts = d.runs.map((run) => {
    const v = run.loss[pointAt(run, x)];
    const value = Number.isFinite(v) ? fmtLoss(v) : run.diverged === null ? "—" : t.divergedShort;
    return d.runs.length === 1 ? `${t.lossWord} ${value}` : `${run.label}${t.is}${value}`;
  });
  const one = d.runs.length === 1 ? d.runs[0] : null;
  const i = one ? pointAt(one, x) : -1;
  if (one?.w && Number.isFinite(one.w[i])) {
    parts.push(
      `w = ${fmtParam(one.w[i])}` +
        (one.b && Number.isFinite(one.b[i]) ? `, b = ${fmtParam(one.b[i])}` : ""),
    );
  }
  return [head, ...parts].join(" · ");
}

/** The legend: one item per run, its line style beside its label (and a note if it diverged). */
export function legendHtml(d: TrainingCurveData): string {
  const t = curveText(d.lang);
  return d.runs.map((run, k) =>
    `<li class="run-${k}">${esc(run.label)}${
      run.diverged === null
        ? ""
        : ` <span class="note">(${
          esc(d.x === "epoch" ? t.divergedAt(run.diverged) : t.divergedAtStep(run.diverged))
        })</span>`
    }</li>`
  ).join("");
}

/** The x values the data table lists: 0, 1, 2, 5, 10, 20, 50, … and the last. */
export function tableXs(xMax: number): number[] {
  const out = [0];
  for (let p = 1; p < xMax; p *= 10) {
    for (const m of [1, 2, 5]) if (p * m < xMax) out.push(p * m);
  }
  if (xMax > 0) out.push(xMax);
  return out;
}

/** The data table: the loss of each run at the x values of {@linkcode tableXs}. */
export function tableHtml(d: TrainingCurveData): string {
  const t = curveText(d.lang);
  const head = `<tr><th scope="col">${esc(d.x === "epoch" ? t.epochCol : t.stepCol)}</th>${
    d.runs.map((r) => `<th scope="col">${esc(r.label)}</th>`).join("")
  }</tr>`;
  const rows = tableXs(d.xMax).map((x) =>
    `<tr><td>${x}</td>${
      d.runs.map((r) => `<td>${fmtLoss(r.loss[pointAt(r, x)] ?? NaN)}</td>`).join("")
    }</tr>`
  ).join("");
  return `<table><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

/** One sentence per run for the SVG's description: where its loss starts and ends. */
export function summary(d: TrainingCurveData): string {
  const t = curveText(d.lang);
  return d.runs.map((r) => {
    const finite = r.loss.filter(Number.isFinite);
    return t.summary(r.label, fmtLoss(finite[0]), fmtLoss(finite[finite.length - 1]), r.diverged);
  }).join(" ");
}
