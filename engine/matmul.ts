import { alloc } from "./alloc.ts";
import { showShape } from "./shape.ts";
import { checkTensor, type DType, fromOp, type Tensor } from "./tensor.ts";

// Matrix kernels on row-major data. Every output element sums its products in order of the
// inner index, starting from 0; float32 rounds after each multiply-add, like a float32 dot
// product. In float64 the sums of four neighbouring outputs run side by side in registers
// (the same additions in the same order, so the same bits), which is what makes the course's
// 759 × 8 batches fast: the plain loops stored and reloaded every partial sum.

/**
 * `out[i·n + j] = Σ_p A[i·ai + p·ap] · B[p·bp + j·bj]` (+ `bias[j]` after the sum), float64,
 * p ascending: one strided kernel for `A @ B`, `A @ Bᵀ` and `Aᵀ @ B`.
 */
function gemm64(
  A: Float64Array,
  ai: number,
  ap: number,
  B: Float64Array,
  bp: number,
  bj: number,
  m: number,
  k: number,
  n: number,
  bias: Float64Array | null,
): Float64Array {
  const out = alloc(m * n);
  const b1 = bj, b2 = 2 * bj, b3 = 3 * bj;
  let i = 0;
  // Two rows by four columns: eight sums in registers, six loads for eight products.
  for (; i + 2 <= m; i += 2) {
    const row = i * n;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
      let pa = i * ai, pb = j * bj, p = 0;
      for (; p + 2 <= k; p += 2) {
        let a = A[pa], c = A[pa + ai];
        let x0 = B[pb], x1 = B[pb + b1], x2 = B[pb + b2], x3 = B[pb + b3];
        s0 += a * x0;
        s1 += a * x1;
        s2 += a * x2;
        s3 += a * x3;
        t0 += c * x0;
        t1 += c * x1;
        t2 += c * x2;
        t3 += c * x3;
        pa += ap;
        pb += bp;
        a = A[pa];
        c = A[pa + ai];
        x0 = B[pb];
        x1 = B[pb + b1];
        x2 = B[pb + b2];
        x3 = B[pb + b3];
        s0 += a * x0;
        s1 += a * x1;
        s2 += a * x2;
        s3 += a * x3;
        t0 += c * x0;
        t1 += c * x1;
        t2 += c * x2;
        t3 += c * x3;
        pa += ap;
        pb += bp;
      }
      if (p < k) {
        const a = A[pa], c = A[pa + ai];
        const x0 = B[pb], x1 = B[pb + b1], x2 = B[pb + b2], x3 = B[pb + b3];
        s0 += a * x0;
        s1 += a * x1;
        s2 += a * x2;
        s3 += a * x3;
        t0 += c * x0;
        t1 += c * x1;
        t2 += c * x2;
        t3 += c * x3;
      }
      if (bias !== null) {
        const c0 = bias[j], c1 = bias[j + 1], c2 = bias[j + 2], c3 = bias[j + 3];
        s0 += c0;
        s1 += c1;
        s2 += c2;
        s3 += c3;
        t0 += c0;
        t1 += c1;
        t2 += c2;
        t3 += c3;
      }
      out[row + j] = s0;
      out[row + j + 1] = s1;
      out[row + j + 2] = s2;
      out[row + j + 3] = s3;
      out[row + n + j] = t0;
      out[row + n + j + 1] = t1;
      out[row + n + j + 2] = t2;
      out[row + n + j + 3] = t3;
    }
    for (; j + 2 <= n; j += 2) {
      let s0 = 0, s1 = 0, t0 = 0, t1 = 0, pa = i * ai, pb = j * bj;
      for (let p = 0; p < k; p++) {
        const a = A[pa], c = A[pa + ai], x0 = B[pb], x1 = B[pb + b1];
        s0 += a * x0;
        s1 += a * x1;
        t0 += c * x0;
        t1 += c * x1;
        pa += ap;
        pb += bp;
      }
      if (bias !== null) {
        s0 += bias[j];
        s1 += bias[j + 1];
        t0 += bias[j];
        t1 += bias[j + 1];
      }
      out[row + j] = s0;
      out[row + j + 1] = s1;
      out[row + n + j] = t0;
      out[row + n + j + 1] = t1;
    }
    if (j < n) {
      let s = 0, t = 0, pa = i * ai, pb = j * bj;
      for (let p = 0; p < k; p++) {
        const x = B[pb];
        s += A[pa] * x;
        t += A[pa + ai] * x;
        pa += ap;
        pb += bp;
      }
      out[row + j] = bias === null ? s : s + bias[j];
      out[row + n + j] = bias === null ? t : t + bias[j];
    }
  }
  if (i < m) {
    // The last row of an odd count: four columns at a time.
    const row = i * n;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, pa = i * ai, pb = j * bj;
      for (let p = 0; p < k; p++) {
        const a = A[pa];
        s0 += a * B[pb];
        s1 += a * B[pb + b1];
        s2 += a * B[pb + b2];
        s3 += a * B[pb + b3];
        pa += ap;
        pb += bp;
      }
      if (bias !== null) {
        s0 += bias[j];
        s1 += bias[j + 1];
        s2 += bias[j + 2];
        s3 += bias[j + 3];
      }
      out[row + j] = s0;
      out[row + j + 1] = s1;
      out[row + j + 2] = s2;
      out[row + j + 3] = s3;
    }
    for (; j < n; j++) {
      let s = 0, pa = i * ai, pb = j * bj;
      for (let p = 0; p < k; p++) {
        s += A[pa] * B[pb];
        pa += ap;
        pb += bp;
      }
      out[row + j] = bias === null ? s : s + bias[j];
    }
  }
  return out;
}

/** `A (m×k) @ B (k×n)`. */
export function mm(
  A: Float64Array,
  B: Float64Array,
  m: number,
  k: number,
  n: number,
  f32: boolean,
): Float64Array {
  if (!f32) return gemm64(A, k, 1, B, n, 1, m, k, n, null);
  const out = alloc(m * n);
  for (let i = 0; i < m; i++) {
    const row = i * n, arow = i * k;
    for (let p = 0; p < k; p++) {
      const a = A[arow + p], brow = p * n;
      for (let j = 0; j < n; j++) out[row + j] = Math.fround(out[row + j] + a * B[brow + j]);
    }
  }
  return out;
}

/** `A (m×k) @ Bᵀ` where B is n×k, plus `bias[j]` on column j when given (float64 only). */
export function mmNT(
  A: Float64Array,
  B: Float64Array,
  m: number,
  k: number,
  n: number,
  f32: boolean,
  bias: Float64Array | null = null,
): Float64Array {
  if (!f32) return gemm64(A, k, 1, B, 1, k, m, k, n, bias);
  const out = alloc(m * n);
  for (let i = 0; i < m; i++) {
    const arow = i * k;
    for (let j = 0; j < n; j++) {
      const brow = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s = Math.fround(s + A[arow + p] * B[brow + p]);
      out[i * n + j] = s;
    }
  }
  return out;
}

/** `Aᵀ @ B` where A is k×m and B is k×n. */
export function mmTN(
  A: Float64Array,
  B: Float64Array,
  m: number,
  k: number,
  n: number,
  f32: boolean,
): Float64Array {
  if (!f32) return gemm64(A, 1, m, B, n, 1, m, k, n, null);
  const out = alloc(m * n);
  for (let p = 0; p < k; p++) {
    const arow = p * m, brow = p * n;
    for (let i = 0; i < m; i++) {
      const a = A[arow + i], row = i * n;
      for (let j = 0; j < n; j++) out[row + j] = Math.fround(out[row + j] + a * B[brow + j]);
    }
  }
  return out;
}

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
  const X = x.data, Y = y.data;
  return fromOp(fn, mm(X, Y, m, k, n, f32), shape, dtype, [x, y], (g, needs) => [
    needs[0] ? mmNT(g, Y, m, n, k, f32) : null, // g (m×n) @ Yᵀ
    needs[1] ? mmTN(X, g, k, m, n, f32) : null, // Xᵀ @ g (m×n)
  ]);
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
  const shape = x.ndim === 2 ? [N, outF] : [outF];
  return fromOp(fn, out, shape, dtype, inputs, (g, needs) => {
    let gb: Float64Array | null = null;
    if (needs[2]) {
      gb = alloc(outF);
      for (let i = 0; i < N; i++) {
        const row = i * outF;
        if (f32) { for (let j = 0; j < outF; j++) gb[j] = Math.fround(gb[j] + g[row + j]); }
        else for (let j = 0; j < outF; j++) gb[j] += g[row + j];
      }
    }
    return [
      needs[0] ? mm(g, W, N, outF, inF, f32) : null, // g (N×out) @ W (out×in)
      needs[1] ? mmTN(g, X, outF, N, inF, f32) : null, // gᵀ @ x
      gb,
    ];
  });
}
