import { mse } from "../../engine/mse.ts";
import { group } from "../_chart/client/state.ts";
import { readIsland, setAttrs } from "../_chart/client/interact.ts";
import { type DataFitData, fitMarks, fitReadout, fitScales } from "./marks.ts";
import { hydrate } from "../_chart/client/hydrate.ts";

/** Keeps each data-fit chart's line and residuals on the selected (w, b) of its group. */
function setup(figure: HTMLElement) {
  const d = readIsland<DataFitData>(figure);
  const svg = figure.querySelector("svg")!;
  const line = svg.querySelector<SVGLineElement>("line.fit")!;
  const residuals = [...svg.querySelectorAll<SVGLineElement>(".residuals line")];
  const out = figure.querySelector("output")!;
  const scales = fitScales(d);
  let w = d.w, b = d.b;
  const show = () => {
    const m = fitMarks(scales, d, w, b);
    setAttrs(line, m.line);
    m.residuals.forEach((r, i) => setAttrs(residuals[i], r));
    out.textContent = fitReadout(w, b, mse(d, w, b), d.bLinked);
  };
  const g = group(d.group, d.bLinked ? { w, b } : { w });
  const follow = (v: { w?: number; b?: number }) => {
    if (v.w === w && (!d.bLinked || v.b === b)) return;
    w = v.w ?? w;
    if (d.bLinked) b = v.b ?? b;
    show();
  };
  g.subscribe(follow);
  follow(g.get());
}

hydrate('[data-chart="data-fit"]', setup);
