import { alloc } from "./alloc.ts";
import { firstNaN, mm, mmNT, mmTN } from "./gemm.ts";
import { showShape } from "./shape.ts";
import {
  type BackwardFn,
  checkTensor,
  type DType,
  fromOp,
  nanError,
  type Tensor,
} from "./tensor.ts";

function resultType(a: Tensor, b: Tensor): DType {
  return a.dtype === "float64" || b.dtype === "float64" ? "float64" : "float32";
}

/**
 * Matrix product `a @ b` (`torch.matmul`) of 1-D and 2-D operands: matrix × matrix, matrix ×
 * vector, vector × matrix, and the dot product of two vectors (a 0-D result).
 *
 * @throws {TypeError|RangeError} a 0-D or >2-D operand, or inner sizes that differ:
 *   `matmul: [3, 2] @ [3, 1]: inner sizes 2 and 3 differ`.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const fn = "matmul";
  const x = checkTensor(fn, a, "input"), y = checkTensor(fn, b, "other");
  const pair = `${showShape(x.shape)} @ ${showShape(y.shape)}`;
  if (x.ndim < 1 || x.ndim > 2 || y.ndim < 1 || y.ndim > 2) {
    throw new RangeError(`${fn}: ${pair}: both operands must be 1-D or 2-D`);
  }
  // A vector on the left is a 1 × k row, on the right a k × 1 column; those dims are dropped.
  const m = x.ndim === 2 ? x.shape[0] : 1, k = x.shape[x.ndim - 1];
  const k2 = y.shape[0], n = y.ndim === 2 ? y.shape[1] : 1;
  if (k !== k2) throw new RangeError(`${fn}: ${pair}: inner sizes ${k} and ${k2} differ`);
  const shape: number[] = [];
  if (x.ndim === 2) shape.push(m);
  if (y.ndim === 2) shape.push(n);
  const dtype = resultType(x, y), f32 = dtype === "float32";
  const X = x.data, Y = y.data, out = mm(X, Y, m, k, n, f32);
  // firstNaN finds what fromOp's scan would, and the SIMD tiles have mostly done it already.
  const nan = firstNaN(out);
  if (nan >= 0) throw nanError(fn, nan, [x, y]);
  const backward: BackwardFn = (g, needs) => [
    needs[0] ? mmNT(g, Y, m, n, k, f32) : null, // g (m×n) @ Yᵀ
    needs[1] ? mmTN(X, g, k, m, n, f32) : null, // Xᵀ @ g (m×n)
  ];
  return fromOp(fn, out, shape, dtype, [x, y], backward, undefined, true);
}

/**
 * `x @ weightᵀ + bias` (`torch.nn.functional.linear`): x is [N, in] or [in], weight
 * [out, in], bias [out] or null. One fused operation, as PyTorch's addmm is.
 */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  const fn = "linear";
  checkTensor(fn, x, "input");
  checkTensor(fn, weight, "weight");
  if (weight.ndim !== 2) {
    throw new RangeError(`${fn}: weight must be 2-D [out, in], got ${showShape(weight.shape)}`);
  }
  const [outF, inF] = weight.shape;
  if ((x.ndim !== 1 && x.ndim !== 2) || x.shape[x.ndim - 1] !== inF) {
    throw new RangeError(
      `${fn}: input ${showShape(x.shape)} does not fit weight ${showShape(weight.shape)}: ` +
        `expected [N, ${inF}] or [${inF}]`,
    );
  }
  if (bias !== null) {
    checkTensor(fn, bias, "bias");
    if (bias.ndim !== 1 || bias.shape[0] !== outF) {
      throw new RangeError(`${fn}: bias must be [${outF}], got ${showShape(bias.shape)}`);
    }
  }
  const N = x.ndim === 2 ? x.shape[0] : 1;
  const inputs = bias === null ? [x, weight] : [x, weight, bias];
  const dtype: DType = inputs.some((t) => t.dtype === "float64") ? "float64" : "float32";
  const f32 = dtype === "float32";
  const X = x.data, W = weight.data;
  const out = mmNT(X, W, N, inF, outF, f32, f32 || bias === null ? null : bias.data);
  if (f32 && bias !== null) {
    const B = bias.data;
    for (let i = 0; i < N; i++) {
      const row = i * outF;
      for (let j = 0; j < outF; j++) out[row + j] += B[j];
    }
  }
  const shape = x.ndim === 2 ? [N, outF] : [outF], nan = firstNaN(out); // as in matmul
  if (nan >= 0) throw nanError(fn, nan, inputs);
  const backward: BackwardFn = (g, needs) => [
    needs[0] ? mm(g, W, N, outF, inF, f32) : null, // g (N×out) @ W (out×in)
    needs[1] ? mmTN(g, X, outF, N, inF, f32) : null, // gᵀ @ x
    needs[2] ? columnSums(g, N, outF, f32) : null,
  ];
  return fromOp(fn, out, shape, dtype, inputs, backward, undefined, true);
}

/**
 * The sums of the columns of g (N × n), each added in row order from 0 (float32: rounded at
 * each step): the bias's gradient. In float64 four columns at a time, the sums in registers.
 */
function columnSums(g: Float64Array, N: number, n: number, f32: boolean): Float64Array {
  const out = alloc(n);
  if (f32) {
    for (let i = 0; i < N; i++) {
      const row = i * n;
      for (let j = 0; j < n; j++) out[j] = Math.fround(out[j] + g[row + j]);
    }
    return out;
  }
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let o = j; o < N * n; o += n) {
      s0 += g[o];
      s1 += g[o + 1];
      s2 += g[o + 2];
      s3 += g[o + 3];
    }
    out[j] = s0;
    out[j + 1] = s1;
    out[j + 2] = s2;
    out[j + 3] = s3;
  }
  for (; j + 2 <= n; j += 2) {
    let s0 = 0, s1 = 0;
    for (let o = j; o < N * n; o += n) {
      s0 += g[o];
      s1 += g[o + 1];
    }
    out[j] = s0;
    out[j + 1] = s1;
  }
  if (j < n) {
    let s = 0;
    for (let o = j; o < N * n; o += n) s += g[o];
    out[j] = s;
  }
  return out;
}
