import type { Stats } from "./stats.ts";

// The MSE of the line y = w x + b over the data, from centred statistics:
//
//   MSE(w, b) = vx (w - slope)^2 + rss + r^2,   r = w mean(x) + b - mean(y)
//
// Every term is non-negative, so nothing cancels near the minimum. r is the only place where
// large numbers meet (w mean(x) can be ~1e6 while r is ~1e-3): it is carried in two parts,
// r = (p + h) + (q + l), with p + q = w mean(x) and h + l = b - mean(y) to twice double
// precision, so that p + h, where the big parts cancel, is exact.
//
// lossAt and lossGrid share the helpers below and write the cell expression identically, so
// mse(), sweepW() and sweepWB() return the same bits for the same (w, b).

const SPLIT = 134217729; // 2^27 + 1, Dekker's splitter

/** Rounding error of the product a * b, given p = fl(a * b). */
function productError(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b), bl = b - bh;
  const e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  return Number.isFinite(e) ? e : 0; // the splitter overflows above ~1e300
}

/** Rounding error of the sum a + b, given s = fl(a + b). */
function sumError(a: number, b: number, s: number): number {
  const bb = s - a;
  return (a - (s - bb)) + (b - bb);
}

function wTermA(s: Stats, w: number): number {
  const d = w - s.slope;
  return s.vx * d * d + s.rss;
}
function wTermP(s: Stats, w: number): number {
  return w * s.cx;
}
function wTermQ(s: Stats, w: number, p: number): number {
  return productError(w, s.cx, p) + w * s.mdx;
}
function bTermH(s: Stats, b: number): number {
  return b - s.cy;
}
function bTermL(s: Stats, b: number, h: number): number {
  return sumError(b, -s.cy, h) - s.mdy;
}

/** Mean residual `r = mean(w x + b - y)` of the line `w x + b`, in O(1). */
export function meanResidual(s: Stats, w: number, b: number): number {
  const p = wTermP(s, w), q = wTermQ(s, w, p);
  const h = bTermH(s, b), l = bTermL(s, b, h);
  return (p + h) + (q + l);
}

/** MSE of the line `w x + b` over the data that `s` summarises, in O(1). */
export function lossAt(s: Stats, w: number, b: number): number {
  const r = meanResidual(s, w, b);
  return wTermA(s, w) + r * r;
}

/**
 * Fills `out[i * w.length + j] = MSE(w[j], b[i])` (b on rows, w on columns) and returns the
 * index of the first minimum in that row-major order: NaN never wins; -1 if every cell is NaN.
 */
export function lossGrid(s: Stats, w: Float64Array, b: Float64Array, out: Float64Array): number {
  const nw = w.length, nb = b.length;
  const A = new Float64Array(nw), P = new Float64Array(nw), Q = new Float64Array(nw);
  for (let j = 0; j < nw; j++) {
    A[j] = wTermA(s, w[j]);
    P[j] = wTermP(s, w[j]);
    Q[j] = wTermQ(s, w[j], P[j]);
  }
  let best = -1, bestValue = Infinity;
  for (let i = 0, k = 0; i < nb; i++) {
    const h = bTermH(s, b[i]), l = bTermL(s, b[i], h);
    for (let j = 0; j < nw; j++, k++) {
      const r = (P[j] + h) + (Q[j] + l);
      const v = A[j] + r * r;
      out[k] = v;
      if (v < bestValue) {
        bestValue = v;
        best = k;
      }
    }
  }
  // Only cells equal to +Infinity (or NaN) can leave best unset.
  if (best < 0) best = out.findIndex((v) => v === Infinity);
  return best;
}
