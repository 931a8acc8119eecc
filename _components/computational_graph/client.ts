import { readIsland } from "../_chart/client/interact.ts";
import { MODELS } from "./models.ts";
import type { GraphData } from "./mod.ts";
import { graphMarks, nodeTable, type Orientation, stepCount, stepText, summary } from "./marks.ts";
import { hydrate } from "../_chart/client/hydrate.ts";

/**
 * Makes each computational graph a stepper: the buttons and ← → Home End walk the forward and
 * backward pass one node at a time, and editing an input rebuilds the expression with the
 * engine and redraws at the same step.
 */
function setup(figure: HTMLElement) {
  const d = readIsland<GraphData>(figure);
  const t = d.words;
  const values = { ...d.values };
  // The server's graph until the reader edits an input; then the engine builds it anew.
  let g = d.graph;
  const total = stepCount(g);
  let step = total;
  const svgs = [...figure.querySelectorAll<SVGSVGElement>("svg.cg-svg")];
  const out = figure.querySelector<HTMLOutputElement>(".cg-status output")!;
  const buttons = figure.querySelectorAll<HTMLButtonElement>("button[data-step]");
  const tables = figure.querySelector(".cg-tables")!;

  const draw = () => {
    for (const svg of svgs) {
      const o: Orientation = svg.classList.contains("cg-tall") ? "tall" : "wide";
      svg.querySelector(".cg-marks")!.innerHTML = graphMarks(d.model, g, step, o, figure.id);
      svg.querySelector("desc")!.textContent = summary(g, MODELS[d.model].formula, t);
    }
    out.textContent = stepText(g, step, t);
    for (const b of buttons) {
      const k = b.dataset.step;
      b.disabled = (k === "start" || k === "prev") ? step === 0 : step === total;
    }
  };
  const go = (s: number) => {
    step = Math.max(0, Math.min(total, s));
    draw();
  };
  const moves: Record<string, () => number> = {
    start: () => 0,
    prev: () => step - 1,
    next: () => step + 1,
    end: () => total,
  };
  for (const b of buttons) b.addEventListener("click", () => go(moves[b.dataset.step!]()));
  figure.addEventListener("keydown", (e) => {
    if ((e.target as HTMLElement).tagName === "INPUT") return;
    const key = { ArrowRight: "next", ArrowLeft: "prev", Home: "start", End: "end" }[e.key];
    if (!key) return;
    e.preventDefault();
    go(moves[key]());
  });
  // The engine loads as the reader starts editing, before the first value is typed.
  figure.querySelector(".cg-inputs")!.addEventListener("focusin", () => import("./expr.ts"), {
    once: true,
  });
  for (const input of figure.querySelectorAll<HTMLInputElement>(".cg-inputs input")) {
    input.addEventListener("input", async () => {
      const v = input.valueAsNumber;
      const ok = input.value.trim() !== "" && Number.isFinite(v);
      input.setCustomValidity(ok ? "" : t.invalid);
      input.setAttribute("aria-invalid", String(!ok));
      if (!ok) return;
      values[input.name] = v;
      const { modelGraph } = await import("./expr.ts");
      g = modelGraph(d.model, values);
      tables.innerHTML = nodeTable(g, t);
      draw();
    });
  }
  for (const svg of svgs) svg.setAttribute("tabindex", "0");
  figure.querySelector<HTMLElement>(".cg-controls")!.hidden = false;
  figure.classList.add("live");
  draw();
}

hydrate('[data-chart="computational-graph"]', setup);
