/**
 * Small pictures for the home page's list of lectures, drawn at build time from the engine:
 * what each lecture's charts show, keyed by lecture number. Colours come from the theme's CSS.
 * A lecture with no entry here (and no front matter `preview`) is listed without a picture.
 */
import { line } from "d3-shape";
import { scaleLinear } from "d3-scale";
import { gradientDescent, sweepW } from "../engine/mod.ts";
import { COURSE_AXIS, courseData } from "../_components/_chart/course.ts";
import { trainOnce } from "../_components/_chart/train.ts";
import lecture5 from "./lecture5.ts";
import { LAYOUT, modelGraph } from "../_components/computational_graph/expr.ts";

const W = 120, H = 72, PAD = 6;

type Scale = (v: number) => number;

function thumbnail(
  w: ArrayLike<number>,
  mse: ArrayLike<number>,
  extra: (x: Scale, y: Scale) => string,
): string {
  const x = scaleLinear().domain([w[0], w[w.length - 1]]).range([PAD, W - PAD]);
  const y = scaleLinear().domain([0, Math.max(...Array.from(mse))]).range([H - PAD, PAD]);
  const d = line<number>().x((i) => x(w[i])).y((i) => y(mse[i])).digits(1)(
    Array.from(w, (_, i) => i),
  );
  return `<svg class="thumb" viewBox="0 0 ${W} ${H}" aria-hidden="true" focusable="false">` +
    `<line class="floor" x1="${PAD}" x2="${W - PAD}" y1="${H - PAD}" y2="${H - PAD}"/>` +
    `<path class="curve" d="${d}"/>${extra(x, y)}</svg>`;
}

/** Data points and the line through them that fits best: learning from data. */
function fitThumbnail(data: { x: number[]; y: number[] }, w: number): string {
  const xMax = Math.max(...data.x) * 1.25;
  const x = scaleLinear().domain([0, xMax]).range([PAD, W - PAD]);
  const y = scaleLinear().domain([0, Math.max(...data.y) * 1.25]).range([H - PAD, PAD]);
  const dots = data.x.map((v, i) =>
    `<circle class="best" cx="${x(v).toFixed(1)}" cy="${y(data.y[i]).toFixed(1)}" r="3.5"/>`
  ).join("");
  return `<svg class="thumb" viewBox="0 0 ${W} ${H}" aria-hidden="true" focusable="false">` +
    `<line class="floor" x1="${PAD}" x2="${W - PAD}" y1="${H - PAD}" y2="${H - PAD}"/>` +
    `<path class="curve" d="M${x(0).toFixed(1)},${y(0).toFixed(1)}L${x(xMax).toFixed(1)},${
      y(w * xMax).toFixed(1)
    }"/>${dots}</svg>`;
}

/** A training curve on a log axis: the loss of lecture 5's run over its epochs. */
function trainingThumbnail(loss: ArrayLike<number>): string {
  const logs = Array.from(loss, (v) => Math.log10(v));
  const x = scaleLinear().domain([0, logs.length - 1]).range([PAD, W - PAD]);
  const y = scaleLinear().domain([Math.min(...logs), Math.max(...logs)]).range([H - PAD, PAD]);
  const every = Math.max(1, Math.floor(logs.length / 100));
  const d = logs.filter((_, i) => i % every === 0 || i === logs.length - 1)
    .map((v, k, kept) =>
      `${x(k === kept.length - 1 ? logs.length - 1 : k * every).toFixed(1)},${y(v).toFixed(1)}`
    )
    .join("L");
  const last = logs.length - 1;
  return `<svg class="thumb" viewBox="0 0 ${W} ${H}" aria-hidden="true" focusable="false">` +
    `<line class="floor" x1="${PAD}" x2="${W - PAD}" y1="${H - PAD}" y2="${H - PAD}"/>` +
    `<path class="curve" d="M${d}"/><circle class="best" cx="${x(last).toFixed(1)}" cy="${
      y(logs[last]).toFixed(1)
    }" r="3.5"/></svg>`;
}

/** Lecture 4's computational graph of (x·w − y)², as the engine reads it: leaves and operations. */
function graphThumbnail(): string {
  const g = modelGraph("linear", { x: 1, y: 2, w: 1 });
  const place = LAYOUT.linear;
  const at = g.nodes.map((n) => place[n.name ?? n.label]);
  const x = scaleLinear().domain([0, 3]).range([PAD + 8, W - PAD - 8]);
  const y = scaleLinear().domain([0, 1.5]).range([PAD + 8, H - PAD - 8]);
  const p = (i: number) => [x(at[i].col).toFixed(1), y(at[i].row).toFixed(1)];
  const edges = g.edges.map((e) => {
    // Each edge stops short of its ends, so no line runs through the hollow data boxes.
    const [x1, y1] = p(e.from).map(Number), [x2, y2] = p(e.to).map(Number);
    const len = Math.hypot(x2 - x1, y2 - y1), ux = (x2 - x1) / len, uy = (y2 - y1) / len;
    const end = (
      x: number,
      y: number,
      d: number,
    ) => [(x + ux * d).toFixed(1), (y + uy * d).toFixed(1)];
    const [ax, ay] = end(x1, y1, 6), [bx, by] = end(x2, y2, -6);
    return `<line class="steps" x1="${ax}" y1="${ay}" x2="${bx}" y2="${by}"/>`;
  }).join("");
  const nodes = g.nodes.map((n, i) => {
    const [cx, cy] = p(i);
    return n.isLeaf
      ? `<rect class="${n.requiresGrad ? "best" : "curve"}" x="${Number(cx) - 5}" y="${
        Number(cy) - 5
      }" width="10" height="10" rx="2"/>`
      : `<circle class="best" cx="${cx}" cy="${cy}" r="6"/>`;
  }).join("");
  return `<svg class="thumb" viewBox="0 0 ${W} ${H}" aria-hidden="true" focusable="false">${edges}${nodes}</svg>`;
}

const axis = COURSE_AXIS;
const linear = sweepW(courseData("linear"), axis);
const descentData = courseData("descent");
const descent = sweepW(descentData, axis);
const run = gradientDescent(descentData, { w0: 1, lr: 0.2, epochs: 8 });

export default {
  1: fitThumbnail(descentData, descent.best.w),
  2: thumbnail(
    linear.w,
    linear.mse,
    (x, y) =>
      `<circle class="best" cx="${x(linear.best.w).toFixed(1)}" cy="${y(0).toFixed(1)}" r="3.5"/>`,
  ),
  3: thumbnail(
    descent.w,
    descent.mse,
    (x, y) =>
      `<path class="steps" d="M${
        run.steps.map((s) => `${x(s.w).toFixed(1)},${y(s.mse).toFixed(1)}`).join("L")
      }"/>`,
  ),
  4: graphThumbnail(),
  5: trainingThumbnail(trainOnce(lecture5.config).epochLoss),
} as Record<number, string>;
