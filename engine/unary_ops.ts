import { alloc } from "./alloc.ts";
import { expArray, sigmoidArray } from "./exp_array.ts";
import { checkTensor, fromOp, nanError, type Tensor } from "./tensor.ts";
import { sigmoidGradSimd, simd } from "./wasm/simd.ts";

/**
 * Float64 sigmoid gradients at least this long go to the WebAssembly SIMD kernel when it is
 * available (two elements per instruction, the same operations in the same order).
 */
const SIMD_MIN = 32;

/** Elementwise e^x (`torch.exp`). */
export function exp(a: Tensor): Tensor {
  const x = checkTensor("exp", a), X = x.data, out = expArray(X, alloc(X.length));
  const f32 = x.dtype === "float32";
  return fromOp("exp", out, x.shape, x.dtype, [x], (g) => {
    const ga = alloc(g.length);
    for (let i = 0; i < g.length; i++) ga[i] = f32 ? Math.fround(g[i] * out[i]) : g[i] * out[i];
    return [ga];
  });
}

/** Elementwise natural logarithm (`torch.log`); log 0 is −Infinity, a negative input an error. */
export function log(a: Tensor): Tensor {
  const fn = "log";
  const x = checkTensor(fn, a), X = x.data, out = alloc(X.length);
  for (let i = 0; i < X.length; i++) {
    if (X[i] < 0) throw new RangeError(`${fn}: input must be >= 0, got ${X[i]} at flat index ${i}`);
    out[i] = Math.log(X[i]);
  }
  const f32 = x.dtype === "float32";
  return fromOp(fn, out, x.shape, x.dtype, [x], (g) => {
    const ga = alloc(g.length);
    for (let i = 0; i < g.length; i++) ga[i] = f32 ? Math.fround(g[i] / X[i]) : g[i] / X[i];
    return [ga];
  });
}

/**
 * Elementwise logistic function 1 / (1 + e^−x) (`torch.sigmoid`). In float64 the branch for
 * x < 0 uses e^x / (1 + e^x), so no exponential overflows; float32 follows PyTorch's float
 * kernel step by step (e^−x, + 1, reciprocal, each rounded), where an overflow to Infinity
 * still yields exactly 0.
 */
export function sigmoid(a: Tensor): Tensor {
  const x = checkTensor("sigmoid", a), X = x.data, out = alloc(X.length);
  const f32 = x.dtype === "float32";
  // The result is NaN exactly where the input is, so the loop looks for NaN itself.
  if (f32) {
    for (let i = 0; i < X.length; i++) {
      const v = X[i];
      if (v !== v) throw nanError("sigmoid", i, [x]);
      out[i] = 1 / Math.fround(1 + Math.fround(Math.exp(-v)));
    }
  } else {
    const nan = sigmoidArray(X, out);
    if (nan >= 0) throw nanError("sigmoid", nan, [x]);
  }
  return fromOp(
    "sigmoid",
    out,
    x.shape,
    x.dtype,
    [x],
    (g) => {
      // PyTorch: grad * (1 − y) * y.
      const ga = alloc(g.length, false);
      if (f32) {
        for (let i = 0; i < g.length; i++) {
          const y = out[i];
          ga[i] = Math.fround(Math.fround(g[i] * Math.fround(1 - y)) * y);
        }
      } else if (simd.enabled && g.length >= SIMD_MIN) {
        sigmoidGradSimd(g, out, ga);
      } else {
        for (let i = 0; i < g.length; i++) {
          const y = out[i];
          ga[i] = g[i] * (1 - y) * y;
        }
      }
      return [ga];
    },
    undefined,
    true,
  );
}

/** Elementwise hyperbolic tangent (`torch.tanh`). */
export function tanh(a: Tensor): Tensor {
  const x = checkTensor("tanh", a), X = x.data, out = alloc(X.length);
  for (let i = 0; i < X.length; i++) out[i] = Math.tanh(X[i]);
  const f32 = x.dtype === "float32";
  return fromOp("tanh", out, x.shape, x.dtype, [x], (g) => {
    // PyTorch: grad * (1 − y²).
    const ga = alloc(g.length);
    for (let i = 0; i < g.length; i++) {
      const y = out[i];
      ga[i] = f32 ? Math.fround(g[i] * Math.fround(1 - Math.fround(y * y))) : g[i] * (1 - y * y);
    }
    return [ga];
  });
}

/** Elementwise max(x, 0) (`torch.relu`); its gradient at 0 is 0, as in PyTorch. */
export function relu(a: Tensor): Tensor {
  const x = checkTensor("relu", a), X = x.data, out = alloc(X.length);
  for (let i = 0; i < X.length; i++) out[i] = X[i] > 0 ? X[i] : 0;
  return fromOp("relu", out, x.shape, x.dtype, [x], (g) => {
    const ga = alloc(g.length);
    for (let i = 0; i < g.length; i++) ga[i] = out[i] > 0 ? g[i] : 0;
    return [ga];
  });
}
