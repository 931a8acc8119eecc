import { alloc, scalar, withScratch } from "./alloc.ts";
import { sameShape, showShape } from "./shape.ts";
import { asTensor, Tensor, type TensorLike } from "./tensor.ts";

let pass = 0;
// The depth-first walk's stack, kept between calls (a walk never re-enters another).
const nodes: Tensor[] = [], nexts: number[] = [];

/**
 * The nodes `root` depends on through tensors that require grad, inputs before the tensors
 * made from them (depth-first post-order), each once.
 */
export function gradOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [], stamp = ++pass;
  root.visited = stamp;
  nodes.push(root);
  nexts.push(0);
  while (nodes.length > 0) {
    const top = nodes.length - 1, node = nodes[top], next = nexts[top];
    if (next < node.inputs.length) {
      nexts[top] = next + 1;
      const input = node.inputs[next];
      if (input.requiresGrad && input.visited !== stamp) {
        input.visited = stamp;
        nodes.push(input);
        nexts.push(0);
      }
    } else {
      nodes.pop();
      nexts.pop();
      order.push(node);
    }
  }
  return order;
}

/** `a + b` as a new array (the arrays of a backward pass are never written in place). */
function plus(a: Float64Array, b: Float64Array, f32: boolean): Float64Array {
  const out = alloc(a.length);
  if (f32) { for (let i = 0; i < a.length; i++) out[i] = Math.fround(a[i] + b[i]); }
  else for (let i = 0; i < a.length; i++) out[i] = a[i] + b[i];
  return out;
}

/** Adds `g` into `t.grad`, creating it (a copy) on the first pass. */
function accumulate(t: Tensor, g: Float64Array): void {
  const f32 = t.dtype === "float32";
  if (t.grad === null) {
    const data = g.slice();
    if (f32) { for (let i = 0; i < data.length; i++) data[i] = Math.fround(data[i]); }
    t.grad = new Tensor(data, t.shape.slice(), t.dtype, false);
    return;
  }
  const G = t.grad.data;
  if (f32) { for (let i = 0; i < G.length; i++) G[i] = Math.fround(G[i] + g[i]); }
  else for (let i = 0; i < G.length; i++) G[i] += g[i];
}

/**
 * Reverse-mode pass from `root` (see `Tensor.backward`): seeds ∂root/∂root = 1 (or
 * `gradient`), walks the graph in reverse topological order so each node's gradient is the
 * complete sum over its uses before it is passed on, and adds the results to the `.grad` of
 * leaves that require grad (and of tensors that called `retainGrad()`).
 *
 * @throws {Error|RangeError} root does not require grad, or root has more than one element
 *   and no `gradient` of its shape is given.
 */
export function backward(root: Tensor, gradient?: TensorLike): void {
  const fn = "backward";
  if (!(root instanceof Tensor)) throw new TypeError(`${fn}: root must be a tensor`);
  if (!root.requiresGrad) {
    throw new Error(
      `${fn}: the tensor does not require grad: none of the tensors it was made from has ` +
        "requiresGrad: true, or it was made inside noGrad()",
    );
  }
  let seed: Float64Array;
  if (gradient === undefined) {
    if (root.size !== 1) {
      throw new RangeError(
        `${fn}: the gradient can be implied only for a one-element result, got shape ` +
          `${showShape(root.shape)}; reduce it (sum, mean) or pass backward(gradient)`,
      );
    }
    seed = scalar(1);
  } else {
    const g = asTensor(fn, gradient, root, "gradient");
    if (!sameShape(g.shape, root.shape) && !(g.size === 1 && root.size === 1)) {
      throw new RangeError(
        `${fn}: gradient of shape ${showShape(g.shape)} does not match the result's ` +
          showShape(root.shape),
      );
    }
    seed = g.data;
  }
  withScratch(() => {
    const order = gradOrder(root);
    // Each node's gradient is gathered on the node itself (cleared first: a pass that threw
    // may have left one) and released once passed on.
    for (const node of order) node.pendingGrad = null;
    root.pendingGrad = seed;
    for (let i = order.length - 1; i >= 0; i--) {
      const node = order[i], g = node.pendingGrad;
      if (g === null) continue;
      node.pendingGrad = null;
      if (node.isLeaf || node.retainsGrad) accumulate(node, g);
      if (node.backwardFn === null) continue;
      const inputs = node.inputs, needs: boolean[] = [];
      for (let j = 0; j < inputs.length; j++) needs.push(inputs[j].requiresGrad);
      const grads = node.backwardFn(g, needs);
      for (let j = 0; j < inputs.length; j++) {
        const gj = grads[j], input = inputs[j];
        if (!needs[j] || gj === null) continue;
        const before = input.pendingGrad;
        input.pendingGrad = before === null ? gj : plus(before, gj, input.dtype === "float32");
      }
    }
  });
}
