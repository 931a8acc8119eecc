import { checkTensor, type OpAttrs, type Tensor } from "./tensor.ts";

/** One tensor of a computational graph, as {@linkcode graph} reads it. */
export interface GraphNode {
  /** Position in `nodes` (topological: every input comes before the nodes made from it). */
  id: number;
  /** Operation that made it (`"mul"`, `"sub"`, `"pow"`, `"sigmoid"`, …), `"leaf"` for inputs. */
  op: string;
  /** What to print on the node: the tensor's name, else a leaf's value, else `op`'s symbol. */
  label: string;
  /** The tensor's name (`tensor(1, { name: "w" })`), if it has one. */
  name: string | undefined;
  /** Attributes of `op`: pow's `exponent`, sum's `dim`/`keepdim`, index's `rows`, … */
  attrs: OpAttrs;
  /** Shape of the value. */
  shape: number[];
  /** Forward value, row-major (a copy). */
  data: Float64Array;
  /**
   * The tensor's `.grad` as it is now (a copy): on leaves that require grad after
   * `backward()`, summed over every backward pass since it was last zeroed; null if none.
   */
  grad: Float64Array | null;
  /**
   * ∂root/∂(this node) at the current values, computed by `graph()` itself (so it does not
   * depend on whether or how often `backward()` ran): what a backward pass sends to the node.
   * Set for every node, constants included, when the root has one element; else null.
   */
  adjoint: Float64Array | null;
  /** True for tensors no operation made (inputs, parameters, constants). */
  isLeaf: boolean;
  /** Whether the tensor requires grad (false for data and constants). */
  requiresGrad: boolean;
}

/** An edge from an operation's input to its result. */
export interface GraphEdge {
  /** `id` of the input node. */
  from: number;
  /** `id` of the result node. */
  to: number;
  /** Which argument of the operation the input is (0 for `a` in `a.sub(b)`, 1 for `b`). */
  argument: number;
  /**
   * The local derivative ∂to/∂from at the current values, when both have one element (the
   * number a lecture writes on the edge: 2·(ŷ − y) on the edge into `pow`); else null.
   */
  local: number | null;
}

/** The graph of a tensor: nodes in topological order and the edges between them. */
export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** `id` of the root (the last node). */
  root: number;
}

const SYMBOLS: Record<string, string> = {
  add: "+",
  sub: "−",
  mul: "×",
  div: "÷",
  neg: "−",
  matmul: "@",
  sum: "Σ",
  mean: "mean",
  exp: "exp",
  log: "log",
  sigmoid: "σ",
  tanh: "tanh",
  relu: "ReLU",
  softmax: "softmax",
  logSoftmax: "log softmax",
  reshape: "reshape",
  transpose: "ᵀ",
  index: "[·]",
  linear: "linear",
};

function labelOf(t: Tensor): string {
  if (t.name !== undefined) return t.name;
  if (t.isLeaf) return t.size === 1 ? String(t.data[0]) : `tensor [${t.shape.join(", ")}]`;
  if (t.op === "pow") return `^${t.attrs.exponent}`;
  return SYMBOLS[t.op] ?? t.op;
}

/** Every tensor `root` was made from, inputs first (depth-first post-order), each once. */
function allNodes(root: Tensor): Tensor[] {
  const order: Tensor[] = [], seen = new Set<Tensor>([root]);
  const stack: [Tensor, number][] = [[root, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1], [node, next] = top;
    if (next < node.inputs.length) {
      top[1]++;
      const input = node.inputs[next];
      if (!seen.has(input)) {
        seen.add(input);
        stack.push([input, 0]);
      }
    } else {
      stack.pop();
      order.push(node);
    }
  }
  return order;
}

/**
 * Reads the computational graph that made `root`, for drawing it: every tensor (leaves,
 * constants such as the `2` of `x.mul(2)`, intermediate results) with its operation, forward
 * value, current `.grad` and ∂root/∂node, and every input → result edge with its local
 * derivative. Nothing is modified: reading the graph before and after `backward()` shows the
 * leaves' `.grad` appear (and accumulate), while `adjoint` stays what one pass would give.
 *
 * @example
 * // lecture 4: loss = (x·w − y)²
 * const w = tensor(1, { requiresGrad: true, name: "w" });
 * const x = tensor(2, { name: "x" }), y = tensor(4, { name: "y" });
 * const loss = x.mul(w).sub(y).pow(2);
 * const g = graph(loss);
 * g.nodes.map((n) => n.label); // ["x", "w", "×", "y", "−", "^2"]
 * g.edges.map((e) => e.local); // [1 (∂(xw)/∂x = w), 2 (= x), 1, −1, −4 (= 2(xw − y))]
 * g.nodes[1].adjoint![0];      // ∂loss/∂w = 2(xw − y)·x = −8
 */
export function graph(root: Tensor): Graph {
  const top = checkTensor("graph", root, "root");
  const tensors = allNodes(top), ids = new Map<Tensor, number>();
  tensors.forEach((t, i) => ids.set(t, i));
  const adjoint = top.size === 1 ? adjoints(tensors) : null;
  const nodes: GraphNode[] = tensors.map((t, id) => ({
    id,
    op: t.op,
    label: labelOf(t),
    name: t.name,
    attrs: t.attrs,
    shape: t.shape.slice(),
    data: t.data.slice(),
    grad: t.grad === null ? null : t.grad.data.slice(),
    adjoint: adjoint === null ? null : (adjoint.get(t) ?? new Float64Array(t.size)),
    isLeaf: t.isLeaf,
    requiresGrad: t.requiresGrad,
  }));
  const edges: GraphEdge[] = [];
  for (const t of tensors) {
    if (t.backwardFn === null) continue;
    const scalar = t.size === 1 && t.inputs.every((input) => input.size === 1);
    const local = scalar ? t.backwardFn(Float64Array.of(1), t.inputs.map(() => true)) : null;
    t.inputs.forEach((input, argument) => {
      const d = local?.[argument];
      edges.push({
        from: ids.get(input)!,
        to: ids.get(t)!,
        argument,
        local: d ? d[0] : null,
      });
    });
  }
  return { nodes, edges, root: ids.get(top)! };
}

/** ∂root/∂t for every tensor of `order` (root last), without touching any `.grad`. */
function adjoints(order: Tensor[]): Map<Tensor, Float64Array> {
  const root = order[order.length - 1];
  const acc = new Map<Tensor, Float64Array>([[root, Float64Array.of(1)]]);
  for (let i = order.length - 1; i >= 0; i--) {
    const t = order[i], g = acc.get(t);
    if (g === undefined || t.backwardFn === null) continue;
    const grads = t.backwardFn(g, t.inputs.map(() => true));
    t.inputs.forEach((input, j) => {
      const gj = grads[j];
      if (gj === null) return;
      const before = acc.get(input);
      if (before === undefined) acc.set(input, gj.slice());
      else for (let k = 0; k < before.length; k++) before[k] += gj[k];
    });
  }
  return acc;
}
