import { mse, residuals } from "../../engine/mod.ts";
import type { ComponentContext, PropsDeclaration } from "../../ssg/mod.ts";
import { chartData, type ChartDataProps, dataProps } from "../_chart/data.ts";
import { fmt } from "../_chart/format.ts";

/** Props of `comp.MseFormula`. */
export const props = {
  data: dataProps.data,
  x: dataProps.x,
  y: dataProps.y,
  w: {
    type: "number",
    zh: "代入公式的权重",
    description: "the weight the formula is evaluated at",
  },
  b: {
    type: "number",
    default: 0,
    zh: "偏置；模型 ŷ = x·w 时为 0",
    description: "the intercept; 0 for the model ŷ = x·w",
  },
  display: {
    type: "boolean",
    default: true,
    zh: "独立成行的公式（false：行内公式）",
    description: "a display formula (false: inline)",
  },
} satisfies PropsDeclaration;

interface Props extends Omit<ChartDataProps, "group"> {
  w: number;
  b: number;
  display: boolean;
}

/** A number as TeX: 2 → "2", −3 → "(-3)" where it follows an operator. */
function num(v: number, paren = false): string {
  const s = String(Number(v.toPrecision(12)));
  return paren && v < 0 ? `(${s})` : s;
}

/** The most samples written out term by term; more are shown as the first two, ⋯, the last. */
const SHOWN = 5;

/**
 * The MSE of a data set with its numbers filled in, typeset by KaTeX at build time:
 * `MSE(w = 2) = 1/3 [(1·2 − 3)² + (2·2 − 6)² + (3·2 − 9)²] = 1/3 (1 + 4 + 9) = 4.6667`.
 * The values come from the engine, so the text and the charts cannot disagree.
 *
 * `{{ comp.MseFormula({ data: "linear", w: 2 }) }}`
 */
export default function MseFormula(p: Props, ctx: ComponentContext): string {
  const data = chartData({ ...p, group: undefined }, ctx);
  const rows = residuals(data, p.w, p.b);
  const n = rows.length;
  const pick = <T>(list: T[], dots: T): T[] =>
    list.length <= SHOWN ? list : [list[0], list[1], dots, list[list.length - 1]];
  const terms = pick(
    rows.map((r) =>
      `(${num(r.x)} \\cdot ${num(p.w, true)}${p.b ? ` + ${num(p.b, true)}` : ""} - ${
        num(r.y, true)
      })^2`
    ),
    "\\cdots",
  );
  const losses = pick(rows.map((r) => num(Number(r.loss.toPrecision(6)))), "\\cdots");
  const value = mse(data, p.w, p.b);
  const args = p.b ? `w = ${num(p.w)},\\, b = ${num(p.b)}` : `w = ${num(p.w)}`;
  const approx = Number.isInteger(value) || fmt(value) === String(value) ? "=" : "\\approx";
  const lines = [
    `\\operatorname{MSE}(${args}) &= \\frac{1}{${n}}\\left[${terms.join(" + ")}\\right]`,
    `&= \\frac{1}{${n}}\\left(${losses.join(" + ")}\\right) ${approx} ${fmt(value)}`,
  ];
  // Display formulas break after the terms, so three samples fit a phone's width.
  const tex = p.display
    ? `\\begin{aligned}${lines.join(" \\\\ ")}\\end{aligned}`
    : lines.join(" ").replace(/&/g, "");
  const tag = p.display ? "div" : "span";
  return `<${tag} class="mse-formula" data-chart="mse-formula">${
    ctx.tex(tex, { display: p.display })
  }</${tag}>`;
}
