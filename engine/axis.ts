import { arange } from "./arange.ts";
import { arangeLength } from "./arange_length.ts";
import type { Axis, AxisRange } from "./types.ts";
import { checkFinite, checkNumbers, show } from "./validate.ts";

/** An axis checked for shape: its length is known before any value is allocated. */
export interface ResolvedAxis {
  length: number;
  /** Materialises the values as a fresh Float64Array (validating list entries). */
  values(): Float64Array;
}

/** Reads an {@linkcode Axis} argument named `name` for function `fn`; never allocates. */
export function resolveAxis(fn: string, name: string, axis: Axis): ResolvedAxis {
  if (axis === null || typeof axis !== "object") {
    throw new TypeError(
      `${fn}: ${name} must be an array of numbers or { start, stop, step }, got ${show(axis)}`,
    );
  }
  if (typeof (axis as ArrayLike<number>).length === "number") {
    const list = axis as ArrayLike<number>;
    return {
      length: list.length,
      values: () => Float64Array.from(checkNumbers(fn, name, list)),
    };
  }
  const { start, stop, step } = axis as AxisRange;
  checkFinite(fn, `${name}.start`, start);
  checkFinite(fn, `${name}.stop`, stop);
  checkFinite(fn, `${name}.step`, step);
  if (step === 0) throw new RangeError(`${fn}: ${name}.step must be non-zero, got 0`);
  const length = arangeLength(start, stop, step);
  return { length, values: () => arange(start, stop, step, { maxLength: length }) };
}
