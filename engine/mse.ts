import { lossAt } from "./closed_form.ts";
import { dataStats } from "./stats.ts";
import type { Dataset } from "./types.ts";
import { checkFinite } from "./validate.ts";

/**
 * Mean squared error of the line `y = w x + b` over the data: mean((w x + b - y)^2).
 *
 * Computed from centred statistics, accurate to ~1e-15 relative even when x sits far from 0,
 * and bit-identical to the cells of {@linkcode sweepW} and {@linkcode sweepWB}.
 *
 * @example
 * mse({ x: [1, 2, 3], y: [3, 6, 9] }, 0); // 42
 *
 * @param b intercept, 0 by default (the course's model y = x w).
 * @throws {TypeError|RangeError} malformed, empty, non-finite or mismatched data.
 */
export function mse(data: Dataset, w: number, b: number = 0): number {
  const fn = "mse";
  checkFinite(fn, "w", w);
  checkFinite(fn, "b", b);
  return lossAt(dataStats(fn, data), w, b);
}
