import { resolveAxis } from "./axis.ts";
import { lossGrid } from "./closed_form.ts";
import { dataStats } from "./stats.ts";
import type { Axis, Dataset } from "./types.ts";
import { checkFinite, checkInteger, checkOptions } from "./validate.ts";

/** Options of {@linkcode sweepW}. */
export interface SweepWOptions {
  /** Largest number of w values allowed before anything is allocated (default 4,000,000). */
  maxCells?: number;
}

/** Default options of {@linkcode sweepW}. */
export const sweepWDefaults = { maxCells: 4_000_000 } satisfies SweepWOptions;

/** The loss curve over a w axis, for a fixed intercept b. */
export interface SweepWResult {
  /** The w axis. */
  w: Float64Array;
  /** `mse[j]` is the MSE at `w[j]`. */
  mse: Float64Array;
  /** First minimum; NaN never wins (index -1 and NaNs if all values are NaN). */
  best: { index: number; w: number; mse: number };
}

/**
 * Evaluates the MSE of `y = w x + b` for every w of an axis in O(N + cells).
 *
 * @example
 * const s = sweepW({ x: [1, 2, 3], y: [3, 6, 9] }, { start: 0, stop: 4.1, step: 0.1 });
 * s.w.length; // 41
 * s.mse[0]; // 42
 * s.best; // { index: 30, w: 3, mse: 0 }
 *
 * @param b intercept, 0 by default (the course's model y = x w).
 * @throws {TypeError|RangeError} bad data, an empty or non-finite axis, step 0, or more than
 *   `maxCells` values.
 */
export function sweepW(
  data: Dataset,
  w: Axis,
  b: number = 0,
  options?: SweepWOptions,
): SweepWResult {
  const fn = "sweepW";
  checkFinite(fn, "b", b);
  const opts = checkOptions(fn, options, ["maxCells"]);
  const maxCells = opts.maxCells === undefined
    ? sweepWDefaults.maxCells
    : checkInteger(fn, "maxCells", opts.maxCells, 1, Number.MAX_SAFE_INTEGER);
  const wAxis = resolveAxis(fn, "w", w);
  if (wAxis.length === 0) throw new RangeError(`${fn}: the w axis must not be empty`);
  if (wAxis.length > maxCells) {
    throw new RangeError(
      `${fn}: ${wAxis.length} w values exceed maxCells ${maxCells} (raise it with { maxCells })`,
    );
  }
  const stats = dataStats(fn, data);
  const wValues = wAxis.values();
  const out = new Float64Array(wValues.length);
  const index = lossGrid(stats, wValues, Float64Array.of(b), out);
  const best = index < 0
    ? { index, w: NaN, mse: NaN }
    : { index, w: wValues[index], mse: out[index] };
  return { w: wValues, mse: out, best };
}
