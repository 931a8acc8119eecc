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

const N = 256;
const SPLIT = 134217729; // 2^27 + 1, Dekker's splitter

/** [a·b rounded, its rounding error], exactly (no fused multiply-add in JavaScript). */
function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b), bl = b - bh;
  return [p, ((ah * bh - p) + ah * bl + al * bh) + al * bl];
}

function ddMul(a: [number, number], b: [number, number]): [number, number] {
  const [p, e] = twoProduct(a[0], b[0]);
  const lo = e + (a[0] * b[1] + a[1] * b[0]), hi = p + lo;
  return [hi, lo - (hi - p)];
}

function ddSqrt(a: [number, number]): [number, number] {
  const s = Math.sqrt(a[0]), [p, e] = twoProduct(s, s);
  const t = (((a[0] - p) - e) + a[1]) / (2 * s), hi = s + t;
  return [hi, t - (hi - s)];
}

/** 2^(i/256) as hi, lo pairs (interleaved), from repeated double-double square roots of 2. */
const TABLE = (() => {
  const roots: [number, number][] = []; // roots[j] = 2^(2^-(j+1))
  let root: [number, number] = [2, 0];
  for (let j = 0; j < 8; j++) roots.push(root = ddSqrt(root));
  const table = new Float64Array(2 * N);
  for (let i = 0; i < N; i++) {
    let v: [number, number] = [1, 0];
    for (let j = 0; j < 8; j++) if ((i >> (7 - j)) & 1) v = ddMul(v, roots[j]);
    table[2 * i] = v[0];
    table[2 * i + 1] = v[1];
  }
  return table;
})();

/** 2^e at index e + 1022, e in [−1022, 1023] (the rest of the 2048 entries unused). */
const POW2 = (() => {
  const pow2 = new Float64Array(2048);
  for (let e = -1022; e <= 1023; e++) pow2[e + 1022] = 2 ** e;
  return pow2;
})();

const INV_L = N / Math.LN2;
// ln2/256 = L_HI + L_LO, L_HI with 34 significant bits so that k·L_HI is exact for |k| < 2^19;
// ln 2 = Math.LN2 + 2.3190468138462996e-17 to double-double precision.
const L_HI = Math.round((Math.LN2 / N) * 2 ** 42) / 2 ** 42;
const L_LO = (Math.LN2 - L_HI * N) / N + 2.3190468138462996e-17 / N;
const SHIFT = 6755399441055744; // 1.5·2^52: (z + SHIFT) − SHIFT rounds z to an integer
const C3 = 1 / 6, C4 = 1 / 24, C5 = 1 / 120;
const E = 2 ** -59;

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
  const n = X.length, list = pendingList(n), T = TABLE, P = POW2;
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
  let firstNaN = -1;
  for (let b = 0; b < count; b++) {
    const j = list[b], v = X[j], e = Math.exp(-Math.abs(v));
    if (v !== v && firstNaN < 0) firstNaN = j;
    out[j] = (v >= 0 ? 1 : e) / (1 + e);
  }
  return firstNaN;
}
