import { alloc, scalar } from "./alloc.ts";
import { sameShape, showShape } from "./shape.ts";
import { logSoftmax } from "./softmax.ts";
import { checkTensor, type DType, fromOp, Tensor } from "./tensor.ts";
import { show } from "./validate.ts";

/** How a loss combines its per-element terms: their mean (PyTorch's default) or their sum. */
export type Reduction = "mean" | "sum";

/** Class indices: a list of integers, one integer, or a tensor holding integers. */
export type ClassIndices = readonly number[] | number | Tensor;

/** Checks a reduction name (default `"mean"`). */
export function checkReduction(fn: string, reduction: unknown): Reduction {
  if (reduction === undefined) return "mean";
  if (reduction !== "mean" && reduction !== "sum") {
    throw new TypeError(`${fn}: reduction must be "mean" or "sum", got ${show(reduction)}`);
  }
  return reduction;
}

function checkPair(fn: string, input: Tensor, target: Tensor): void {
  checkTensor(fn, input, "input");
  checkTensor(fn, target, "target");
  if (!sameShape(input.shape, target.shape)) {
    throw new RangeError(
      `${fn}: input ${showShape(input.shape)} and target ${showShape(target.shape)} ` +
        "must have the same shape",
    );
  }
}

function dtypeOf(a: Tensor, b: Tensor): DType {
  return a.dtype === "float64" || b.dtype === "float64" ? "float64" : "float32";
}

/** Sum (or mean) of `terms`, added in order; float32 rounds after each add. */
function reduce(terms: Float64Array, reduction: Reduction, f32: boolean): number {
  let s = 0;
  if (f32) { for (let i = 0; i < terms.length; i++) s = Math.fround(s + terms[i]); }
  else for (let i = 0; i < terms.length; i++) s += terms[i];
  return reduced(s, terms.length, reduction);
}

/** The loss from the in-order sum of its `n` terms. */
function reduced(total: number, n: number, reduction: Reduction): number {
  return reduction === "sum" ? total : total / n;
}

/**
 * Mean (or sum) of (input − target)² (`torch.nn.functional.mse_loss`), a 0-D tensor. The
 * gradient follows PyTorch: norm · (input − target) · grad, norm = 2/N for the mean, 2 for the sum.
 */
export function mseLoss(input: Tensor, target: Tensor, reduction?: Reduction): Tensor {
  const fn = "mseLoss";
  checkPair(fn, input, target);
  const red = checkReduction(fn, reduction);
  const dtype = dtypeOf(input, target), f32 = dtype === "float32";
  const X = input.data, Y = target.data, n = X.length;
  const diff = alloc(n);
  let total = 0;
  if (f32) {
    for (let i = 0; i < n; i++) {
      const d = Math.fround(X[i] - Y[i]);
      diff[i] = d;
      total = Math.fround(total + Math.fround(d * d));
    }
  } else {
    for (let i = 0; i < n; i++) {
      const d = X[i] - Y[i];
      diff[i] = d;
      total += d * d;
    }
  }
  const value = scalar(reduced(total, n, red));
  return fromOp(fn, value, [], dtype, [input, target], (g, needs) => {
    const norm = red === "mean" ? (f32 ? Math.fround(2 / n) : 2 / n) : 2;
    const gi = alloc(n);
    for (let i = 0; i < n; i++) {
      gi[i] = f32 ? Math.fround(Math.fround(norm * diff[i]) * g[0]) : norm * diff[i] * g[0];
    }
    return [needs[0] ? gi : null, needs[1] ? gi.map((v) => -v) : null];
  }, { reduction: red });
}

const EPSILON = 1e-12;

/**
 * Binary cross-entropy −[t·log x + (1 − t)·log(1 − x)] of probabilities `input` against
 * `target` (`torch.nn.functional.binary_cross_entropy`), mean or sum, a 0-D tensor. As in
 * PyTorch, each log is clamped at −100, so x = 0 or 1 gives a finite loss, and the gradient
 * (x − t) / max(x·(1 − x), 1e-12) stays finite. Gradients flow to `input` only.
 *
 * @throws {RangeError} an input outside [0, 1], or shapes that differ.
 */
export function binaryCrossEntropy(input: Tensor, target: Tensor, reduction?: Reduction): Tensor {
  const fn = "binaryCrossEntropy";
  checkPair(fn, input, target);
  const red = checkReduction(fn, reduction);
  const dtype = dtypeOf(input, target), f32 = dtype === "float32";
  const r = f32 ? Math.fround : (v: number) => v;
  const X = input.data, T = target.data, n = X.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const x = X[i], t = T[i];
    if (!(x >= 0 && x <= 1)) {
      throw new RangeError(`${fn}: input must be in [0, 1], got ${x} at flat index ${i}`);
    }
    if (f32) {
      const logX = Math.max(r(Math.log(x)), -100), log1mX = Math.max(r(Math.log(r(1 - x))), -100);
      total = r(total + r(r(r(t - 1) * log1mX) - r(t * logX)));
    } else if (t === 1) {
      // A 0/1 target zeroes one of the two terms: (t − 1)·log(1 − x) is ±0 here, and a ±0
      // changes no sum, so its logarithm is not computed.
      total -= Math.max(Math.log(x), -100);
    } else if (t === 0) {
      total -= Math.max(Math.log(1 - x), -100);
    } else {
      const logX = Math.max(Math.log(x), -100), log1mX = Math.max(Math.log(1 - x), -100);
      total += (t - 1) * log1mX - t * logX;
    }
  }
  const value = scalar(reduced(total, n, red));
  return fromOp(fn, value, [], dtype, [input, target], (g) => {
    const gi = alloc(n, false), mean = red === "mean";
    if (f32) {
      for (let i = 0; i < n; i++) {
        const x = X[i], t = T[i];
        const v = r(r(g[0] * r(x - t)) / r(Math.max(r(r(1 - x) * x), r(EPSILON))));
        gi[i] = mean ? r(v / n) : v;
      }
    } else {
      const g0 = g[0];
      for (let i = 0; i < n; i++) {
        const x = X[i], v = (g0 * (x - T[i])) / Math.max((1 - x) * x, EPSILON);
        gi[i] = mean ? v / n : v;
      }
    }
    return [gi, null];
  }, { reduction: red });
}

/** Class indices checked against `classes`, as an Int32Array. */
function classIndices(
  fn: string,
  target: ClassIndices,
  count: number,
  classes: number,
): Int32Array {
  const list = target instanceof Tensor
    ? Array.from(target.data)
    : typeof target === "number"
    ? [target]
    : target;
  if (!Array.isArray(list)) {
    throw new TypeError(
      `${fn}: target must be class indices (numbers or a tensor), got ${show(target)}`,
    );
  }
  if (list.length !== count) {
    throw new RangeError(`${fn}: ${count} rows of input but ${list.length} target classes`);
  }
  return Int32Array.from(list, (c, i) => {
    if (!Number.isInteger(c) || c < 0 || c >= classes) {
      throw new RangeError(
        `${fn}: target[${i}] = ${show(c)} is not a class index in 0..${classes - 1}`,
      );
    }
    return c;
  });
}

/**
 * Negative log-likelihood of class indices under log-probabilities `input` ([N, C], or [C] for
 * one sample) (`torch.nn.functional.nll_loss`): −mean (or −sum) of input[i, target[i]].
 */
export function nllLoss(input: Tensor, target: ClassIndices, reduction?: Reduction): Tensor {
  const fn = "nllLoss";
  checkTensor(fn, input, "input");
  const red = checkReduction(fn, reduction);
  if (input.ndim !== 1 && input.ndim !== 2) {
    throw new RangeError(`${fn}: input must be [N, C] or [C], got ${showShape(input.shape)}`);
  }
  const N = input.ndim === 2 ? input.shape[0] : 1, C = input.shape[input.ndim - 1];
  const classes = classIndices(fn, target, N, C), X = input.data, f32 = input.dtype === "float32";
  const terms = alloc(N);
  for (let i = 0; i < N; i++) terms[i] = -X[i * C + classes[i]];
  const value = scalar(reduce(terms, red, f32));
  return fromOp(fn, value, [], input.dtype, [input], (g) => {
    const gi = alloc(X.length), v = red === "mean" ? -g[0] / N : -g[0];
    for (let i = 0; i < N; i++) gi[i * C + classes[i]] = f32 ? Math.fround(v) : v;
    return [gi];
  }, { reduction: red });
}

/**
 * Cross-entropy of raw logits ([N, C], or [C] for one sample) against class indices
 * (`torch.nn.functional.cross_entropy`): nllLoss(logSoftmax(logits)), so the softmax is
 * built in and stable for large logits.
 *
 * @example
 * crossEntropy(tensor([0.2, 0.1, -0.1]), 0).item(); // 0.9729 (lecture 9)
 */
export function crossEntropy(input: Tensor, target: ClassIndices, reduction?: Reduction): Tensor {
  const fn = "crossEntropy";
  checkTensor(fn, input, "input");
  if (input.ndim !== 1 && input.ndim !== 2) {
    throw new RangeError(`${fn}: input must be [N, C] or [C], got ${showShape(input.shape)}`);
  }
  return nllLoss(logSoftmax(input, input.ndim - 1), target, reduction);
}
