import { group } from "../_chart/client/state.ts";
import { readIsland, setAttrs, svgPoint } from "../_chart/client/interact.ts";
import { fmt } from "../_chart/format.ts";
import {
  type ClassifierData,
  classifierMarks,
  classifierReadout,
  classifierScales,
  runAt,
} from "./marks.ts";
import { hydrate } from "../_chart/client/hydrate.ts";

/** How far one arrow key moves the threshold (in x) or changes w. */
const STEP = 0.1;

/** Makes a server-rendered classifier live: sliders, drag and keys set w and b, or the epoch. */
function setup(figure: HTMLElement) {
  const d = readIsland<ClassifierData>(figure);
  const svg = figure.querySelector("svg")!;
  const curve = svg.querySelector<SVGPathElement>("path.curve")!;
  const th = svg.querySelector<SVGGElement>(".threshold")!;
  const guide = th.querySelector<SVGLineElement>(".guide")!;
  const label = th.querySelector<SVGTextElement>(".label")!;
  const handle = svg.querySelector<SVGCircleElement>(".handle")!;
  const errors = svg.querySelectorAll<SVGLineElement>(".errors line");
  const out = figure.querySelector("output")!;
  const cells = figure.querySelectorAll(".chart-table tbody tr");
  const controls = figure.querySelector<HTMLFieldSetElement>("fieldset.controls")!;
  const input = (name: string) => controls.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  const wIn = input("w")!, bIn = input("b")!, epochIn = input("epoch");
  const scales = classifierScales(d);
  const g = group(d.group, d.run ? { w: d.w, b: d.b, epoch: d.run.epoch } : { w: d.w, b: d.b });
  let w = d.w, b = d.b;
  let epoch: number | undefined = d.run?.epoch;

  const show = () => {
    const m = classifierMarks(scales, d, w, b);
    curve.setAttribute("d", m.path);
    if (m.guide && m.handle) {
      setAttrs(guide, m.guide);
      setAttrs(handle, m.handle);
      label.setAttribute("x", String(m.guide.x1 + 5));
      label.textContent = `x = ${fmt(m.threshold!)}`;
      th.removeAttribute("display");
      handle.removeAttribute("display");
    } else {
      th.setAttribute("display", "none");
      handle.setAttribute("display", "none");
    }
    errors.forEach((l, i) =>
      l.setAttribute("y2", String(Math.round(scales.y(m.points[i]) * 100) / 100))
    );
    cells.forEach((row, i) => {
      row.querySelector(".p")!.textContent = fmt(m.points[i]);
      row.querySelector(".c")!.textContent = m.points[i] > 0.5
        ? (d.lang === "en" ? "pass" : "通过")
        : (d.lang === "en" ? "fail" : "不通过");
    });
    const text = classifierReadout(d, w, b, epoch);
    out.textContent = text;
    svg.setAttribute("aria-valuetext", text);
    const t = m.threshold ?? d.xDomain[0];
    svg.setAttribute("aria-valuenow", String(Math.max(d.xDomain[0], Math.min(d.xDomain[1], t))));
    wIn.value = String(w);
    bIn.value = String(b);
    if (epochIn && epoch !== undefined) epochIn.value = String(epoch);
  };
  /** The group's epoch last followed: a new one (from a training curve) replays this run. */
  let seen: number | undefined = g.get().epoch;
  const set = (nw: number, nb: number, e?: number) => {
    w = nw;
    b = nb;
    epoch = e;
    show();
    if (e !== undefined) seen = e;
    g.set(e === undefined ? { w, b } : { w, b, epoch: e }, listener);
  };
  const listener = (v: { w?: number; b?: number; epoch?: number }) => {
    if (d.run && v.epoch !== undefined && v.epoch !== seen && v.epoch <= d.run.epochs) {
      seen = v.epoch;
      epoch = v.epoch;
      ({ w, b } = runAt(d.run, v.epoch));
    } else if (v.w !== undefined && v.b !== undefined) {
      // Parameters set by hand on another chart: no epoch of this run.
      w = v.w;
      b = v.b;
      epoch = undefined;
    } else return;
    show();
  };
  g.subscribe(listener);

  // Moving the threshold to t keeps the steepness w: b = −w·t.
  const moveThreshold = (t: number) => {
    if (w !== 0) set(w, -w * t);
    else set(w, b + (t > 0 ? -STEP : STEP));
  };
  wIn.addEventListener("input", () => set(Number(wIn.value), b));
  bIn.addEventListener("input", () => set(w, Number(bIn.value)));
  epochIn?.addEventListener("input", () => {
    const e = Number(epochIn.value);
    const p = runAt(d.run!, e);
    set(p.w, p.b, e);
  });
  svg.setAttribute("tabindex", "0");
  // A slider of the threshold (←/→); ↑/↓ change the steepness w around it.
  svg.setAttribute("role", "slider");
  svg.setAttribute("aria-valuemin", String(d.xDomain[0]));
  svg.setAttribute("aria-valuemax", String(d.xDomain[1]));
  svg.setAttribute("aria-orientation", "horizontal");
  svg.setAttribute("aria-roledescription", d.lang === "en" ? "decision threshold" : "决策阈值");
  // Only a press or a drag moves the threshold: hovering must not change the model.
  let dragging = false;
  svg.addEventListener("pointerdown", (e) => {
    dragging = true;
    svg.setPointerCapture(e.pointerId);
    moveThreshold(scales.x.invert(svgPoint(svg, e).x));
  });
  svg.addEventListener("pointermove", (e) => {
    if (dragging) moveThreshold(scales.x.invert(svgPoint(svg, e).x));
  });
  const stop = () => (dragging = false);
  svg.addEventListener("pointerup", stop);
  svg.addEventListener("pointercancel", stop);
  svg.addEventListener("keydown", (e) => {
    const t = w === 0 ? 0 : -b / w;
    if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      moveThreshold(t + (e.key === "ArrowRight" ? STEP : -STEP));
    } else if (e.key === "ArrowUp" || e.key === "ArrowDown") {
      const nw = w + (e.key === "ArrowUp" ? STEP : -STEP);
      // The threshold stays where it is while the curve gets steeper or flatter.
      set(nw, w === 0 ? b : -nw * t);
    } else return;
    e.preventDefault();
  });
  controls.hidden = false;
  figure.querySelector<HTMLElement>(".keys")?.removeAttribute("hidden");
  figure.classList.add("live");
  const v = g.get();
  if (d.run && v.epoch !== undefined && v.epoch <= d.run.epochs) {
    seen = undefined;
    listener(v);
  } else if (v.w !== undefined && v.b !== undefined && (v.w !== w || v.b !== b)) listener(v);
  else show();
  if (d.run && epoch !== undefined) g.set({ w, b, epoch }, listener);
}

hydrate('[data-chart="classifier"]', setup);
