import { alloc, scalar } from "./alloc.ts";
import { normalizeDim, splitAt } from "./dims.ts";
import { checkTensor, fromOp, type OpAttrs, type Tensor } from "./tensor.ts";

/** Sums along `dim` (or over everything when `dim` is undefined) into a new array. */
function sumValues(x: Tensor, dim: number | undefined): Float64Array {
  const X = x.data, f32 = x.dtype === "float32";
  if (dim === undefined) {
    let s = 0;
    // float32 adds in float32, one rounding per term, as PyTorch's float reduction does
    // for the small tensors of the course.
    if (f32) { for (let i = 0; i < X.length; i++) s = Math.fround(s + X[i]); }
    else for (let i = 0; i < X.length; i++) s += X[i];
    return scalar(s);
  }
  const [outer, n, inner] = splitAt(x.shape, dim), out = alloc(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < n; j++) {
      const base = (o * n + j) * inner, at = o * inner;
      if (f32) {
        for (let k = 0; k < inner; k++) out[at + k] = Math.fround(out[at + k] + X[base + k]);
      } else for (let k = 0; k < inner; k++) out[at + k] += X[base + k];
    }
  }
  return out;
}

function reducedShape(shape: readonly number[], dim: number | undefined, keepdim: boolean) {
  if (dim === undefined) return keepdim ? shape.map(() => 1) : [];
  return keepdim ? shape.map((d, i) => (i === dim ? 1 : d)) : shape.filter((_, i) => i !== dim);
}

/** `g` (one value per reduced slot) repeated over the reduced dim, times `scale`. */
function spread(
  g: Float64Array,
  x: Tensor,
  dim: number | undefined,
  scale: number,
): Float64Array {
  const out = alloc(x.size), f32 = x.dtype === "float32";
  const s = (v: number) => (scale === 1 ? v : f32 ? Math.fround(v / scale) : v / scale);
  if (dim === undefined) return out.fill(s(g[0]));
  const [outer, n, inner] = splitAt(x.shape, dim);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < n; j++) {
      const base = (o * n + j) * inner, at = o * inner;
      for (let k = 0; k < inner; k++) out[base + k] = s(g[at + k]);
    }
  }
  return out;
}

/**
 * Sum of all elements (a 0-D tensor), or along `dim`, which is removed unless `keepdim`
 * (`torch.sum(x)`, `x.sum(dim, keepdim)`).
 */
export function sum(a: Tensor, dim?: number, keepdim = false): Tensor {
  const fn = "sum";
  const x = checkTensor(fn, a);
  const d = dim === undefined ? undefined : normalizeDim(fn, dim, x.shape);
  const shape = reducedShape(x.shape, d, keepdim);
  const attrs: OpAttrs = d === undefined ? { keepdim } : { dim: d, keepdim };
  return fromOp(fn, sumValues(x, d), shape, x.dtype, [x], (g) => [spread(g, x, d, 1)], attrs);
}

/**
 * Mean of all elements (a 0-D tensor), or along `dim`, which is removed unless `keepdim`
 * (`torch.mean`). The mean of no elements is an error, not NaN.
 */
export function mean(a: Tensor, dim?: number, keepdim = false): Tensor {
  const fn = "mean";
  const x = checkTensor(fn, a);
  const d = dim === undefined ? undefined : normalizeDim(fn, dim, x.shape);
  const n = d === undefined ? x.size : (x.shape[d] ?? 1);
  if (n === 0) throw new RangeError(`${fn}: the mean of 0 elements is undefined`);
  const out = sumValues(x, d);
  for (let i = 0; i < out.length; i++) out[i] /= n;
  const shape = reducedShape(x.shape, d, keepdim);
  const attrs: OpAttrs = d === undefined ? { keepdim } : { dim: d, keepdim };
  return fromOp(fn, out, shape, x.dtype, [x], (g) => [spread(g, x, d, n)], attrs);
}
