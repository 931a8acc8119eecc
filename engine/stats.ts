import type { Dataset } from "./types.ts";
import { checkData, type CheckedData, findNonFinite } from "./validate.ts";

/**
 * Centred sufficient statistics of a data set: everything the MSE surface needs.
 * Means are split in two parts (`cx + mdx`) so that they keep the bits a single double loses
 * when x sits far from 0.
 */
export interface Stats {
  n: number;
  /** Mean of x is `cx + mdx`: `cx` the rounded mean, `mdx` the mean of `x - cx`. */
  cx: number;
  mdx: number;
  /** Mean of y is `cy + mdy`. */
  cy: number;
  mdy: number;
  /** Variance of x: Sxx / n, with Sxx the sum of squared deviations from the mean. */
  vx: number;
  /** Least-squares slope Sxy / Sxx (0 when all x are equal). */
  slope: number;
  /** Mean squared residual about the least-squares line (Syy / n when all x are equal). */
  rss: number;
}

// Plain sums over blocks this long, compensated (Neumaier) across blocks: the error stays
// near BLOCK * eps relative while the hot loops remain one add per term.
const BLOCK = 256;

const LABELS: Record<keyof Stats, string> = {
  n: "count",
  cx: "mean of x",
  mdx: "mean of x",
  cy: "mean of y",
  mdy: "mean of y",
  vx: "variance of x",
  slope: "least-squares slope",
  rss: "residual variance",
};

class Total {
  sum = 0;
  carry = 0;
  add(v: number): void {
    const t = this.sum + v;
    this.carry += Math.abs(this.sum) >= Math.abs(v) ? (this.sum - t) + v : (v - t) + this.sum;
    this.sum = t;
  }
  get value(): number {
    return this.sum + this.carry;
  }
}

/** Validates `data` and reduces it to {@linkcode Stats}. */
export function dataStats(fn: string, data: Dataset): Stats {
  return reduceStats(fn, checkData(fn, data, false));
}

/**
 * Reduces data in two O(N) passes (means, centred moments), plus a third (residuals about
 * the fitted line) only when the fit is so good that the closed form would lose digits.
 * Typed arrays need not be checked for NaN or ±Infinity beforehand: the sums reveal them.
 */
export function reduceStats(fn: string, data: CheckedData): Stats {
  // One element type in the hot loops, whatever callers pass: a loop that has seen plain
  // arrays and typed arrays runs about twice as slow as one that has seen only Float64Array.
  const x = asFloat64(data.x), y = asFloat64(data.y), n = data.n;
  const sx = new Total(), sy = new Total();
  for (let lo = 0; lo < n; lo += BLOCK) {
    const hi = Math.min(n, lo + BLOCK);
    let bx = 0, by = 0;
    for (let i = lo; i < hi; i++) {
      bx += x[i];
      by += y[i];
    }
    sx.add(bx);
    sy.add(by);
  }
  const cx = sx.value / n, cy = sy.value / n;
  if (!Number.isFinite(cx + cy)) {
    findNonFinite(fn, "x", x);
    findNonFinite(fn, "y", y);
  }

  const s1x = new Total(), s1y = new Total();
  const sxx = new Total(), sxy = new Total(), syy = new Total();
  for (let lo = 0; lo < n; lo += BLOCK) {
    const hi = Math.min(n, lo + BLOCK);
    let bx = 0, by = 0, bxx = 0, bxy = 0, byy = 0;
    for (let i = lo; i < hi; i++) {
      const dx = x[i] - cx, dy = y[i] - cy;
      bx += dx;
      by += dy;
      bxx += dx * dx;
      bxy += dx * dy;
      byy += dy * dy;
    }
    s1x.add(bx);
    s1y.add(by);
    sxx.add(bxx);
    sxy.add(bxy);
    syy.add(byy);
  }
  const mdx = s1x.value / n, mdy = s1y.value / n;
  // Corrected two-pass: subtracting n * md^2 removes the rounding left in cx and cy.
  const Sxx = Math.max(0, sxx.value - n * mdx * mdx);
  const Sxy = sxy.value - n * mdx * mdy;
  const slope = Sxx > 0 ? Sxy / Sxx : 0;

  const Syy = Math.max(0, syy.value - n * mdy * mdy);
  const rss = Sxx > 0 ? residualVariance(x, y, n, cx, cy, slope, Syy, Sxy) : Syy / n;

  const stats = { n, cx, mdx, cy, mdy, vx: Sxx / n, slope, rss };
  for (const key of Object.keys(stats) as (keyof Stats)[]) {
    if (!Number.isFinite(stats[key])) {
      throw new RangeError(`${fn}: data too large for float64: the ${LABELS[key]} overflows`);
    }
  }
  return stats;
}

/** `v` itself if it is a Float64Array, else a Float64Array copy of it. */
function asFloat64(v: ArrayLike<number>): Float64Array {
  return v instanceof Float64Array ? v : Float64Array.from(v);
}

// Below this share of Syy, Syy - Sxy^2 / Sxx has lost more than ~3 of its ~16 digits.
const CANCELLATION = 1e-3;

function residualVariance(
  x: Float64Array,
  y: Float64Array,
  n: number,
  cx: number,
  cy: number,
  slope: number,
  Syy: number,
  Sxy: number,
): number {
  const closed = Syy - slope * Sxy;
  if (closed >= CANCELLATION * Syy) return closed / n;
  // A near-perfect fit: sum the residuals about the fitted line directly instead.
  const se = new Total(), see = new Total();
  for (let lo = 0; lo < n; lo += BLOCK) {
    const hi = Math.min(n, lo + BLOCK);
    let be = 0, bee = 0;
    for (let i = lo; i < hi; i++) {
      const e = (y[i] - cy) - slope * (x[i] - cx);
      be += e;
      bee += e * e;
    }
    se.add(be);
    see.add(bee);
  }
  const me = se.value / n;
  return Math.max(0, see.value / n - me * me);
}
