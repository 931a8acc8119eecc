import { arange, mse, sweepWB } from "../../engine/mod.ts";
import type { ComponentContext, PropsDeclaration } from "../../ssg/mod.ts";
import { axesSvg } from "../_chart/axis.ts";
import { COURSE_AXIS } from "../_chart/course.ts";
import {
  captionProp,
  chartData,
  type ChartDataProps,
  dataProps,
  isSelection,
} from "../_chart/data.ts";
import { FRAME, r2 } from "../_chart/frame.ts";
import { esc, island } from "../_chart/svg.ts";
import { textFor } from "../_chart/text.ts";
import { type DataFitData, fitMarks, fitReadout, fitScales } from "./marks.ts";

type Axis = { start: number; stop: number; step: number };

/** Props of `comp.DataFit`. */
export const props = {
  ...dataProps,
  w: {
    type: "axis",
    default: COURSE_AXIS,
    zh: "w 可能的取值范围（决定图的纵轴范围）",
    description: "the range of w the line may take (sets the chart's y range)",
  },
  b: {
    type: ["number", "axis"],
    default: 0,
    zh: "固定的偏置；或者一条坐标轴，表示 b 也可以被选择（(w, b) 实验）",
    description: "a fixed intercept, or an axis when b is selected too (the (w, b) experiment)",
  },
  select: {
    type: ["number", "object"],
    optional: true,
    zh: "一开始画的直线：一个 w，或 `{ w, b }`；默认是拟合最好的那条",
    description: "the line shown at first: a w, or `{ w, b }`; default: the best fit",
    check: (v: number | Record<string, unknown>) =>
      typeof v === "number" || isSelection(v)
        ? undefined
        : "must be a number or { w, b } with numbers",
  },
  caption: captionProp,
} satisfies PropsDeclaration;

interface Props extends ChartDataProps {
  w: Axis;
  b: number | Axis;
  select?: number | { w?: number; b?: number };
  caption?: string;
}

/**
 * The data points, the line ŷ = w·x + b and each sample's residual, with the MSE; the line
 * follows the (w, b) selected on the other charts of its data set.
 *
 * `{{ comp.DataFit({ data: "linear", select: 2 }) }}`
 */
export default function DataFit(p: Props, ctx: ComponentContext): string {
  const t = textFor(ctx.page.lang);
  const data = chartData(p, ctx);
  const bLinked = typeof p.b !== "number";
  const ws = arange(p.w.start, p.w.stop, p.w.step);
  const bs = typeof p.b === "number" ? [p.b] : Array.from(arange(p.b.start, p.b.stop, p.b.step));
  const wLo = ws[0], wHi = ws[ws.length - 1], bLo = Math.min(...bs), bHi = Math.max(...bs);
  const xLo = Math.min(0, ...data.x), xHi = Math.max(...data.x);
  const xPad = (xHi - xLo || 1) * 0.1;
  const xDomain: [number, number] = [xLo === 0 ? 0 : xLo - xPad, xHi + xPad];
  // Every line the selection can reach stays inside the plot.
  const ends = [xDomain[0], xDomain[1]].flatMap((
    x,
  ) => [wLo * x + bLo, wHi * x + bHi, wLo * x + bHi, wHi * x + bLo]);
  const yLo = Math.min(0, ...data.y, ...ends), yHi = Math.max(...data.y, ...ends);
  const bestW = sweepWB(data, ws, bs).best;
  const sel = typeof p.select === "number" ? { w: p.select } : (p.select ?? {});
  const w = sel.w ?? bestW.w, b = sel.b ?? (bLinked ? bestW.b : (p.b as number));
  const d: DataFitData = {
    group: data.group,
    x: data.x,
    y: data.y,
    xDomain,
    yDomain: [yLo, yHi],
    w,
    b,
    bLinked,
  };
  const scales = fitScales(d);
  scales.y.nice();
  d.yDomain = scales.y.domain() as [number, number];
  const m = fitMarks(scales, d, w, b);
  const id = ctx.id;
  const { width, height, margin } = FRAME;
  const value = mse(data, w, b);
  const points = data.x.map((x, i) =>
    `<circle cx="${r2(scales.x(x))}" cy="${r2(scales.y(data.y[i]))}" r="5"><title>(${x}, ${
      data.y[i]
    })</title></circle>`
  ).join("");
  const residuals = m.residuals.map((r) =>
    `<line x1="${r.x1}" x2="${r.x2}" y1="${r.y1}" y2="${r.y2}"/>`
  ).join("");
  const rows = data.x.map((x, i) => `<tr><td>${x}</td><td>${data.y[i]}</td></tr>`).join("");
  return `<figure class="chart data-fit" data-chart="data-fit" data-group="${
    esc(data.group)
  }" id="${id}">` +
    `<svg class="chart-svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t" aria-describedby="${id}-d">` +
    `<title id="${id}-t">${esc(t.dataFit)}</title><desc id="${id}-d">${
      esc(fitReadout(w, b, value, bLinked))
    }</desc>` +
    `<defs><clipPath id="${id}-clip"><rect x="${margin.left}" y="${margin.top}" width="${
      width - margin.left - margin.right
    }" height="${height - margin.top - margin.bottom}"/></clipPath></defs>` +
    axesSvg(FRAME, scales, { x: t.x, y: t.y }) +
    `<g class="residuals" clip-path="url(#${id}-clip)">${residuals}</g>` +
    `<line class="fit" clip-path="url(#${id}-clip)" x1="${m.line.x1}" y1="${m.line.y1}" x2="${m.line.x2}" y2="${m.line.y2}"/>` +
    `<g class="points">${points}</g></svg>` +
    `<details class="chart-table"><summary>${
      esc(t.table)
    }</summary><table><thead><tr><th scope="col">x</th><th scope="col">y</th></tr></thead><tbody>${rows}</tbody></table></details>` +
    island(d) +
    `<figcaption>${p.caption ? `${esc(p.caption)} ` : ""}<output class="readout" for="${id}">${
      esc(fitReadout(w, b, value, bLinked))
    }</output></figcaption>` +
    `</figure>`;
}
