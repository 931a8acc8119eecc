import { group } from "../_chart/client/state.ts";
import { readIsland } from "../_chart/client/interact.ts";
import { nearest } from "../_chart/nearest.ts";
import { fmt } from "../_chart/format.ts";
import { bodyCells, model, type SweepTableData } from "./rows.ts";
import { hydrate } from "../_chart/client/hydrate.ts";

/** Keeps each sweep table on the selected w of its group. */
function setup(figure: HTMLElement) {
  const d = readIsland<SweepTableData>(figure);
  const cells = [...figure.querySelectorAll("tbody tr")].map((tr) => [...tr.children]);
  const caption = figure.querySelector(".model")!;
  const total = figure.querySelector(".mse")!;
  let shown = d.select;
  const show = (j: number) => {
    if (j === shown) return;
    shown = j;
    bodyCells(d, j).forEach((row, i) => row.forEach((c, k) => (cells[i][k].textContent = c)));
    caption.textContent = model(d.w[j], d.b);
    total.textContent = fmt(d.mse[j]);
  };
  const g = group(d.group, { w: d.w[d.select] }, { w: d.w });
  g.subscribe((v) => v.w !== undefined && show(nearest(d.w, v.w)));
  const w = g.get().w;
  if (w !== undefined) show(nearest(d.w, w));
}

hydrate('[data-chart="sweep-table"]', setup);
