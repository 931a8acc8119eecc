import {
  type ComponentContext,
  type PropsDeclaration,
  PropsError,
  type PropSpec,
} from "../../ssg/mod.ts";
import type { Graph } from "../../engine/mod.ts";
import { captionProp } from "../_chart/data.ts";
import { esc, island } from "../_chart/svg.ts";
import { type Model, modelGraph, MODELS, plainGraph, type Values } from "./expr.ts";
import { graphMarks, layout, nodeTable, type Orientation, stepCount, summary } from "./marks.ts";
import { type Words, wordsFor } from "./words.ts";

const value = (zh: string, description: string): PropSpec => ({
  type: "number",
  optional: true,
  zh,
  description,
});

/** Props of `comp.ComputationalGraph`. */
export const props = {
  model: {
    type: "string",
    default: "linear",
    oneOf: ["linear", "quadratic"],
    zh:
      '画哪个表达式："linear" 是 loss = (x·w − y)²，"quadratic" 是 loss = (w1·x² + w2·x + b − y)²',
    description:
      'the expression drawn: "linear" is loss = (x·w − y)², "quadratic" is loss = (w1·x² + w2·x + b − y)²',
  },
  x: value("输入 x 的初始值（默认 2）", "initial value of the input x (default 2)"),
  y: value("目标 y 的初始值（默认 4）", "initial value of the target y (default 4)"),
  w: value("linear 的权重 w（默认 1）", 'the weight w of "linear" (default 1)'),
  w1: value("quadratic 的 w1（默认 1）", 'w1 of "quadratic" (default 1)'),
  w2: value("quadratic 的 w2（默认 1）", 'w2 of "quadratic" (default 1)'),
  b: value("quadratic 的偏置 b（默认 1）", 'the bias b of "quadratic" (default 1)'),
  caption: captionProp,
} satisfies PropsDeclaration;

interface Props {
  model: Model;
  x?: number;
  y?: number;
  w?: number;
  w1?: number;
  w2?: number;
  b?: number;
  caption?: string;
}

/** What the browser half needs: the model, its starting values and the page's words. */
export interface GraphData {
  model: Model;
  values: Values;
  words: Words;
  /** The graph at these values, as plain data (`plainGraph`). */
  graph: Graph;
}

/** The model's values from the props: defaults filled in, a value the model lacks refused. */
export function modelValues(p: Props): Values {
  const spec = MODELS[p.model];
  const values: Values = { ...spec.defaults };
  for (const k of ["x", "y", "w", "w1", "w2", "b"] as const) {
    if (p[k] === undefined) continue;
    if (!spec.inputs.includes(k)) {
      throw new PropsError(
        `prop "${k}" is not an input of model "${p.model}" (its inputs: ${spec.inputs.join(", ")})`,
        k,
      );
    }
    values[k] = p[k]!;
  }
  return values;
}

function svg(p: Props, d: GraphData, o: Orientation, id: string, desc: string): string {
  const g = modelGraph(d.model, d.values);
  const { width, height } = layout(d.model, g, o);
  const t = d.words;
  return `<svg class="chart-svg cg-svg cg-${o}" viewBox="0 0 ${width} ${height}" style="max-width:${
    Math.round(width * 1.3)
  }px" role="img" aria-labelledby="${id}-${o}-t" aria-describedby="${id}-${o}-d">` +
    `<title id="${id}-${o}-t">${esc(`${t.title}: ${MODELS[p.model].formula}`)}</title>` +
    `<desc id="${id}-${o}-d">${esc(desc)}</desc>` +
    `<g class="cg-marks">${graphMarks(d.model, g, stepCount(g), o, id, false)}</g></svg>`;
}

/**
 * The computational graph of lecture 4's loss (or its homework's), computed by the engine's
 * autograd at build time: every node with its forward value, every edge with its local
 * derivative, every node's ∂loss/∂node and the parameters' `.grad`. The page shows the whole
 * forward and backward pass as SVG; in the browser the reader steps through it one node at a
 * time (buttons, ← →, Home, End) and edits the inputs, which the same engine recomputes.
 *
 * `{{ comp.ComputationalGraph({ model: "linear", x: 1, y: 2, w: 1 }) }}`
 */
export default function ComputationalGraph(p: Props, ctx: ComponentContext): string {
  const t = wordsFor(ctx.page.lang);
  const values = modelValues(p);
  const g = modelGraph(p.model, values);
  const d: GraphData = { model: p.model, values, words: t, graph: plainGraph(g) };
  const text = summary(g, MODELS[p.model].formula, t);
  const id = ctx.id;
  const buttons = (["start", "prev", "next", "end"] as const).map((k) =>
    `<button type="button" data-step="${k}">${esc(t[k])}</button>`
  ).join("");
  const inputs = MODELS[p.model].inputs.map((k) =>
    `<label><span>${esc(k)}</span> <input type="number" step="0.1" name="${k}" value="${
      d.values[k]
    }" inputmode="decimal" autocomplete="off"></label>`
  ).join("");
  return `<figure class="chart computational-graph" data-chart="computational-graph" id="${id}">` +
    `<div class="cg-view">${svg(p, d, "wide", id, text)}${svg(p, d, "tall", id, text)}</div>` +
    `<div class="cg-controls" hidden><div class="cg-buttons" role="group" aria-label="${
      esc(t.keys)
    }">${buttons}</div>` +
    `<fieldset class="cg-inputs"><legend>${esc(t.inputs)}</legend>${inputs}</fieldset></div>` +
    `<p class="cg-status"><output aria-live="polite">${esc(text)}</output></p>` +
    `<details class="chart-table"><summary>${esc(t.title)}</summary><div class="cg-tables">${
      nodeTable(g, t)
    }</div></details>` +
    island(d) +
    `<figcaption>${p.caption ? `${esc(p.caption)} ` : ""}${esc(t.legend)}</figcaption>` +
    `</figure>`;
}
