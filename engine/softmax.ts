import { alloc } from "./alloc.ts";
import { normalizeDim, splitAt } from "./dims.ts";
import { checkTensor, fromOp, type Tensor } from "./tensor.ts";

/**
 * For each slice along `dim`: its max and log Σ exp(x − max). Shifting by the max keeps every
 * exponent <= 0, so no logit overflows.
 */
function logSumExp(x: Tensor, dim: number) {
  const X = x.data, [outer, n, inner] = splitAt(x.shape, dim);
  const max = alloc(outer * inner), lse = alloc(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      const base = o * n * inner + k;
      let m = -Infinity;
      for (let j = 0; j < n; j++) m = Math.max(m, X[base + j * inner]);
      let s = 0;
      for (let j = 0; j < n; j++) s += Math.exp(X[base + j * inner] - m);
      max[o * inner + k] = m;
      lse[o * inner + k] = Math.log(s);
    }
  }
  return { max, lse, outer, n, inner };
}

/** Σ over `dim` of `f(j)` for each slice, into one value per slice. */
function sliceSums(
  outer: number,
  n: number,
  inner: number,
  value: (i: number) => number,
): Float64Array {
  const out = alloc(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      const base = o * n * inner + k;
      let s = 0;
      for (let j = 0; j < n; j++) s += value(base + j * inner);
      out[o * inner + k] = s;
    }
  }
  return out;
}

/** Slot of the slice that flat index `i` belongs to. */
function slotOf(i: number, n: number, inner: number): number {
  return Math.floor(i / (n * inner)) * inner + (i % inner);
}

/** Softmax along `dim` (`torch.softmax(x, dim)`): exp(x − max) / Σ exp(x − max). */
export function softmax(a: Tensor, dim: number): Tensor {
  const fn = "softmax";
  const x = checkTensor(fn, a), d = normalizeDim(fn, dim, x.shape);
  const { max, lse, n, inner } = logSumExp(x, d), X = x.data;
  const out = alloc(X.length);
  for (let i = 0; i < X.length; i++) {
    const s = slotOf(i, n, inner);
    out[i] = Math.exp(X[i] - max[s] - lse[s]);
  }
  const [outer] = splitAt(x.shape, d);
  return fromOp(fn, out, x.shape, x.dtype, [x], (g) => {
    // dx = y ⊙ (g − Σ g ⊙ y)
    const dot = sliceSums(outer, n, inner, (i) => g[i] * out[i]);
    const ga = alloc(g.length);
    for (let i = 0; i < g.length; i++) ga[i] = out[i] * (g[i] - dot[slotOf(i, n, inner)]);
    return [x.dtype === "float32" ? ga.map(Math.fround) : ga];
  }, { dim: d });
}

/** log(softmax(x)) along `dim` (`torch.log_softmax`), as x − max − log Σ exp(x − max). */
export function logSoftmax(a: Tensor, dim: number): Tensor {
  const fn = "logSoftmax";
  const x = checkTensor(fn, a), d = normalizeDim(fn, dim, x.shape);
  const { max, lse, n, inner } = logSumExp(x, d), X = x.data;
  const out = alloc(X.length);
  for (let i = 0; i < X.length; i++) {
    const s = slotOf(i, n, inner);
    out[i] = X[i] - max[s] - lse[s];
  }
  const [outer] = splitAt(x.shape, d);
  return fromOp(fn, out, x.shape, x.dtype, [x], (g) => {
    // dx = g − softmax(x) ⊙ Σ g
    const total = sliceSums(outer, n, inner, (i) => g[i]);
    const ga = alloc(g.length);
    for (let i = 0; i < g.length; i++) ga[i] = g[i] - Math.exp(out[i]) * total[slotOf(i, n, inner)];
    return [x.dtype === "float32" ? ga.map(Math.fround) : ga];
  }, { dim: d });
}
