import { alloc } from "./alloc.ts";
import { gemmSimd, simd } from "./wasm/simd.ts";

// Matrix kernels on row-major data. Every output element sums its products in order of the
// inner index, starting from 0; float32 rounds after each multiply-add, like a float32 dot
// product. In float64 the sums of a tile of neighbouring outputs run side by side in
// registers (the same additions in the same order, so the same bits), which is what makes the
// course's 759 × 8 batches fast: the plain loops stored and reloaded every partial sum.

/**
 * Products of at least this many multiply-adds (and more than one column) go to the
 * WebAssembly SIMD tiles (wasm/), when they are available: two columns per instruction, each
 * column's sums in the same order as below, so the same bits. Below it, a call and the copies
 * in and out cost more than they save.
 */
const SIMD_MIN = 256;

/**
 * `out[i·n + j] = Σ_p A[i·ai + p·ap] · B[p·bp + j·bj]` (+ `bias[j]` after the sum), float64,
 * p ascending: one strided kernel for `A @ B`, `A @ Bᵀ` and `Aᵀ @ B`. Tiles of two rows by
 * four columns (three when that divides the columns and four does not, as for the course's
 * 6-unit layer), a column at a time for a single output column, an outer product when the
 * inner size is 1.
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
  const out = alloc(m * n, false);
  if (n === 1) return column(A, ai, ap, B, bp, m, k, bias, out);
  if (simd.enabled && m * k * n >= SIMD_MIN) {
    return gemmSimd(A, ai, ap, B, bp, bj, m, k, n, bias, out);
  }
  if (k === 1) return outer(A, ai, B, bj, m, n, bias, out);
  const b1 = bj, b2 = 2 * bj, b3 = 3 * bj;
  const four = n % 4 === 0 || n % 3 !== 0 ? n - (n % 4) : 0;
  let i = 0;
  for (; i + 2 <= m; i += 2) {
    const row = i * n;
    let j = 0;
    // Two rows by four columns: eight sums in registers, six loads for eight products.
    for (; j < four; j += 4) {
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
    // Two rows by three columns where four do not fit: no two-column leftover.
    for (; j + 3 <= n; j += 3) {
      let s0 = 0, s1 = 0, s2 = 0, t0 = 0, t1 = 0, t2 = 0, pa = i * ai, pb = j * bj;
      for (let p = 0; p < k; p++) {
        const a = A[pa], c = A[pa + ai], x0 = B[pb], x1 = B[pb + b1], x2 = B[pb + b2];
        s0 += a * x0;
        s1 += a * x1;
        s2 += a * x2;
        t0 += c * x0;
        t1 += c * x1;
        t2 += c * x2;
        pa += ap;
        pb += bp;
      }
      if (bias !== null) {
        const c0 = bias[j], c1 = bias[j + 1], c2 = bias[j + 2];
        s0 += c0;
        s1 += c1;
        s2 += c2;
        t0 += c0;
        t1 += c1;
        t2 += c2;
      }
      out[row + j] = s0;
      out[row + j + 1] = s1;
      out[row + j + 2] = s2;
      out[row + n + j] = t0;
      out[row + n + j + 1] = t1;
      out[row + n + j + 2] = t2;
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

/** gemm64 with one output column (n = 1): four rows at a time, each its own dot product. */
function column(
  A: Float64Array,
  ai: number,
  ap: number,
  B: Float64Array,
  bp: number,
  m: number,
  k: number,
  bias: Float64Array | null,
  out: Float64Array,
): Float64Array {
  const a2 = 2 * ai, a3 = 3 * ai;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, pa = i * ai, pb = 0;
    for (let p = 0; p < k; p++) {
      const x = B[pb];
      s0 += A[pa] * x;
      s1 += A[pa + ai] * x;
      s2 += A[pa + a2] * x;
      s3 += A[pa + a3] * x;
      pa += ap;
      pb += bp;
    }
    if (bias !== null) {
      const c = bias[0];
      s0 += c;
      s1 += c;
      s2 += c;
      s3 += c;
    }
    out[i] = s0;
    out[i + 1] = s1;
    out[i + 2] = s2;
    out[i + 3] = s3;
  }
  for (; i < m; i++) {
    let s = 0, pa = i * ai, pb = 0;
    for (let p = 0; p < k; p++) {
      s += A[pa] * B[pb];
      pa += ap;
      pb += bp;
    }
    out[i] = bias === null ? s : s + bias[0];
  }
  return out;
}

/**
 * gemm64 with inner size 1: `out[i·n + j] = 0 + A[i·ai] · B[j·bj]` (+ `bias[j]`), two columns
 * at a time. The `0 +` is the sum's start: it turns a product of −0 into +0, as the general
 * loop does.
 */
function outer(
  A: Float64Array,
  ai: number,
  B: Float64Array,
  bj: number,
  m: number,
  n: number,
  bias: Float64Array | null,
  out: Float64Array,
): Float64Array {
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const x0 = B[j * bj], x1 = B[(j + 1) * bj];
    let o = j, pa = 0;
    if (bias === null) {
      for (let i = 0; i < m; i++, o += n, pa += ai) {
        const a = A[pa];
        out[o] = 0 + a * x0;
        out[o + 1] = 0 + a * x1;
      }
    } else {
      const c0 = bias[j], c1 = bias[j + 1];
      for (let i = 0; i < m; i++, o += n, pa += ai) {
        const a = A[pa];
        out[o] = (0 + a * x0) + c0;
        out[o + 1] = (0 + a * x1) + c1;
      }
    }
  }
  if (j < n) {
    const x = B[j * bj], c = bias === null ? 0 : bias[j];
    for (let i = 0, o = j, pa = 0; i < m; i++, o += n, pa += ai) {
      out[o] = bias === null ? 0 + A[pa] * x : (0 + A[pa] * x) + c;
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
