import { group, type Selection } from "../_chart/client/state.ts";
import { keyIndex, onPointer, readIsland, setAttrs } from "../_chart/client/interact.ts";
import { nearest } from "../_chart/nearest.ts";
import { fmtAxis } from "../_chart/format.ts";
import { curveScales, type LossCurveData, readout, runLabel, selectionMarks } from "./marks.ts";
import { hydrate } from "../_chart/client/hydrate.ts";

/** Makes each server-rendered loss curve interactive: hover, drag and keys select w. */
function setup(figure: HTMLElement) {
  const d = readIsland<LossCurveData>(figure);
  const svg = figure.querySelector("svg")!;
  const guide = svg.querySelector<SVGLineElement>(".selection .guide")!;
  const dot = svg.querySelector<SVGCircleElement>(".selection .dot")!;
  const out = figure.querySelector("output")!;
  const rows = figure.querySelectorAll(".chart-table tbody tr");
  const scales = curveScales(d);
  const choice = d.runs.length > 1;
  const lrs = d.runs.map((r) => r.lr);
  const g = group(
    d.group,
    choice ? { w: d.w[d.select], lr: lrs[d.shown] } : { w: d.w[d.select] },
    choice ? { w: d.w, lr: [...lrs].sort((a, b) => a - b) } : { w: d.w },
  );
  let index = d.select;

  const show = (i: number) => {
    rows[index]?.classList.remove("selected");
    rows[i]?.classList.add("selected");
    index = i;
    const m = selectionMarks(scales, d.w[i], d.mse[i]);
    setAttrs(guide, m.guide);
    setAttrs(dot, m.dot);
    const text = readout(d.w[i], d.mse[i]);
    out.textContent = text;
    svg.setAttribute("aria-valuenow", String(d.w[i]));
    svg.setAttribute("aria-valuetext", text);
  };
  let run = d.shown;
  /** Shows the run `k` (of the control), its path and its words. */
  const showRun = (k: number) => {
    if (k < 0 || k === run) return;
    run = k;
    svg.querySelectorAll(".trajectory").forEach((p, i) =>
      i === k ? p.removeAttribute("display") : p.setAttribute("display", "none")
    );
    figure.querySelector(".run-readout")!.textContent = runLabel(d.runs[k], d.lang);
    const input = figure.querySelector<HTMLInputElement>(`fieldset.runs input[value="${k}"]`);
    if (input) input.checked = true;
  };
  const select = (i: number) => {
    if (i === index) return;
    show(i);
    g.set({ w: d.w[i] }, listener);
  };
  const listener = (v: Selection) => {
    if (v.w !== undefined) show(nearest(d.w, v.w));
    if (choice && v.lr !== undefined) showRun(lrs.indexOf(v.lr));
  };
  g.subscribe(listener);

  svg.setAttribute("tabindex", "0");
  svg.setAttribute("role", "slider");
  svg.setAttribute("aria-valuemin", String(d.w[0]));
  svg.setAttribute("aria-valuemax", String(d.w[d.w.length - 1]));
  svg.setAttribute("aria-orientation", "horizontal");
  svg.setAttribute("aria-roledescription", `w ${fmtAxis(d.w[0])}–${fmtAxis(d.w[d.w.length - 1])}`);
  onPointer(svg, (p) => select(nearest(d.w, scales.x.invert(p.x))));
  svg.addEventListener("keydown", (e) => {
    const next = keyIndex(e.key, index, d.w.length);
    if (next === undefined) return;
    e.preventDefault();
    select(next);
  });
  const runs = figure.querySelector<HTMLFieldSetElement>("fieldset.runs");
  if (runs) {
    runs.hidden = false;
    runs.addEventListener("change", (e) => {
      const k = Number((e.target as HTMLInputElement).value);
      showRun(k);
      g.set({ lr: lrs[k] }, listener);
    });
  }
  figure.classList.add("live");
  const now = g.get();
  show(now.w === undefined ? d.select : nearest(d.w, now.w));
  if (choice && now.lr !== undefined) showRun(lrs.indexOf(now.lr));
}

hydrate('[data-chart="loss-curve"]', setup);
