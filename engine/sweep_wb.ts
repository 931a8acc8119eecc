import { resolveAxis } from "./axis.ts";
import { lossGrid } from "./closed_form.ts";
import { dataStats } from "./stats.ts";
import type { Axis, Dataset } from "./types.ts";
import { checkInteger, checkOptions } from "./validate.ts";

/** Options of {@linkcode sweepWB}. */
export interface SweepWBOptions {
  /** Largest grid (b values × w values) allowed before anything is allocated (default 4,000,000). */
  maxCells?: number;
  /**
   * Where to write the surface instead of a new array: a Float64Array of exactly b × w
   * cells, returned as `mse`. Reusing one across calls spares an allocation per call.
   */
  out?: Float64Array;
}

/** Default options of {@linkcode sweepWB}. */
export const sweepWBDefaults = { maxCells: 4_000_000 } satisfies SweepWBOptions;

/** The MSE surface over a (w, b) grid. */
export interface SweepWBResult {
  /** The w axis (columns). */
  w: Float64Array;
  /** The b axis (rows). */
  b: Float64Array;
  /** Row-major, b on rows: `mse[i * w.length + j]` is the MSE at `(w[j], b[i])`. */
  mse: Float64Array;
  /** First minimum in row-major order; NaN never wins (index -1 and NaNs if all cells are NaN). */
  best: { index: number; w: number; b: number; mse: number };
}

/**
 * Evaluates the MSE of `y = w x + b` on every (w, b) pair of a grid in O(N + cells): the data
 * is reduced once to centred statistics, then each cell costs a few flops.
 *
 * The layout is numpy's `mse.reshape(len(b), len(w))` with b outer and w inner, matching
 * `np.meshgrid(w, b)`.
 *
 * @example
 * const axis = { start: 0, stop: 4.1, step: 0.1 };
 * const s = sweepWB({ x: [1, 2, 3], y: [4, 7, 10] }, axis, axis);
 * s.best; // { index: 440, w: 3, b: 1, mse: 0 } (row 10, column 30)
 *
 * @throws {TypeError|RangeError} bad data, an empty or non-finite axis, step 0, or a grid
 *   larger than `maxCells`.
 */
export function sweepWB(
  data: Dataset,
  w: Axis,
  b: Axis,
  options?: SweepWBOptions,
): SweepWBResult {
  const fn = "sweepWB";
  const opts = checkOptions(fn, options, ["maxCells", "out"]);
  const maxCells = opts.maxCells === undefined
    ? sweepWBDefaults.maxCells
    : checkInteger(fn, "maxCells", opts.maxCells, 1, Number.MAX_SAFE_INTEGER);
  const wAxis = resolveAxis(fn, "w", w), bAxis = resolveAxis(fn, "b", b);
  if (wAxis.length === 0) throw new RangeError(`${fn}: the w axis must not be empty`);
  if (bAxis.length === 0) throw new RangeError(`${fn}: the b axis must not be empty`);
  const cells = wAxis.length * bAxis.length;
  if (cells > maxCells) {
    throw new RangeError(
      `${fn}: grid of ${bAxis.length} b × ${wAxis.length} w = ${cells} cells exceeds ` +
        `maxCells ${maxCells} (raise it with { maxCells })`,
    );
  }
  const stats = dataStats(fn, data);
  const wValues = wAxis.values(), bValues = bAxis.values();
  if (opts.out !== undefined && !(opts.out instanceof Float64Array && opts.out.length === cells)) {
    throw new TypeError(
      `${fn}: out must be a Float64Array of ${cells} cells (${bAxis.length} b × ${wAxis.length} w)`,
    );
  }
  const out = opts.out ?? new Float64Array(cells);
  const index = lossGrid(stats, wValues, bValues, out);
  const best = index < 0 ? { index, w: NaN, b: NaN, mse: NaN } : {
    index,
    w: wValues[index % wValues.length],
    b: bValues[Math.floor(index / wValues.length)],
    mse: out[index],
  };
  return { w: wValues, b: bValues, mse: out, best };
}
