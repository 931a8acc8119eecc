import { mse, residuals } from "../engine/mod.ts";
import type { ComponentContext } from "../ssg/mod.ts";

/** Props of `comp.ResidualTable`. */
export interface Props {
  /** Inputs of the data set. */
  x: number[];
  /** Targets, as many as `x`. */
  y: number[];
  /** Weight of the model ŷ = x·w + b. */
  w: number;
  /** Bias; 0 (the model ŷ = x·w) by default. */
  b?: number;
}

const text = {
  zh: { caption: "每个样本的预测与损失", mean: "平均（MSE）" },
  en: { caption: "Prediction and loss of each sample", mean: "Mean (MSE)" },
};

/** 2 → "2.0", 4.666666 → "4.6667": as the course's printouts, to four decimals. */
function fmt(v: number): string {
  return Number.isInteger(v) ? v.toFixed(1) : String(Number(v.toFixed(4)));
}

/**
 * The per-sample table the course prints for one candidate weight: x, y, ŷ and
 * (ŷ − y)², with the mean squared error underneath, computed at build time.
 *
 * `{{ comp.ResidualTable({ x: [1, 2, 3], y: [3, 6, 9], w: 2 }) }}`
 */
export default function ResidualTable(props: Record<string, unknown>, ctx: ComponentContext) {
  const { x, y, w, b = 0 } = props as unknown as Props;
  const isNumbers = (v: unknown) => Array.isArray(v) && v.every((n) => typeof n === "number");
  if (!isNumbers(x) || !isNumbers(y)) {
    throw new TypeError("ResidualTable: x and y must be arrays of numbers, e.g. x: [1, 2, 3]");
  }
  if (typeof w !== "number" || typeof b !== "number") {
    throw new TypeError("ResidualTable: w (and b, if given) must be numbers");
  }
  const t = ctx.page.lang === "en" ? text.en : text.zh;
  const rows = residuals({ x, y }, w, b).map((r) =>
    `<tr><td>${fmt(r.x)}</td><td>${fmt(r.y)}</td><td>${fmt(r.yPred)}</td><td>${
      fmt(r.loss)
    }</td></tr>`
  ).join("");
  const model = b === 0 ? `w = ${fmt(w)}` : `w = ${fmt(w)}, b = ${fmt(b)}`;
  return `<table class="residual-table"><caption>${t.caption}${
    ctx.page.lang === "en" ? ` (${model})` : `（${model}）`
  }</caption>` +
    `<thead><tr><th><var>x</var></th><th><var>y</var></th><th><var>ŷ</var></th>` +
    `<th>(<var>ŷ</var> − <var>y</var>)²</th></tr></thead><tbody>${rows}</tbody>` +
    `<tfoot><tr><th colspan="3">${t.mean}</th><td>${fmt(mse({ x, y }, w, b))}</td></tr></tfoot>` +
    `</table>`;
}
