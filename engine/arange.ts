import { arangeLength } from "./arange_length.ts";
import { checkFinite, checkInteger, checkOptions } from "./validate.ts";

/** Options of {@linkcode arange}. */
export interface ArangeOptions {
  /** Largest length allowed before anything is allocated (default 10,000,000). */
  maxLength?: number;
}

/** Default options of {@linkcode arange}. */
export const arangeDefaults = { maxLength: 10_000_000 } satisfies ArangeOptions;

/**
 * Evenly spaced values in `[start, stop)`, bit for bit as numpy's `np.arange` with float64.
 *
 * numpy stores `start`, then `start + step`, then fills value `i >= 2` as `start + i * delta`
 * with `delta = (start + step) - start`, which is not always `step`.
 *
 * @example
 * arange(1, 1.3, 0.1); // Float64Array [1, 1.1, 1.2000000000000002, 1.3000000000000003]
 * arange(0, 4.1, 0.1).length; // 41
 *
 * @throws {RangeError} non-finite arguments, `step` 0, or a length above `maxLength`.
 */
export function arange(
  start: number,
  stop: number,
  step: number,
  options?: ArangeOptions,
): Float64Array {
  const fn = "arange";
  checkFinite(fn, "start", start);
  checkFinite(fn, "stop", stop);
  checkFinite(fn, "step", step);
  if (step === 0) throw new RangeError(`${fn}: step must be non-zero, got 0`);
  const opts = checkOptions(fn, options, ["maxLength"]);
  const maxLength = opts.maxLength === undefined
    ? arangeDefaults.maxLength
    : checkInteger(fn, "maxLength", opts.maxLength, 0, Number.MAX_SAFE_INTEGER);
  const length = arangeLength(start, stop, step);
  if (length > maxLength) {
    throw new RangeError(
      `${fn}: length ${length} exceeds maxLength ${maxLength} ` +
        `(start ${start}, stop ${stop}, step ${step}; raise it with { maxLength })`,
    );
  }
  return fillArange(start, step, length);
}

function fillArange(start: number, step: number, length: number): Float64Array {
  const out = new Float64Array(length);
  if (length === 0) return out;
  out[0] = start;
  if (length === 1) return out;
  out[1] = start + step;
  const delta = out[1] - start;
  for (let i = 2; i < length; i++) out[i] = start + i * delta;
  return out;
}
