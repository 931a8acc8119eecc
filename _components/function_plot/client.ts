import { keyIndex, onPointer, readIsland, setAttrs } from "../_chart/client/interact.ts";
import { nearest } from "../_chart/nearest.ts";
import { fmtAxis } from "../_chart/format.ts";
import {
  type FunctionPlotData,
  hoverMarks,
  plotReadout,
  plotScales,
  readoutTerms,
} from "./marks.ts";
import { hydrate } from "../_chart/client/hydrate.ts";

/** Makes each server-rendered function plot interactive: hover, drag and keys move the readout. */
function setup(figure: HTMLElement) {
  const d = readIsland<FunctionPlotData>(figure);
  const svg = figure.querySelector("svg")!;
  const guide = svg.querySelector<SVGLineElement>(".hover .guide")!;
  const dots = svg.querySelectorAll<SVGCircleElement>(".hover .dot");
  const out = figure.querySelector("output")!;
  const scales = plotScales(d);
  let index = d.select;

  const show = (i: number) => {
    index = i;
    const m = hoverMarks(scales, d, i);
    setAttrs(guide, m.guide);
    dots.forEach((dot, k) => setAttrs(dot, m.dots[k]));
    const text = plotReadout(d, i);
    out.replaceChildren();
    readoutTerms(d, i).forEach((t, k) => {
      if (k) out.append(" · ");
      const span = document.createElement("span");
      span.textContent = t;
      out.append(span);
    });
    out.setAttribute("aria-label", text);
    svg.setAttribute("aria-valuenow", String(d.xs[i]));
    svg.setAttribute("aria-valuetext", text);
  };

  const n = d.xs.length;
  svg.setAttribute("tabindex", "0");
  svg.setAttribute("role", "slider");
  svg.setAttribute("aria-valuemin", String(d.xs[0]));
  svg.setAttribute("aria-valuemax", String(d.xs[n - 1]));
  svg.setAttribute("aria-orientation", "horizontal");
  svg.setAttribute(
    "aria-roledescription",
    `${d.xLabel} ${fmtAxis(d.xs[0])}–${fmtAxis(d.xs[n - 1])}`,
  );
  onPointer(svg, (p) => show(nearest(d.xs, scales.x.invert(p.x))));
  svg.addEventListener("keydown", (e) => {
    const next = keyIndex(e.key, index, n);
    if (next === undefined) return;
    e.preventDefault();
    show(next);
  });
  figure.querySelector<HTMLElement>(".keys")?.removeAttribute("hidden");
  figure.classList.add("live");
  show(index);
}

hydrate('[data-chart="function-plot"]', setup);
