import { alloc } from "./alloc.ts";
import { column, outer, tiles } from "./gemm_loops.ts";
import { gemmSimd, simd } from "./wasm/simd.ts";

// Matrix kernels on row-major data. Every output element sums its products in order of the
// inner index, starting from 0; float32 rounds after each multiply-add, like a float32 dot
// product. Float64 products run as WebAssembly SIMD tiles where available (wasm/), else as
// JavaScript loops (gemm_loops.ts): both keep a tile of sums in registers, each sum with the
// same additions in the same order, so both give the same bits.

/**
 * Products of at least this many multiply-adds (and more than one column) go to the
 * WebAssembly SIMD tiles, when they are available: two columns per instruction. Below it, a
 * call and the copies in and out cost more than they save.
 */
const SIMD_MIN = 256;

/**
 * The last float64 product in which the SIMD tiles found no NaN (they test each sum as they
 * store it), until {@linkcode firstNaN} asks about it or the next product is made.
 */
let noNaN: Float64Array | null = null;

/**
 * The flat index of the first NaN in `out`, a product mm/mmNT/mmTN has just returned, or −1:
 * what `fromOp` would find, without the scan when the SIMD tiles made `out` and found none.
 */
export function firstNaN(out: Float64Array): number {
  const known = out === noNaN;
  noNaN = null;
  if (!known) { for (let i = 0; i < out.length; i++) if (out[i] !== out[i]) return i; }
  return -1;
}

/**
 * `out[i·n + j] = Σ_p A[i·ai + p·ap] · B[p·bp + j·bj]` (+ `bias[j]` after the sum), float64,
 * p ascending: one strided kernel for `A @ B`, `A @ Bᵀ` and `Aᵀ @ B`. A column at a time for a
 * single output column, an outer product for an inner size of 1, else tiles (SIMD or JS).
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
  noNaN = null;
  if (n === 1) return column(A, ai, ap, B, bp, m, k, bias, out);
  if (simd.enabled && m * k * n >= SIMD_MIN) {
    if (gemmSimd(A, ai, ap, B, bp, bj, m, k, n, bias, out)) noNaN = out;
    return out;
  }
  if (k === 1) return outer(A, ai, B, bj, m, n, bias, out);
  return tiles(A, ai, ap, B, bp, bj, m, k, n, bias, out);
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
