import { Tensor } from "../tensor.ts";
import { checkFinite, checkOptions, show } from "../validate.ts";

/**
 * Float arithmetic in a parameter's dtype, in the order PyTorch's CPU kernels use: `add`
 * (with an alpha) and `addcmul` round once (a fused multiply-add), `addcdiv` rounds the
 * quotient and the sum. In float64 these are the plain expressions.
 */
export interface Arith {
  /** Rounds to the dtype. */
  r: (v: number) => number;
  /** `a · s` for a number `s` (PyTorch rounds a Python float to the tensor's dtype first). */
  scale: (a: number, s: number) => number;
  /** `a + alpha · b` (`a.add(b, alpha=…)`). */
  add: (a: number, alpha: number, b: number) => number;
  /** `a + value · b · c` (`a.addcmul(b, c, value=…)`). */
  addcmul: (a: number, value: number, b: number, c: number) => number;
  /** `a + value · b / c` (`a.addcdiv(b, c, value=…)`). */
  addcdiv: (a: number, value: number, b: number, c: number) => number;
}

const float64: Arith = {
  r: (v) => v,
  scale: (a, s) => a * s,
  add: (a, alpha, b) => a + alpha * b,
  addcmul: (a, value, b, c) => a + value * b * c,
  addcdiv: (a, value, b, c) => a + value * b / c,
};

const f = Math.fround;
// A product of two float32 values is exact in float64, so one fround of the float64 sum
// gives the fused multiply-add's single rounding.
const float32: Arith = {
  r: f,
  scale: (a, s) => f(a * f(s)),
  add: (a, alpha, b) => f(a + f(alpha) * b),
  addcmul: (a, value, b, c) => f(a + f(f(value) * b) * c),
  addcdiv: (a, value, b, c) => f(a + f(f(f(value) * b) / c)),
};

/** The arithmetic of a parameter's dtype. */
export function arithOf(t: Tensor): Arith {
  return t.dtype === "float32" ? float32 : float64;
}

/** Base of the optimizers (`torch.optim.Optimizer`): owns the parameters and their state. */
export abstract class Optimizer {
  /** The parameters it updates, in order. */
  readonly params: readonly Tensor[];

  constructor(fn: string, params: readonly Tensor[]) {
    if (!Array.isArray(params) || params.length === 0) {
      throw new TypeError(`${fn}: params must be a non-empty list of tensors, got ${show(params)}`);
    }
    params.forEach((p, i) => {
      if (!(p instanceof Tensor)) {
        throw new TypeError(`${fn}: params[${i}] must be a tensor, got ${show(p)}`);
      }
      if (!p.requiresGrad || !p.isLeaf) {
        throw new TypeError(`${fn}: params[${i}] must be a leaf tensor that requires grad`);
      }
    });
    this.params = params.slice();
  }

  /** One update of every parameter that has a `.grad` (others are skipped, as in PyTorch). */
  abstract step(): void;

  /** Zeros every parameter's `.grad` (`optimizer.zero_grad()`, PyTorch 1.13's default). */
  zeroGrad(): void {
    for (const p of this.params) p.zeroGrad();
  }
}

/** Reads a number option: finite, >= min (and < max if given), or its default. */
export function numberOption(
  fn: string,
  name: string,
  value: unknown,
  fallback: number | undefined,
  min = 0,
  max = Infinity,
): number {
  if (value === undefined) {
    if (fallback === undefined) throw new TypeError(`${fn}: ${name} is required`);
    return fallback;
  }
  const v = checkFinite(fn, name, value);
  if (v < min || v >= max) {
    const range = max === Infinity ? `>= ${min}` : `in [${min}, ${max})`;
    throw new RangeError(`${fn}: ${name} must be ${range}, got ${v}`);
  }
  return v;
}

export { checkOptions };
