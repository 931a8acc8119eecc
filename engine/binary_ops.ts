import { alloc } from "./alloc.ts";
import { broadcastShapes, expandTo, reduceTo } from "./shape.ts";
import {
  asTensor,
  checkTensor,
  type DType,
  fromOp,
  type Tensor,
  type TensorLike,
} from "./tensor.ts";
import { checkFinite } from "./validate.ts";

/** Two operands brought to their broadcast shape. */
interface Aligned {
  a: Tensor;
  b: Tensor;
  shape: readonly number[];
  /** `a`'s and `b`'s values repeated to `shape` (their own arrays when no repeat is needed). */
  A: Float64Array;
  B: Float64Array;
  dtype: DType;
}

function align(fn: string, aIn: Tensor, bIn: TensorLike): Aligned {
  const a = checkTensor(fn, aIn, "input"), b = asTensor(fn, bIn, a);
  const shape = broadcastShapes(fn, a.shape, b.shape);
  const dtype: DType = a.dtype === "float64" || b.dtype === "float64" ? "float64" : "float32";
  return {
    a,
    b,
    shape,
    A: expandTo(a.data, a.shape, shape),
    B: expandTo(b.data, b.shape, shape),
    dtype,
  };
}

/** `g · v` elementwise, rounded to float32 when `f32`. */
function times(g: Float64Array, v: Float64Array, f32: boolean): Float64Array {
  const out = alloc(g.length);
  if (f32) { for (let i = 0; i < g.length; i++) out[i] = Math.fround(g[i] * v[i]); }
  else for (let i = 0; i < g.length; i++) out[i] = g[i] * v[i];
  return out;
}

function negated(g: Float64Array): Float64Array {
  const out = alloc(g.length);
  for (let i = 0; i < g.length; i++) out[i] = -g[i];
  return out;
}

/** Elementwise `a + b` with broadcasting (`torch.add`). */
export function add(a: Tensor, b: TensorLike): Tensor {
  const { a: x, b: y, shape, A, B, dtype } = align("add", a, b);
  const out = alloc(A.length);
  for (let i = 0; i < out.length; i++) out[i] = A[i] + B[i];
  const f32 = dtype === "float32";
  return fromOp("add", out, shape, dtype, [x, y], (g, needs) => [
    needs[0] ? reduceTo(g, shape, x.shape, f32) : null,
    needs[1] ? reduceTo(g, shape, y.shape, f32) : null,
  ]);
}

/** Elementwise `a − b` with broadcasting (`torch.sub`). */
export function sub(a: Tensor, b: TensorLike): Tensor {
  const { a: x, b: y, shape, A, B, dtype } = align("sub", a, b);
  const out = alloc(A.length);
  for (let i = 0; i < out.length; i++) out[i] = A[i] - B[i];
  const f32 = dtype === "float32";
  return fromOp("sub", out, shape, dtype, [x, y], (g, needs) => [
    needs[0] ? reduceTo(g, shape, x.shape, f32) : null,
    needs[1] ? reduceTo(negated(g), shape, y.shape, f32) : null,
  ]);
}

/** Elementwise `a · b` with broadcasting (`torch.mul`). */
export function mul(a: Tensor, b: TensorLike): Tensor {
  const { a: x, b: y, shape, A, B, dtype } = align("mul", a, b);
  const out = alloc(A.length);
  for (let i = 0; i < out.length; i++) out[i] = A[i] * B[i];
  const f32 = dtype === "float32";
  return fromOp("mul", out, shape, dtype, [x, y], (g, needs) => [
    needs[0] ? reduceTo(times(g, B, f32), shape, x.shape, f32) : null,
    needs[1] ? reduceTo(times(g, A, f32), shape, y.shape, f32) : null,
  ]);
}

/** Elementwise `a / b` with broadcasting (`torch.div`); 0 / 0 is an error, x / 0 is ±Infinity. */
export function div(a: Tensor, b: TensorLike): Tensor {
  const fn = "div";
  const { a: x, b: y, shape, A, B, dtype } = align(fn, a, b);
  const out = alloc(A.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = A[i] / B[i];
    if (B[i] === 0 && A[i] === 0) throw new RangeError(`${fn}: 0 / 0 at flat index ${i}`);
  }
  const f32 = dtype === "float32";
  return fromOp(fn, out, shape, dtype, [x, y], (g, needs) => {
    let ga: Float64Array | null = null, gb: Float64Array | null = null;
    if (needs[0]) {
      ga = alloc(g.length);
      for (let i = 0; i < g.length; i++) ga[i] = g[i] / B[i];
      if (f32) ga = ga.map(Math.fround);
    }
    if (needs[1]) {
      // PyTorch 1.13: -grad * ((a / b) / b), each step rounded in float32.
      gb = alloc(g.length);
      for (let i = 0; i < g.length; i++) {
        gb[i] = f32 ? Math.fround(-g[i] * Math.fround(out[i] / B[i])) : -g[i] * (out[i] / B[i]);
      }
    }
    return [
      ga && reduceTo(ga, shape, x.shape, f32),
      gb && reduceTo(gb, shape, y.shape, f32),
    ];
  });
}

/** Elementwise `−a` (`torch.neg`). */
export function neg(a: Tensor): Tensor {
  const x = checkTensor("neg", a);
  return fromOp("neg", negated(x.data), x.shape, x.dtype, [x], (g) => [negated(g)]);
}

/**
 * Elementwise `a ** exponent` for a number exponent (`torch.pow(a, 2)`). A negative base with
 * a fractional exponent, and 0 to a negative power, are errors (NaN and Infinity otherwise).
 */
export function pow(a: Tensor, exponent: number): Tensor {
  const fn = "pow";
  const x = checkTensor(fn, a);
  const p = checkFinite(fn, "exponent", exponent);
  const X = x.data, out = alloc(X.length);
  for (let i = 0; i < X.length; i++) {
    if (X[i] < 0 && !Number.isInteger(p)) {
      throw new RangeError(
        `${fn}: negative base ${X[i]} at flat index ${i} with fractional exponent ${p}`,
      );
    }
    if (X[i] === 0 && p < 0) {
      throw new RangeError(`${fn}: base 0 at flat index ${i} with negative exponent ${p}`);
    }
    out[i] = p === 2 ? X[i] * X[i] : X[i] ** p;
  }
  const f32 = x.dtype === "float32";
  return fromOp(fn, out, x.shape, x.dtype, [x], (g) => {
    // PyTorch 1.13: grad * (exponent * a ** (exponent - 1)).
    const ga = alloc(g.length);
    for (let i = 0; i < g.length; i++) {
      if (p === 0) continue;
      const q = p === 2 ? X[i] : p === 1 ? 1 : X[i] ** (p - 1);
      ga[i] = f32 ? Math.fround(g[i] * Math.fround(p * Math.fround(q))) : g[i] * (p * q);
    }
    return [ga];
  }, { exponent: p });
}
