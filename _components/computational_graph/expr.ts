import { type Graph, graph, type Tensor, tensor } from "../../engine/mod.ts";
import { type Model, MODELS, type Values } from "./models.ts";

export { LAYOUT, type Model, MODELS, type Values } from "./models.ts";

const named = (t: Tensor, name: string) => {
  t.name = name;
  return t;
};

/**
 * Builds the model's loss with the engine, as the lecture's Python writes it, and reads its
 * graph: `loss = (x * w - y) ** 2` or `loss = (w1 * x**2 + w2 * x + b - y) ** 2`. Every node
 * has a name (ŷ, r, loss, …), so the chart and its text can speak of it. The browser calls
 * this again whenever the reader edits a value.
 */
export function modelGraph(model: Model, values: Values): Graph {
  const leaf = (name: string) =>
    tensor(values[name], { name, requiresGrad: MODELS[model].params.includes(name) });
  let yHat: Tensor;
  if (model === "linear") {
    yHat = leaf("x").mul(leaf("w"));
  } else {
    const x = leaf("x");
    const a = named(x.pow(2), "x²");
    const p = named(leaf("w1").mul(a), "w1·x²");
    const q = named(leaf("w2").mul(x), "w2·x");
    yHat = named(p.add(q), "s").add(leaf("b"));
  }
  const r = named(named(yHat, "ŷ").sub(leaf("y")), "r");
  return graph(named(r.pow(2), "loss"));
}

/**
 * The graph as plain data for the page's data island (its numbers as arrays), which the browser
 * steps through without loading the engine until the reader edits an input.
 */
export function plainGraph(g: Graph): Graph {
  const list = (a: Float64Array | null) => (a ? Array.from(a) : null);
  return {
    ...g,
    nodes: g.nodes.map((n) => ({
      ...n,
      data: list(n.data),
      grad: list(n.grad),
      adjoint: list(n.adjoint),
    })),
  } as unknown as Graph;
}
