import { group } from "../_chart/client/state.ts";
import { keyIndex, onPointer, readIsland, setAttrs } from "../_chart/client/interact.ts";
import { nearest } from "../_chart/nearest.ts";
import { cellReadout, cellRect, type HeatmapData, heatmapScales, selectionMarks } from "./marks.ts";
import { hydrate } from "../_chart/client/hydrate.ts";

/**
 * Makes each server-rendered heatmap interactive: hover outlines a cell and shows its values,
 * click and arrow keys select (w, b) for the group.
 */
function setup(figure: HTMLElement) {
  const d = readIsland<HeatmapData>(figure);
  const svg = figure.querySelector("svg")!;
  const hover = svg.querySelector<SVGRectElement>("rect.hover")!;
  const h = svg.querySelector<SVGLineElement>(".selection .h")!;
  const v = svg.querySelector<SVGLineElement>(".selection .v")!;
  const dot = svg.querySelector<SVGCircleElement>(".selection .dot")!;
  const out = figure.querySelector("output")!;
  const scales = heatmapScales(d);
  const nw = d.w.length;
  let [row, col] = d.select;
  const text = (i: number, j: number) => cellReadout(d.w[j], d.b[i], d.mse[i * nw + j]);
  const show = (i: number, j: number) => {
    [row, col] = [i, j];
    const m = selectionMarks(scales, d.w[j], d.b[i]);
    setAttrs(h, m.h);
    setAttrs(v, m.v);
    setAttrs(dot, m.ring);
    out.textContent = text(i, j);
  };
  const g = group(d.group, { w: d.w[col], b: d.b[row] }, { w: d.w, b: d.b });
  const follow = (s: { w?: number; b?: number }) =>
    show(s.b === undefined ? row : nearest(d.b, s.b), s.w === undefined ? col : nearest(d.w, s.w));
  g.subscribe(follow);
  const select = (i: number, j: number) => {
    show(i, j);
    g.set({ w: d.w[j], b: d.b[i] }, follow);
  };
  const cellAt = (p: { x: number; y: number }) => {
    const [x0, x1] = scales.x.range(), [y1, y0] = scales.y.range();
    if (p.x < x0 || p.x > x1 || p.y < y0 || p.y > y1) return undefined;
    return [nearest(d.b, scales.y.invert(p.y)), nearest(d.w, scales.x.invert(p.x))] as const;
  };
  onPointer(svg, (p, kind) => {
    const cell = cellAt(p);
    if (!cell) return;
    if (kind === "down") select(cell[0], cell[1]);
    setAttrs(hover, cellRect(scales, d, cell[0], cell[1]));
    hover.classList.add("on");
    out.textContent = text(cell[0], cell[1]);
  });
  svg.addEventListener("pointerleave", () => {
    hover.classList.remove("on");
    out.textContent = text(row, col);
  });
  svg.setAttribute("tabindex", "0");
  svg.setAttribute("role", "application");
  svg.setAttribute("aria-roledescription", "heatmap");
  svg.addEventListener("keydown", (e) => {
    const j = keyIndex(e.key, col, nw, ["ArrowRight"], ["ArrowLeft"]);
    const i = e.key === "ArrowUp" || e.key === "ArrowDown"
      ? keyIndex(e.key, row, d.b.length, ["ArrowUp"], ["ArrowDown"])
      : undefined;
    if (j === undefined && i === undefined) return;
    e.preventDefault();
    select(i ?? row, j ?? col);
  });
  figure.classList.add("live");
  follow(g.get());
}

hydrate('[data-chart="loss-heatmap"]', setup);
