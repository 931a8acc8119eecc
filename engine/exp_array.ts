import { C3, C4, C5, E, INV_L, L_HI, L_LO, N, POW2, SHIFT, TABLE } from "./exp_table.ts";
import { sigmoidSimd, simd } from "./wasm/simd.ts";
// e^x for a whole array, correctly rounded, so every element is the very double V8's Math.exp
// (a correctly rounded exp) returns, at about half its cost: Math.exp is a call into C per
// element, this is a dozen multiply-adds the loop keeps inline.
//
// x = k·ln2/256 + r with |r| <= ln2/512, e^x = 2^(k >> 8) · 2^((k & 255)/256) · e^r, where
// 2^(i/256) comes from a table of double-double pairs and e^r − 1 from a degree-5 polynomial.
// The sum th + c below is then within 4.1·2^-62 of e^x / 2^(k >> 8) (which lies in
// [0.99, 2.01]): r is off by at most 2^-63 (k·ln2/256 is exact to 2^-79) and p by 2^-63 + 2^-66
// (its rounding and the polynomial's truncation), both scaled by th < 2, and th·p and c are
// rounded once each, 2^-62 apiece. If th + c ± E, E = 2^-59 (that bound plus 2^-62 for the
// rounding of c ± E itself, with room to spare), round to the same double, so does
// e^x: that double is the correctly rounded result. About one element in sixty lands too
// near a rounding boundary to tell; those, and |x| beyond the range where the scaling by
// 2^(k >> 8) is exact, are handed to Math.exp after the loop.

/** Arrays at least this long go to the WebAssembly SIMD kernel when it is available. */
const SIMD_MIN = 16;

/** Positions handed to Math.exp; grows as needed, shared (a kernel never re-enters). */
let pending = new Int32Array(256);

function pendingList(n: number): Int32Array {
  if (pending.length < n) pending = new Int32Array(Math.max(n, 2 * pending.length));
  return pending;
}

/** `out[i] = e^X[i]`, correctly rounded, for i < X.length; NaN stays NaN. `out` must not be `X`. */
export function expArray(X: Float64Array, out: Float64Array): Float64Array {
  const n = X.length, list = pendingList(n), T = TABLE, P = POW2;
  let count = 0;
  for (let j = 0; j < n; j++) {
    const x = X[j];
    const kd = (x * INV_L + SHIFT) - SHIFT;
    const k = kd | 0, i = (k & (N - 1)) << 1;
    const r = (x - kd * L_HI) - kd * L_LO;
    const p = r + r * r * (0.5 + r * (C3 + r * (C4 + r * C5)));
    const th = T[i], c = th * p + T[i + 1];
    const hi = th + (c + E), lo = th + (c - E);
    // NaN fails both tests; beyond ±708 the scaling below would not be exact.
    if (hi !== lo || !(x > -708 && x < 708)) list[count++] = j;
    out[j] = hi * P[((k >> 8) + 1022) & 2047];
  }
  for (let b = 0; b < count; b++) {
    const j = list[b];
    out[j] = Math.exp(X[j]);
  }
  return out;
}

/**
 * `out[i] = 1 / (1 + e^−X[i])` for i < X.length, as the stable sigmoid computes it from the one
 * exponential e = e^−|x| (correctly rounded): 1 / (1 + e) for x >= 0, e / (1 + e) below, so no
 * exponential overflows. Returns the index of the first NaN of X (whose result is NaN), or −1.
 * `out` must not be `X`.
 */
export function sigmoidArray(X: Float64Array, out: Float64Array): number {
  const list = pendingList(X.length);
  const count = simd.enabled && X.length >= SIMD_MIN
    ? sigmoidSimd(X, out, list)
    : sigmoidLoop(X, out, list);
  let firstNaN = -1;
  for (let b = 0; b < count; b++) {
    const j = list[b], v = X[j], e = Math.exp(-Math.abs(v));
    if (v !== v && firstNaN < 0) firstNaN = j;
    out[j] = (v >= 0 ? 1 : e) / (1 + e);
  }
  return firstNaN;
}

/**
 * sigmoidArray's main loop in JavaScript: writes `out`, lists in `list` the positions left to
 * Math.exp and returns how many. The SIMD twin (wasm/kernels.ts) does the same operations two
 * elements at a time; the JS loop remains where WebAssembly SIMD is not available, and for
 * arrays too short for a call into WebAssembly to pay.
 */
function sigmoidLoop(X: Float64Array, out: Float64Array, list: Int32Array): number {
  const n = X.length, T = TABLE, P = POW2;
  let count = 0;
  // expArray's steps for x = −|v|, written out again: V8 does not inline them from a helper
  // as well (the loop runs about 15% slower).
  for (let j = 0; j < n; j++) {
    const v = X[j], x = -Math.abs(v);
    const kd = (x * INV_L + SHIFT) - SHIFT;
    const k = kd | 0, i = (k & (N - 1)) << 1;
    const r = (x - kd * L_HI) - kd * L_LO;
    const p = r + r * r * (0.5 + r * (C3 + r * (C4 + r * C5)));
    const th = T[i], c = th * p + T[i + 1];
    const hi = th + (c + E), lo = th + (c - E);
    if (hi !== lo || !(x > -708)) list[count++] = j;
    const e = hi * P[((k >> 8) + 1022) & 2047];
    out[j] = (v >= 0 ? 1 : e) / (1 + e);
  }
  return count;
}
