import { TABLE } from "../exp_table.ts";
import { kernelModule, TABLE_BYTES, TILE_VECTORS } from "./kernels.ts";

// The WebAssembly SIMD kernels (kernels.ts) behind gemm.ts's, exp_array.ts's and
// unary_ops.ts's entry points.
// The module is built and compiled synchronously at import time. Where that fails (no
// WebAssembly or no SIMD: the JS loops stay in use; a browser's main thread that refuses to
// compile a module over 4 KB synchronously, as Chromium long did: the JS loops until an
// asynchronous compile is done) the results do not change: both paths give the same bits,
// only the time differs.
//
// Operands are copied into the module's memory and results out of it (a copy costs about a
// tenth of a nanosecond per number, against a few per multiply-add or sigmoid). Memory holds
// expArray's table, then the operands of the current call; it grows to the largest call's
// size and stays there, and no view of it is handed out, so growing it detaches nothing.

type Tile = (
  A: number,
  ai: number,
  ap: number,
  B: number,
  bp: number,
  out: number,
  on: number,
  m: number,
  j: number,
  k: number,
  bias: number,
) => number;

type Kernels = {
  memory: WebAssembly.Memory;
  /** tiles[rows − 1][vectors − 1] */
  tiles: Tile[][];
  sigmoid: (X: number, out: number, pairs: number, list: number) => number;
  sigmoidGrad: (G: number, Y: number, out: number, pairs: number) => void;
};

let kernels: Kernels | null = null;
let heap = new Float64Array(0), heap32 = new Int32Array(0);

/** Whether the SIMD kernels run: `available` once compiled; tests clear `enabled` to compare. */
export const simd = { available: false, enabled: false };

function install(instance: WebAssembly.Instance): void {
  const exports = instance.exports as Record<string, unknown>;
  const tile = (rows: number, v: number) => exports[`gemm${rows}x${v}`] as Tile;
  kernels = {
    memory: exports.memory as WebAssembly.Memory,
    tiles: [1, 2].map((rows) => TILE_VECTORS.map((v) => tile(rows, v))),
    sigmoid: exports.sigmoid as Kernels["sigmoid"],
    sigmoidGrad: exports.sigmoidGrad as Kernels["sigmoidGrad"],
  };
  view();
  heap.set(TABLE, 0);
  simd.available = simd.enabled = true;
}

function view(): void {
  heap = new Float64Array(kernels!.memory.buffer);
  heap32 = new Int32Array(kernels!.memory.buffer);
}

try {
  const bytes = kernelModule();
  if (typeof WebAssembly === "object" && WebAssembly.validate(bytes)) {
    try {
      install(new WebAssembly.Instance(new WebAssembly.Module(bytes)));
    } catch {
      // Refused on this thread: compile and instantiate asynchronously (a synchronous
      // instance of an asynchronously compiled module may be refused as well).
      WebAssembly.instantiate(bytes).then(({ instance }) => install(instance)).catch(() => {});
    }
  }
} catch {
  // No WebAssembly here: the JS kernels it is.
}

/** Makes memory hold at least `doubles` numbers. */
function reserve(doubles: number): void {
  const bytes = doubles * 8, memory = kernels!.memory;
  if (bytes > memory.buffer.byteLength) {
    memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
    view();
  }
}

const FIRST = TABLE_BYTES / 8; // the first double after the table

/**
 * Column panels, in pairs of columns, for `pairs` pairs: fours, then what is left (threes
 * where three divides and four does not, as for a 6-unit layer).
 */
function panels(pairs: number): number[] {
  const width = pairs % 4 !== 0 && pairs % 3 === 0 ? 3 : 4, out: number[] = [];
  for (; pairs >= width; pairs -= width) out.push(width);
  if (pairs > 0) out.push(pairs);
  return out;
}

/**
 * gemm.ts's `out[i·n + j] = Σ_p A[i·ai + p·ap] · B[p·bp + j·bj]` (+ `bias[j]`), p ascending,
 * into `out`, with the SIMD tiles: B is copied in as k rows of n columns (transposed if need
 * be, one zero column added when n is odd), A as it is. Returns true when the tiles found no
 * NaN among the sums, false when they may have (one can be in the added column only).
 */
export function gemmSimd(
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
  out: Float64Array,
): boolean {
  const n2 = n + (n & 1), a = FIRST, b = a + A.length + (A.length & 1), c = b + k * n2;
  const o = c + n2;
  reserve(o + m * n2);
  const H = heap, { tiles } = kernels!;
  H.set(A, a);
  if (bj === 1 && bp === n2) H.set(B.subarray(0, k * n), b);
  else {
    for (let p = 0, row = b; p < k; p++, row += n2) {
      for (let j = 0; j < n; j++) H[row + j] = B[p * bp + j * bj];
      if (n2 > n) H[row + n] = 0;
    }
  }
  if (bias !== null) {
    H.set(bias.subarray(0, n), c);
    if (n2 > n) H[c + n] = 0;
  }
  const even = m - (m & 1), biasAt = bias === null ? 0 : 8 * c;
  let j = 0, nan = 0;
  for (const v of panels(n2 >> 1)) {
    // Two rows at a time, then the last row of an odd count.
    const pair = tiles[1][v - 1], one = tiles[0][v - 1];
    if (even > 0) {
      nan |= pair(8 * a, 8 * ai, 8 * ap, 8 * b, 8 * n2, 8 * o, 8 * n2, even, 8 * j, k, biasAt);
    }
    if (even < m) {
      const last = 8 * (a + even * ai), lastOut = 8 * (o + even * n2);
      nan |= one(last, 8 * ai, 8 * ap, 8 * b, 8 * n2, lastOut, 8 * n2, 1, 8 * j, k, biasAt);
    }
    j += 2 * v;
  }
  if (n2 === n) out.set(H.subarray(o, o + m * n));
  else {
    for (let i = 0; i < m; i++) {
      for (let jj = 0; jj < n; jj++) out[i * n + jj] = H[o + i * n2 + jj];
    }
  }
  return nan === 0;
}

/**
 * exp_array.ts's sigmoid loop with the SIMD kernel: writes `out`, puts the positions whose
 * e^−|x| Math.exp must give (and the NaNs) in `list`, and returns how many there are.
 */
export function sigmoidSimd(X: Float64Array, out: Float64Array, list: Int32Array): number {
  const n = X.length, pairs = (n + 1) >> 1, x = FIRST, o = x + 2 * pairs, l = o + 2 * pairs;
  reserve(l + pairs);
  const H = heap;
  H.set(X, x);
  if (n & 1) H[x + n] = 0; // the odd element's partner: computed, never read
  const listed = kernels!.sigmoid(8 * x, 8 * o, pairs, 8 * l);
  out.set(H.subarray(o, o + n));
  let count = 0;
  for (let b = 0, at = 2 * l; b < listed; b++) {
    const j = heap32[at + b];
    if (j < n) list[count++] = j;
  }
  return count;
}

/**
 * unary_ops.ts's float64 sigmoid gradient `out[i] = G[i]·(1 − Y[i])·Y[i]` with the SIMD
 * kernel. An odd length's last pair has a partner lane whose result is never read.
 */
export function sigmoidGradSimd(G: Float64Array, Y: Float64Array, out: Float64Array): void {
  const n = G.length, pairs = (n + 1) >> 1, g = FIRST, y = g + 2 * pairs, o = y + 2 * pairs;
  reserve(o + 2 * pairs);
  const H = heap;
  H.set(G, g);
  H.set(Y, y);
  kernels!.sigmoidGrad(8 * g, 8 * y, 8 * o, pairs);
  out.set(H.subarray(o, o + n));
}
