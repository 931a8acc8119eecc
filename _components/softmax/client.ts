import { readIsland, svgPoint } from "../_chart/client/interact.ts";
import {
  columns,
  compute,
  describe,
  footHtml,
  LAYOUT,
  logitAt,
  logitText,
  marksSvg,
  num,
  readout,
  type SoftmaxData,
  wordsFor,
} from "./marks.ts";
import { hydrate } from "../_chart/client/hydrate.ts";

const SVG = "http://www.w3.org/2000/svg";

/**
 * Makes a server-rendered softmax chart editable: drag a logit bar, type or step a logit in the
 * table, keys on the focused bar; a class name, the probability panel or a radio button picks
 * the true class. Every change recomputes softmax, log-softmax and the loss with the engine.
 */
function setup(figure: HTMLElement) {
  const d = readIsland<SoftmaxData>(figure);
  const w = wordsFor(d.lang);
  const z = [...d.logits];
  let target = d.target;
  const svg = figure.querySelector<SVGSVGElement>("svg")!;
  const marks = svg.querySelector(".marks")!;
  const desc = svg.querySelector("desc")!;
  const out = figure.querySelector("output.readout")!;
  const rows = [...figure.querySelectorAll<HTMLTableRowElement>(".softmax-table tbody tr")];
  const foot = figure.querySelector(".softmax-table tfoot")!;
  const { step, center } = columns(z.length);
  const clamp = (v: number) => Math.max(-d.limit, Math.min(d.limit, Math.round(v * 100) / 100));
  const id = figure.id;

  const inputs = rows.map((row, i) => {
    const input = document.createElement("input");
    input.type = "number";
    input.step = "0.1";
    input.min = String(-d.limit);
    input.max = String(d.limit);
    input.value = String(z[i]);
    input.setAttribute("aria-label", w.slider(d.labels[i]));
    input.addEventListener("input", () => {
      const v = Number(input.value.replace("−", "-"));
      if (input.value.trim() !== "" && Number.isFinite(v)) set(i, v, input);
    });
    input.addEventListener("change", () => (input.value = String(z[i])));
    row.querySelector("td.z")!.replaceChildren(input);
    return input;
  });
  const radios = rows.map((row, i) => {
    const radio = document.createElement("input");
    radio.type = "radio";
    radio.name = `${id}-target`;
    radio.checked = i === target;
    radio.setAttribute("aria-label", w.radio(d.labels[i]));
    radio.addEventListener("change", () => radio.checked && choose(i));
    row.querySelector("td.t")!.replaceChildren(radio);
    return radio;
  });
  const handles = z.map((_, i) => {
    const h = document.createElementNS(SVG, "rect");
    h.setAttribute("class", "handle");
    h.setAttribute("x", String(center(i) - step / 2));
    h.setAttribute("y", String(LAYOUT.logit.top));
    h.setAttribute("width", String(step));
    h.setAttribute("height", String(LAYOUT.logit.bottom - LAYOUT.logit.top));
    h.setAttribute("tabindex", "0");
    h.setAttribute("role", "slider");
    h.setAttribute("aria-orientation", "vertical");
    h.setAttribute("aria-label", w.slider(d.labels[i]));
    h.setAttribute("aria-valuemin", String(-d.limit));
    h.setAttribute("aria-valuemax", String(d.limit));
    h.setAttribute("aria-keyshortcuts", "ArrowUp ArrowDown PageUp PageDown Space Enter");
    h.addEventListener("keydown", (e) => {
      const by: Record<string, number> = {
        ArrowUp: 0.1,
        ArrowRight: 0.1,
        ArrowDown: -0.1,
        ArrowLeft: -0.1,
        PageUp: 1,
        PageDown: -1,
      };
      if (e.key in by) set(i, z[i] + by[e.key]);
      else if (e.key === "Home") set(i, -d.limit);
      else if (e.key === "End") set(i, d.limit);
      else if (e.key === " " || e.key === "Enter") choose(i);
      else return;
      e.preventDefault();
    });
    return h;
  });
  const layer = document.createElementNS(SVG, "g");
  layer.setAttribute("class", "handles");
  layer.append(...handles);
  svg.append(layer);

  function draw(except?: HTMLInputElement) {
    const r = compute(z, target);
    marks.innerHTML = marksSvg(r, d.labels, d.limit);
    rows.forEach((row, i) => {
      row.classList.toggle("target", i === target);
      const cells = row.querySelectorAll("td");
      cells[1].textContent = num(r.exp[i]);
      cells[2].textContent = num(r.p[i]);
      if (inputs[i] !== except) inputs[i].value = String(z[i]);
      radios[i].checked = i === target;
      handles[i].setAttribute("aria-valuenow", String(z[i]));
      handles[i].setAttribute(
        "aria-valuetext",
        `z = ${logitText(z[i])}, p = ${num(r.p[i])}`,
      );
    });
    foot.innerHTML = footHtml(r, d.labels, w);
    out.textContent = readout(r, d.labels);
    desc.textContent = describe(r, d.labels, w);
  }
  function set(i: number, v: number, from?: HTMLInputElement) {
    const next = clamp(v);
    if (next === z[i] && !from) return;
    z[i] = next;
    draw(from);
  }
  function choose(i: number) {
    if (i === target) return;
    target = i;
    draw();
  }

  const columnAt = (x: number) =>
    Math.max(0, Math.min(z.length - 1, Math.floor((x - LAYOUT.left) / step)));
  let dragging: number | null = null;
  svg.addEventListener("pointerdown", (e) => {
    const p = svgPoint(svg, e);
    if (p.x < LAYOUT.left || p.x > LAYOUT.width - LAYOUT.right) return;
    const i = columnAt(p.x);
    if (p.y <= LAYOUT.logit.bottom + 6) {
      dragging = i;
      svg.setPointerCapture(e.pointerId);
      handles[i].focus({ preventScroll: true });
      set(i, logitAt(p.y, d.limit));
      e.preventDefault();
    } else if (p.y >= LAYOUT.prob.top) choose(i);
  });
  svg.addEventListener("pointermove", (e) => {
    if (dragging !== null) set(dragging, logitAt(svgPoint(svg, e).y, d.limit));
  });
  const stop = () => (dragging = null);
  svg.addEventListener("pointerup", stop);
  svg.addEventListener("pointercancel", stop);

  svg.setAttribute("role", "group");
  svg.setAttribute("aria-describedby", `${desc.id} ${id}-keys`);
  const keys = document.createElement("span");
  keys.id = `${id}-keys`;
  keys.className = "keys";
  keys.textContent = w.keys;
  keys.hidden = true;
  figure.append(keys);
  figure.classList.add("live");
  draw();
}

hydrate('[data-chart="softmax"]', setup);
