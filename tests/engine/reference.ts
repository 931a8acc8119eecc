// Test-only references: a seeded generator and a compensated direct MSE, written without
// any of the engine's code so that the engine is checked against something independent.
import type { Dataset } from "../../engine/mod.ts";

/** Seeded uniform [0, 1) generator (mulberry32): tests see the same numbers on every run. */
export function uniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function twoSum(a: number, b: number): [number, number] {
  const s = a + b, bb = s - a;
  return [s, (a - (s - bb)) + (b - bb)];
}

function split(a: number): [number, number] {
  const t = 134217729 * a, hi = t - (t - a);
  return [hi, a - hi];
}

function twoProduct(a: number, b: number): [number, number] {
  const p = a * b, [ah, al] = split(a), [bh, bl] = split(b);
  return [p, ((ah * bh - p) + ah * bl + al * bh) + al * bl];
}

/**
 * mean((w x + b - y)^2) summed point by point: each residual is formed without rounding
 * error (error-free products and sums), squared and accumulated in double-double
 * (Neumaier-style compensation), so the result is correct to far below 1e-15 relative.
 */
export function directMse(data: Dataset, w: number, b: number): number {
  const { x, y } = data;
  let sum = 0, carry = 0;
  for (let i = 0; i < x.length; i++) {
    const [p, pe] = twoProduct(w, x[i]);
    const [s, se] = twoSum(p, b);
    const [t, te] = twoSum(s, -y[i]);
    const [rh, rl] = twoSum(t, pe + se + te);
    const [q, qe] = twoProduct(rh, rh);
    const [u, ue] = twoSum(sum, q);
    sum = u;
    carry += ue + qe + 2 * rh * rl;
  }
  return (sum + carry) / x.length;
}

/** The accuracy contract: relative error <= 1e-9, or absolute <= 1e-12 near zero. */
export function assertClose(actual: number, expected: number, what: string): void {
  const error = Math.abs(actual - expected);
  if (!(error <= Math.max(1e-9 * Math.abs(expected), 1e-12))) {
    throw new Error(
      `${what}: got ${actual}, expected ${expected} (relative error ${error / expected})`,
    );
  }
}

/** Random data sets covering x near 0 and far from it, noisy and exact lines, n from 1. */
export function randomDatasets(seed: number, count: number): { name: string; data: Dataset }[] {
  const random = uniform(seed);
  const pick = <T>(values: T[]) => values[Math.floor(random() * values.length)];
  const sets = [];
  for (let k = 0; k < count; k++) {
    const n = 1 + Math.floor(random() * 40);
    const centre = pick([0, 1, -3, 1e3, 1e6, -1e6, 1e8]);
    const spread = pick([1e-3, 1, 5]);
    const slope = pick([0, 1e-6, 3, -2.5 + random()]);
    const noise = pick([0, 1e-6, 1]);
    const orderOne = random() < 0.3;
    const x = new Float64Array(n), y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = centre + spread * (2 * random() - 1);
      y[i] = orderOne ? 2 * random() - 1 : 1 + slope * x[i] + noise * (2 * random() - 1);
    }
    const name = `#${k}: n ${n}, x ≈ ${centre} ± ${spread}, ` +
      (orderOne ? "y of order 1" : `y = 1 + ${slope} x ± ${noise}`);
    sets.push({ name, data: { x, y } });
  }
  return sets;
}

/** Candidate (w, b) pairs: the rough least-squares fit, tiny and large offsets from it. */
export function probePoints(data: Dataset, seed: number): { w: number[]; b: number[] } {
  const random = uniform(seed);
  const { x, y } = data, n = x.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] / n;
    my += y[i] / n;
  }
  let sxx = 0, sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  const wFit = sxx > 0 ? sxy / sxx : 0;
  const w = [0, wFit, wFit + 1e-9, wFit - 1e-4, wFit + 2 * random() - 1, 3];
  const b = w.map((wj) => my - wj * mx);
  b.push(b[1] + 1e-6, b[1] - 0.5, 0, 1);
  return { w, b };
}
