import { gradientDescent, sweepW } from "../../engine/mod.ts";
import type { ComponentContext, PropsDeclaration } from "../../ssg/mod.ts";
import { axesSvg } from "../_chart/axis.ts";
import { COURSE_AXIS } from "../_chart/course.ts";
import {
  captionProp,
  captionText,
  chartData,
  type ChartDataProps,
  dataProps,
  hintProp,
  interceptProp,
} from "../_chart/data.ts";
import { descentProblem } from "../_chart/descent.ts";
import { FRAME, r2 } from "../_chart/frame.ts";
import { LABEL_SIZE, labelSvg, placeLabel, type Polyline } from "../_chart/label.ts";
import { fmt, fmtAxis, sig } from "../_chart/format.ts";
import { nearest } from "../_chart/nearest.ts";
import { esc, island } from "../_chart/svg.ts";
import { textFor } from "../_chart/text.ts";
import {
  curvePath,
  curveScales,
  type LossCurveData,
  readout,
  type Run,
  runLabel,
  selectionMarks,
} from "./marks.ts";

/** Steps of a descent run marked with dots (after the start), so the first ones stay apart. */
export const DOTS = 30;

/** Props of `comp.LossCurve`. */
export const props = {
  ...dataProps,
  w: {
    type: "axis",
    default: COURSE_AXIS,
    zh: "w 轴 `{ start, stop, step }`，规则同 numpy 的 arange（不含 stop）",
    description: "the w axis, `{ start, stop, step }` as numpy's arange (stop excluded)",
  },
  b: interceptProp,
  select: {
    type: "number",
    optional: true,
    zh: "一开始选中的 w；默认是最优的 w",
    description: "the w selected at first; default: the best w",
  },
  descent: {
    type: "object",
    optional: true,
    zh:
      "画在曲线上的梯度下降：`{ w0, lr, epochs, stochastic?, shuffle?, show? }`；`lr` 可以是列表，用按钮逐个切换（`show`：先显示哪一个）",
    description:
      "gradient descent drawn on the curve: `{ w0, lr, epochs, stochastic?, shuffle?, show? }`; " +
      "`lr` may be a list, shown one at a time with a control (`show`: the lr shown first)",
    check: (v: Record<string, unknown>) =>
      descentProblem(v, ["w0", "lr", "epochs", "stochastic", "shuffle", "show"], {
        lrList: true,
      }) ??
        (v.show === undefined || [v.lr].flat().includes(v.show)
          ? undefined
          : "show must be one of its lr values"),
  },
  caption: captionProp,
  hint: hintProp,
} satisfies PropsDeclaration;

interface Props extends ChartDataProps {
  w: { start: number; stop: number; step: number };
  b: number;
  select?: number;
  descent?: {
    w0: number;
    lr: number | number[];
    epochs: number;
    stochastic?: boolean;
    shuffle?: boolean;
    show?: number;
  };
  caption?: string;
  hint?: string;
}

/**
 * The loss curve of experiment 1: MSE against w over an axis, computed by the engine at build
 * time, drawn as a complete SVG (axes, curve, the best point), with the selected w linked to
 * the other charts of its data set.
 *
 * `{{ comp.LossCurve({ data: "linear", w: { start: 0, stop: 4.1, step: 0.1 } }) }}`
 */
export default function LossCurve(p: Props, ctx: ComponentContext): string {
  const t = textFor(ctx.page.lang);
  const data = chartData(p, ctx);
  const sweep = sweepW(data, p.w, p.b);
  const w = Array.from(sweep.w, sig), mse = Array.from(sweep.mse, sig);
  const best = sweep.best.index;
  const select = p.select === undefined ? best : nearest(w, p.select);
  const lrs = p.descent ? [p.descent.lr].flat() : [];
  const runs: Run[] = lrs.map((lr) => {
    const options = {
      w0: p.descent!.w0,
      b0: p.b,
      lr,
      epochs: p.descent!.epochs,
      stochastic: p.descent!.stochastic ?? false,
      shuffle: p.descent!.shuffle ?? true,
    };
    // Every epoch runs, as the course's loop does, so the words under the chart and the prose
    // quote the same last w; the engine's own check says whether the run diverges.
    const run = gradientDescent(data, { ...options, stopDiverging: false });
    const diverges = gradientDescent(data, options).divergence !== null;
    return {
      lr,
      w: run.steps.map((s) => sig(s.w)),
      mse: run.steps.map((s) => sig(s.mse)),
      diverged: diverges ? run.steps.length - 1 : null,
    };
  });
  const shown = Math.max(0, lrs.indexOf(p.descent?.show ?? lrs[0]));
  const top = Math.max(...mse);
  const island_: LossCurveData = {
    group: data.group,
    w,
    mse,
    b: p.b,
    xDomain: [w[0], w[w.length - 1]],
    yDomain: [0, top > 0 ? top * 1.05 : 1],
    select,
    runs,
    shown,
    lang: ctx.page.lang,
  };
  const scales = curveScales(island_);
  const sel = selectionMarks(scales, w[select], mse[select]);
  const bx = r2(scales.x(w[best])), by = r2(scales.y(mse[best]));
  const id = ctx.id;
  const summary = t.minimumAt(`w = ${fmtAxis(w[best])}`, fmt(mse[best]));
  const { width, height, margin } = FRAME;
  // A diverging run's last points lie far outside the plot: draw up to the first one past it.
  const drawn = (run: Run) => {
    const out = run.mse.findIndex((v) => v > top * 4);
    return out < 0 ? run.w.length : out + 1;
  };
  const runLines: Polyline[] = runs.map((run) =>
    run.w.slice(0, drawn(run)).map((v, i) => [scales.x(v), scales.y(run.mse[i])] as const)
  );
  const trajectories = runs.map((run, k) =>
    `<g class="trajectory" data-run="${k}"${
      k === shown ? "" : ' display="none"'
    } clip-path="url(#${id}-clip)"><path d="${
      curvePath(scales, run.w.slice(0, drawn(run)), run.mse.slice(0, drawn(run)))
    }"/>${
      run.w.slice(0, DOTS + 1).map((v, i) =>
        `<circle cx="${r2(scales.x(v))}" cy="${
          r2(scales.y(Math.min(run.mse[i], top * 2)))
        }" r="2.5"/>`
      ).join("")
    }</g>`
  ).join("");
  const bestText = `${t.best} w = ${fmtAxis(w[best])}`;
  const spot = placeLabel(
    bestText,
    { x: bx, y: by },
    [w.map((v, i) => [scales.x(v), scales.y(mse[i])] as const), ...runLines],
    { x0: margin.left, x1: width - 2, y0: margin.top, y1: height - margin.bottom },
    LABEL_SIZE,
  );
  const control = runs.length > 1
    ? `<fieldset class="runs" hidden><legend>${esc(t.lr)}</legend>${
      runs.map((run, k) =>
        `<label><input type="radio" name="${id}-lr" value="${k}"${
          k === shown ? " checked" : ""
        }> ${run.lr}</label>`
      ).join("")
    }</fieldset>`
    : "";
  const runText = runs.length
    ? ` <output class="run-readout">${esc(runLabel(runs[shown], ctx.page.lang))}</output>`
    : "";
  const runRows = runs.length > 1
    ? `<table><thead><tr><th scope="col">${esc(t.lr)}</th><th scope="col">${
      esc(t.result)
    }</th></tr></thead><tbody>${
      runs.map((run) =>
        `<tr><td>${run.lr}</td><td>${
          esc(runLabel(run, ctx.page.lang).replace(/^α = \S+ · /, ""))
        }</td></tr>`
      ).join("")
    }</tbody></table>`
    : "";
  const rows = w.map((v, i) =>
    `<tr${i === select ? ' class="selected"' : ""}><td>${fmtAxis(v)}</td><td>${
      fmt(mse[i])
    }</td></tr>`
  ).join("");
  return `<figure class="chart loss-curve" data-chart="loss-curve" data-group="${
    esc(data.group)
  }" id="${id}">` +
    `<svg class="chart-svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t" aria-describedby="${id}-d">` +
    `<title id="${id}-t">${esc(t.lossCurve)}</title><desc id="${id}-d">${esc(summary)}</desc>` +
    `<defs><clipPath id="${id}-clip"><rect x="${margin.left}" y="${margin.top}" width="${
      width - margin.left - margin.right
    }" height="${height - margin.top - margin.bottom}"/></clipPath></defs>` +
    axesSvg(FRAME, scales, { x: t.w, y: t.mse }) +
    `<path class="curve" d="${curvePath(scales, w, mse)}"/>` +
    trajectories +
    `<g class="best"><circle cx="${bx}" cy="${by}" r="5"/>${
      labelSvg(spot, { x: bx, y: by }, LABEL_SIZE)
    }</g>` +
    `<g class="selection"><line class="guide" x1="${sel.guide.x1}" x2="${sel.guide.x2}" y1="${sel.guide.y1}" y2="${sel.guide.y2}"/>` +
    `<circle class="dot" cx="${sel.dot.cx}" cy="${sel.dot.cy}" r="6"/></g>` +
    `</svg>` +
    `${control}` +
    `<details class="chart-table"><summary>${
      esc(t.table)
    }</summary><table><thead><tr><th scope="col">w</th><th scope="col">MSE</th></tr></thead><tbody>${rows}</tbody></table>${runRows}</details>` +
    island(island_) +
    `<figcaption>${captionText(p.caption, p.hint)}<output class="readout" for="${id}">${
      esc(readout(w[select], mse[select]))
    }</output>${runText}</figcaption>` +
    `</figure>`;
}
