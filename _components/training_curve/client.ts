import { group } from "../_chart/client/state.ts";
import { onPointer, readIsland, setAttrs } from "../_chart/client/interact.ts";
import {
  axesMarks,
  curveScales,
  legendHtml,
  pointAt,
  readout,
  runsMarks,
  selectionMarks,
  snap,
  summary,
  tableHtml,
  type TrainingCurveData,
} from "./marks.ts";
import { curveRuns, type RunOverride } from "./runs.ts";
import { curveText } from "./words.ts";
import { hydrate } from "../_chart/client/hydrate.ts";

type Engine = typeof import("../../engine/train.ts");
let engine: Promise<Engine> | undefined;
/**
 * The engine, loaded the first time a reader reaches for a control (its own chunk, so a page
 * that is only read never downloads it); later calls get the loaded module.
 */
const loadEngine = () => (engine ??= import("../../engine/train.ts"));

/** The overrides of every run with the controls' current values applied. */
function controlled(d: TrainingCurveData): RunOverride[] {
  const { controls: c, chosen: at } = d;
  return d.overrides.map((o) => {
    const out: RunOverride = { ...o };
    const opt = { ...(o.optimizer ?? d.base.optimizer) } as Record<string, unknown>;
    if (c.optimizer) {
      const name = c.optimizer[at.optimizer!];
      const was = opt.name === "manual" ? "sgd" : opt.name;
      if (name !== was) {
        for (const k of Object.keys(opt)) delete opt[k];
        opt.name = name;
      }
    }
    if (c.lr) opt.lr = c.lr[at.lr!];
    if (c.lr || c.optimizer) out.optimizer = opt as RunOverride["optimizer"];
    if (c.epochs) out.epochs = c.epochs[at.epochs!];
    return out;
  });
}

/** Makes a server-rendered training curve interactive: hover, keys, linked epoch, re-training. */
function setup(figure: HTMLElement) {
  const d = readIsland<TrainingCurveData>(figure);
  const t = curveText(d.lang);
  const svg = figure.querySelector("svg")!;
  const plot = svg.querySelector(".plot")!;
  const desc = svg.querySelector("desc")!;
  const guide = svg.querySelector<SVGLineElement>(".selection .guide")!;
  const out = figure.querySelector<HTMLOutputElement>("output.readout")!;
  const legend = figure.querySelector(".legend")!;
  const table = figure.querySelector(".chart-table table")!;
  let s = curveScales(d);
  let x = d.select;

  const show = (at: number) => {
    x = snap(d, at);
    const m = selectionMarks(s, d, x);
    setAttrs(guide, m.guide);
    const dots = svg.querySelectorAll(".selection .dot");
    m.dots.forEach((p, k) => dots[k] && setAttrs(dots[k], p));
    const text = readout(d, x);
    out.textContent = text;
    svg.setAttribute("aria-valuenow", String(x));
    svg.setAttribute("aria-valuemax", String(d.xMax));
    svg.setAttribute("aria-valuetext", text);
  };
  /** What the group hears: the epoch, and w and b of a lone run's model at that epoch. */
  const published = () => {
    if (d.x !== "epoch") return {};
    const run = d.runs[0], i = pointAt(run, x);
    const w = run.w?.[i], b = run.b?.[i];
    return {
      epoch: x,
      ...(w !== undefined ? { w } : {}),
      ...(b !== undefined ? { b } : {}),
    };
  };
  // The first chart of the group sets what the URL's hash does not say.
  const g = group(d.group, published());
  const select = (at: number) => {
    const before = x;
    show(at);
    if (x !== before) g.set(published(), listener);
  };
  const listener = (v: { epoch?: number }) => {
    if (d.x === "epoch" && v.epoch !== undefined && v.epoch !== x) show(v.epoch);
  };
  g.subscribe(listener);

  /** Redraws everything that depends on the runs (after re-training). */
  const redraw = () => {
    s = curveScales(d);
    plot.innerHTML = axesMarks(s, t, d.x) + runsMarks(s, d);
    legend.innerHTML = legendHtml(d);
    table.outerHTML = tableHtml(d);
    desc.textContent = summary(d);
  };

  svg.setAttribute("tabindex", "0");
  svg.setAttribute("role", "slider");
  svg.setAttribute("aria-valuemin", "0");
  svg.setAttribute("aria-orientation", "horizontal");
  onPointer(svg, (p) => select(s.x.invert(p.x)));
  svg.addEventListener("keydown", (e) => {
    const step = d.grain, page = Math.max(step, Math.round(d.xMax / 10 / step) * step);
    const next = ({
      ArrowRight: x + step,
      ArrowUp: x + step,
      ArrowLeft: x - step,
      ArrowDown: x - step,
      PageUp: x + page,
      PageDown: x - page,
      Home: 0,
      End: d.xMax,
    } as Record<string, number>)[e.key];
    if (next === undefined) return;
    e.preventDefault();
    select(Math.max(0, Math.min(d.xMax, next)));
  });

  const panel = figure.querySelector<HTMLElement>(".train-controls");
  if (panel) {
    const note = panel.querySelector(".retrained")!;
    const lrOut = panel.querySelector("output.lr");
    let runs = 0;
    panel.hidden = false;
    // Fetch the engine as soon as the reader heads for a control.
    for (const kind of ["pointerenter", "focusin", "touchstart"]) {
      panel.addEventListener(kind, loadEngine, { once: true, passive: true });
    }
    panel.addEventListener("input", async (e) => {
      const el = e.target as HTMLInputElement | HTMLSelectElement;
      const which = el.dataset.control as keyof TrainingCurveData["chosen"];
      d.chosen[which] = Number(el.value);
      if (which === "lr" && lrOut) {
        const lr = String(d.controls.lr![d.chosen.lr!]);
        lrOut.textContent = lr;
        el.setAttribute("aria-valuetext", lr);
      }
      const mine = ++runs;
      const { train } = await loadEngine();
      // A newer change arrived while the engine loaded: that one draws.
      if (mine !== runs) return;
      const start = performance.now();
      const atEnd = x === d.xMax;
      Object.assign(d, curveRuns(d.base, controlled(d), d.per, d.x, train));
      redraw();
      show(atEnd ? d.xMax : Math.min(x, d.xMax));
      g.set(published(), listener);
      note.textContent = t.retrained((performance.now() - start).toFixed(1));
      figure.dataset.trained = String(mine);
    });
  }
  figure.classList.add("live");
  const linked = g.get().epoch;
  show(d.x === "epoch" && linked !== undefined ? linked : d.select);
  if (d.x === "epoch" && linked !== undefined) g.set(published(), listener);
}

hydrate('[data-chart="training-curve"]', setup);
