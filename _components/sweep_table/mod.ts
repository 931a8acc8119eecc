import { residuals, sweepW } from "../../engine/mod.ts";
import type { ComponentContext, PropsDeclaration } from "../../ssg/mod.ts";
import { COURSE_AXIS } from "../_chart/course.ts";
import { chartData, type ChartDataProps, dataProps, interceptProp } from "../_chart/data.ts";
import { fmt, sig } from "../_chart/format.ts";
import { nearest } from "../_chart/nearest.ts";
import { esc, island } from "../_chart/svg.ts";
import { bodyCells, model, type SweepTableData } from "./rows.ts";

/** Props of `comp.SweepTable`. */
export const props = {
  ...dataProps,
  w: {
    type: "axis",
    default: COURSE_AXIS,
    zh: "表格可以显示的 w 值 `{ start, stop, step }`",
    description: "the w values the table can show, `{ start, stop, step }`",
  },
  b: interceptProp,
  select: {
    type: "number",
    optional: true,
    zh: "一开始显示的 w；默认是最优的 w",
    description: "the w shown at first; default: the best w",
  },
} satisfies PropsDeclaration;

interface Props extends ChartDataProps {
  w: { start: number; stop: number; step: number };
  b: number;
  select?: number;
}

const words = {
  zh: { caption: "每个样本的预测与损失", mean: "平均（MSE）" },
  en: { caption: "Prediction and loss of each sample", mean: "Mean (MSE)" },
};

/**
 * The course's printout for one candidate w, as a table: x, y, ŷ and (ŷ − y)² of each sample,
 * then the MSE. Computed at build time for every w of the axis; it follows the selection of
 * the charts of its data set.
 *
 * `{{ comp.SweepTable({ data: "linear", select: 2 }) }}`
 */
export default function SweepTable(p: Props, ctx: ComponentContext): string {
  const t = ctx.page.lang === "en" ? words.en : words.zh;
  const data = chartData(p, ctx);
  const sweep = sweepW(data, p.w, p.b);
  const w = Array.from(sweep.w, sig);
  const rows = Array.from(sweep.w, (wj) => {
    const r = residuals(data, wj, p.b);
    return [...r.map((x) => sig(x.yPred)), ...r.map((x) => sig(x.loss))];
  });
  const select = p.select === undefined ? sweep.best.index : nearest(w, p.select);
  const d: SweepTableData = {
    group: data.group,
    w,
    b: p.b,
    x: data.x,
    y: data.y,
    rows,
    mse: Array.from(sweep.mse, sig),
    select,
  };
  const sep = ctx.page.lang === "en" ? [" (", ")"] : ["（", "）"];
  const body = bodyCells(d, select).map((cells) =>
    `<tr>${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`
  ).join("");
  return `<figure class="chart sweep-table" data-chart="sweep-table" data-group="${
    esc(data.group)
  }" id="${ctx.id}">` +
    `<table aria-live="polite"><caption>${t.caption}${sep[0]}<span class="model">${
      model(w[select], p.b)
    }</span>${sep[1]}</caption>` +
    `<thead><tr><th scope="col"><var>x</var></th><th scope="col"><var>y</var></th><th scope="col"><var>ŷ</var></th>` +
    `<th scope="col">(<var>ŷ</var> − <var>y</var>)²</th></tr></thead><tbody>${body}</tbody>` +
    `<tfoot><tr><th scope="row" colspan="3">${t.mean}</th><td class="mse">${
      fmt(d.mse[select])
    }</td></tr></tfoot></table>` +
    island(d) + `</figure>`;
}
