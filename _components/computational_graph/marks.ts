import type { Graph, GraphEdge, GraphNode } from "../../engine/mod.ts";
import { fmt } from "../_chart/format.ts";
import { esc } from "../_chart/svg.ts";
import { LAYOUT, type Model, TALL_LAYOUT } from "./models.ts";
import type { Words } from "./words.ts";

/** A number as the chart prints it: four decimals at most, a real minus sign. */
export function num(v: number): string {
  return fmt(v).replace("-", "−");
}

/** Rounds SVG coordinates to 2 decimals (as the charts' frame does, without its d3 scales). */
const r2 = (v: number) => Math.round(v * 100) / 100;

/** A factor inside a product: negative numbers in parentheses. */
const factor = (v: number) => (v < 0 ? `(${num(v)})` : num(v));

/** The operation's symbol drawn inside a node. */
function symbol(n: GraphNode): string {
  if (n.op === "pow") return n.attrs.exponent === 2 ? "(·)²" : `^${n.attrs.exponent}`;
  return { mul: "×", add: "+", sub: "−" }[n.op] ?? n.op;
}

/** The node's name, as the chart and its text call it. */
const nameOf = (n: GraphNode) => n.name ?? n.label;

/** The operation's inputs by argument position. */
function inputsOf(g: Graph, n: GraphNode): GraphNode[] {
  return g.edges.filter((e) => e.to === n.id).sort((a, b) => a.argument - b.argument)
    .map((e) => g.nodes[e.from]);
}

/** `ŷ = x × w`, with names or (`values`) with the inputs' numbers. */
function forwardFormula(g: Graph, n: GraphNode, values: boolean): string {
  const ins = inputsOf(g, n).map((i) => (values ? factor(i.data[0]) : nameOf(i)));
  if (n.op === "pow") return `${ins[0]}${n.attrs.exponent === 2 ? "²" : `^${n.attrs.exponent}`}`;
  const op = { mul: "×", add: "+", sub: "−" }[n.op] ?? n.op;
  return `${ins[0]} ${op} ${ins[1]}`;
}

/** The local derivative ∂to/∂from in symbols: `x` for ∂(x·w)/∂w, `2·r` for ∂(r²)/∂r. */
function localFormula(g: Graph, e: GraphEdge): string {
  const to = g.nodes[e.to];
  if (to.op === "mul") return nameOf(inputsOf(g, to)[1 - e.argument]);
  if (to.op === "sub") return e.argument === 0 ? "1" : "−1";
  if (to.op === "pow") return `${to.attrs.exponent}·${nameOf(g.nodes[e.from])}`;
  return "1";
}

/** Fills `{name}` placeholders of an interface string: `fill("第 {k} 步", { k: 2 })`. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k) => String(values[k]));
}

/** The operations in forward order: the forward pass computes each of them. */
export function operations(g: Graph): GraphNode[] {
  return g.nodes.filter((n) => !n.isLeaf);
}

/**
 * The operations the backward pass visits, in its order: those that require grad (PyTorch
 * records no backward for `x²` when x is data), last first.
 */
export function backwardOperations(g: Graph): GraphNode[] {
  return operations(g).filter((n) => n.requiresGrad).reverse();
}

/** How many steps a full walk takes: one per operation forward, one per visit backward. */
export function stepCount(g: Graph): number {
  return operations(g).length + backwardOperations(g).length;
}

/** What is known after `step` steps: values, local derivatives on edges, gradients. */
export interface StepState {
  /** Node ids whose forward value is known. */
  value: Set<number>;
  /** Edge indices whose local derivative is shown. */
  local: Set<number>;
  /** Node ids whose ∂loss/∂node is complete. */
  grad: Set<number>;
  /** The node this step worked on, or -1 at step 0. */
  current: number;
}

/**
 * The state after `step` steps: forward steps compute the operations in topological order;
 * backward steps visit them in reverse, each writing the local derivatives on its incoming
 * edges (from inputs that require grad, as PyTorch computes only those). A node's gradient is
 * complete once every operation that uses it has been visited.
 */
export function stepState(g: Graph, step: number): StepState {
  const ops = operations(g), back = backwardOperations(g), F = ops.length;
  const s = Math.max(0, Math.min(F + back.length, step));
  const value = new Set(g.nodes.filter((n) => n.isLeaf).map((n) => n.id));
  ops.slice(0, Math.min(s, F)).forEach((n) => value.add(n.id));
  const visited = new Set(back.slice(0, Math.max(0, s - F)).map((n) => n.id));
  const local = new Set<number>(), grad = new Set<number>();
  g.edges.forEach((e, i) => {
    if (visited.has(e.to) && g.nodes[e.from].requiresGrad) local.add(i);
  });
  if (visited.size > 0) {
    for (const n of g.nodes) {
      if (!n.requiresGrad) continue;
      const users = g.edges.filter((e) => e.from === n.id);
      if (users.every((e) => visited.has(e.to))) grad.add(n.id);
    }
  }
  const current = s === 0 ? -1 : s <= F ? ops[s - 1].id : back[s - F - 1].id;
  return { value, local, grad, current };
}

/** A sentence for `step`: what it computed, with the numbers. */
export function stepText(g: Graph, step: number, t: Words): string {
  const ops = operations(g), F = ops.length, total = stepCount(g);
  if (step <= 0) return t.step0;
  const head = `${fill(t.stepN, { k: step, n: total })} · `;
  if (step <= F) {
    const n = ops[step - 1];
    return head + fill(t.fwd, {
      s: `${nameOf(n)} = ${forwardFormula(g, n, false)} = ${forwardFormula(g, n, true)} = ${
        num(n.data[0])
      }`,
    });
  }
  const n = backwardOperations(g)[step - F - 1];
  const up = n.adjoint![0];
  const parts = g.edges.filter((e) => e.to === n.id && g.nodes[e.from].requiresGrad).map((e) => {
    const from = g.nodes[e.from];
    return `∂${nameOf(n)}/∂${nameOf(from)} = ${localFormula(g, e)} = ${num(e.local!)}, ` +
      `∂loss/∂${nameOf(from)} = ${num(up)} × ${factor(e.local!)} = ${num(up * e.local!)}`;
  });
  let text = head + (n.id === g.root ? `${t.bwdRoot} ` : "") + fill(t.bwd, { s: parts.join("; ") });
  if (step === total) text += ` ${fill(t.done, { s: gradList(g) })}`;
  return text;
}

/** `w.grad = −8.0`, for each parameter. */
export function gradList(g: Graph): string {
  return g.nodes.filter((n) => n.isLeaf && n.requiresGrad)
    .map((n) => `${nameOf(n)}.grad = ${num(n.adjoint![0])}`).join(", ");
}

/** The one-line summary of the graph (its `<desc>`, and the caption without JavaScript). */
export function summary(g: Graph, formula: string, t: Words): string {
  const at = g.nodes.filter((n) => n.isLeaf).map((n) => `${nameOf(n)} = ${num(n.data[0])}`)
    .join(", ");
  return fill(t.summary, { formula, at, loss: num(g.nodes[g.root].data[0]), grads: gradList(g) });
}

/** The two drawings: left to right on wide screens, top to bottom on a phone. */
export type Orientation = "wide" | "tall";

const SPACING = { wide: { col: 96, row: 104 }, tall: { col: 96, row: 92 } };
const MARGIN = { wide: { x: 60, top: 40, bottom: 64 }, tall: { x: 36, top: 40, bottom: 30 } };
const RADIUS = 19;

/** Positions of the nodes and the size of the drawing. */
export function layout(model: Model, g: Graph, o: Orientation) {
  const place = o === "tall" ? { ...LAYOUT[model], ...TALL_LAYOUT[model] } : LAYOUT[model];
  const sp = SPACING[o], m = MARGIN[o];
  const at = g.nodes.map((n) => {
    const p = place[nameOf(n)];
    if (!p) throw new Error(`computational graph: no place for node "${nameOf(n)}"`);
    return o === "wide"
      ? { x: m.x + p.col * sp.col, y: m.top + p.row * sp.row }
      : { x: m.x + p.row * sp.row, y: m.top + p.col * sp.col };
  });
  const width = Math.max(...at.map((p) => p.x)) + m.x + (o === "tall" ? 64 : 0);
  const height = Math.max(...at.map((p) => p.y)) + m.bottom;
  return { at, width: r2(width), height: r2(height) };
}

/** How far an edge's label sits from its line. */
const LABEL_GAP = 6;

/**
 * The local derivative beside its edge, never on it (a line running into "−2.0" reads as
 * "−−2.0"): above the edge in the wide drawing, to its left in the tall one, where no node text
 * is. The text is anchored on the side it leans to, so it grows away from the line.
 */
function edgeLabel(
  a: { x: number; y: number },
  b: { x: number; y: number },
  o: Orientation,
  text: string,
): string {
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  const ux = (b.x - a.x) / len, uy = (b.y - a.y) / len;
  // The two normals of the edge; keep the one pointing up (wide) or left (tall).
  let [nx, ny] = [uy, -ux];
  const away = o === "wide" ? ny : nx;
  if (away > 0 || (away === 0 && (o === "wide" ? nx : ny) > 0)) [nx, ny] = [-nx, -ny];
  const x = r2((a.x + b.x) / 2 + nx * LABEL_GAP), y = r2((a.y + b.y) / 2 + ny * LABEL_GAP);
  const anchor = nx < -0.3 ? "end" : nx > 0.3 ? "start" : "middle";
  // Above the line the baseline is the near edge; below it, the cap height; beside it, centred.
  const dy = ny < -0.3 ? "-0.1em" : ny > 0.3 ? "0.8em" : "0.32em";
  return `<text class="local" x="${x}" y="${y}" dy="${dy}" text-anchor="${anchor}">${
    esc(text)
  }</text>`;
}

/**
 * The graph as SVG content at `step` (without the `<svg>` element, so the browser can swap it
 * in): edges with arrowheads and, once the backward pass reaches them, their local
 * derivatives; nodes with their operation, name, forward value and gradient, the node the
 * step worked on marked (unless `highlight` is false). Marks carry classes only; colours come
 * from CSS.
 */
export function graphMarks(
  model: Model,
  g: Graph,
  step: number,
  o: Orientation,
  id: string,
  highlight = true,
): string {
  const { at } = layout(model, g, o);
  const st = stepState(g, step);
  const edges = g.edges.map((e, i) => {
    const a = at[e.from], b = at[e.to];
    const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy);
    const ux = dx / len, uy = dy / len;
    const x1 = r2(a.x + ux * RADIUS), y1 = r2(a.y + uy * RADIUS);
    const x2 = r2(b.x - ux * (RADIUS + 3)), y2 = r2(b.y - uy * (RADIUS + 3));
    const shown = st.local.has(i);
    const label = shown ? edgeLabel(a, b, o, num(e.local!)) : "";
    return `<g class="edge${
      shown ? " on" : ""
    }" data-edge="${i}"><line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" marker-end="url(#${id}-${o}-arrow)"/>${label}</g>`;
  }).join("");
  const nodes = g.nodes.map((n) => {
    const { x, y } = at[n.id];
    const kind = n.isLeaf ? (n.requiresGrad ? "param" : "data") : "op";
    const shape = n.isLeaf
      ? `<rect x="${x - RADIUS}" y="${y - RADIUS}" width="${2 * RADIUS}" height="${
        2 * RADIUS
      }" rx="7"/>`
      : `<circle cx="${x}" cy="${y}" r="${RADIUS}"/>`;
    const inner = n.isLeaf ? nameOf(n) : symbol(n);
    const value = st.value.has(n.id) ? num(n.data[0]) : "?";
    const grad = st.grad.has(n.id)
      ? `${n.isLeaf && o === "wide" ? `${nameOf(n)}.grad` : "∂"} ${num(n.adjoint![0])}`
      : "";
    const symbolText = `<text class="symbol${
      inner.length > 2 ? " long" : ""
    }" x="${x}" y="${y}" dy="0.34em" text-anchor="middle">${esc(inner)}</text>`;
    const valueSpan = `<tspan class="value">${esc(value)}</tspan>`;
    let texts: string;
    if (o === "wide") {
      // Name above the node, value and gradient below it.
      const vy = y + RADIUS + 16;
      texts = (n.isLeaf
        ? ""
        : `<text class="name" x="${x}" y="${y - RADIUS - 7}" text-anchor="middle">${
          esc(nameOf(n))
        }</text>`) +
        `<text x="${x}" y="${vy}" text-anchor="middle">${valueSpan}</text>` +
        (grad
          ? `<text class="grad" x="${x}" y="${vy + 16}" text-anchor="middle">${esc(grad)}</text>`
          : "");
    } else {
      // To the right of the node, below the edges that come in from the upper right:
      // `ŷ = 1.0` (the name first, so a neighbour's value never reads as this node's), then the
      // gradient, under it or, where an edge leaves towards the lower right, over it.
      const tx = x + RADIUS + 6, ty = y + 5;
      const named = n.isLeaf ? "" : `<tspan class="name">${esc(nameOf(n))}</tspan> = `;
      const downRight = g.edges.some((e) =>
        e.from === n.id && at[e.to].x - x > 0.3 * Math.hypot(at[e.to].x - x, at[e.to].y - y)
      );
      texts = `<text x="${tx}" y="${ty}">${named}${valueSpan}</text>` +
        (grad
          ? `<text class="grad" x="${tx}" y="${ty + (downRight ? -16 : 16)}">${esc(grad)}</text>`
          : "");
    }
    return `<g class="node ${kind}${highlight && st.current === n.id ? " current" : ""}${
      st.value.has(n.id) ? "" : " pending"
    }" data-node="${n.id}">${shape}${symbolText}${texts}</g>`;
  }).join("");
  return `<defs><marker id="${id}-${o}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>` +
    `<g class="edges">${edges}</g><g class="nodes">${nodes}</g>`;
}

/** The graph as a table of nodes (the text alternative), at its complete state. */
export function nodeTable(g: Graph, t: Words): string {
  const rows = g.nodes.map((n) => {
    const op = n.isLeaf
      ? (n.requiresGrad ? t.param : t.data)
      : `${nameOf(n)} = ${forwardFormula(g, n, false)}`;
    const grad = n.requiresGrad ? num(n.adjoint![0]) : "—";
    return `<tr><th scope="row">${esc(nameOf(n))}</th><td>${esc(op)}</td><td>${
      esc(num(n.data[0]))
    }</td><td>${esc(grad)}</td></tr>`;
  }).join("");
  const edgeRows = g.edges.filter((e) => g.nodes[e.from].requiresGrad).map((e) =>
    `<tr><th scope="row">${esc(`${nameOf(g.nodes[e.from])} → ${nameOf(g.nodes[e.to])}`)}</th><td>${
      esc(`∂${nameOf(g.nodes[e.to])}/∂${nameOf(g.nodes[e.from])} = ${localFormula(g, e)}`)
    }</td><td>${esc(num(e.local!))}</td></tr>`
  ).join("");
  return `<table class="cg-nodes"><thead><tr><th scope="col">${esc(t.node)}</th><th scope="col">${
    esc(t.operation)
  }</th><th scope="col">${esc(t.value)}</th><th scope="col">${
    esc(t.gradient)
  }</th></tr></thead><tbody>${rows}</tbody></table>` +
    `<table class="cg-edges"><thead><tr><th scope="col">${esc(t.edge)}</th><th scope="col">${
      esc(t.local)
    }</th><th scope="col">${esc(t.number)}</th></tr></thead><tbody>${edgeRows}</tbody></table>`;
}
