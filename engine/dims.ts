import { showShape } from "./shape.ts";
import { show } from "./validate.ts";

/** `dim` as an index into `shape` (negative counts from the end), or a RangeError naming `fn`. */
export function normalizeDim(fn: string, dim: unknown, shape: readonly number[]): number {
  const n = shape.length;
  if (typeof dim !== "number" || !Number.isInteger(dim)) {
    throw new TypeError(`${fn}: dim must be an integer, got ${show(dim)}`);
  }
  if (n === 0 ? dim !== 0 && dim !== -1 : dim < -n || dim >= n) {
    const range = n === 0 ? "-1..0" : `${-n}..${n - 1}`;
    throw new RangeError(
      `${fn}: dim ${dim} is out of range for shape ${showShape(shape)} (dims ${range})`,
    );
  }
  return n === 0 ? 0 : dim < 0 ? dim + n : dim;
}

/** `shape` cut at `dim` into [outer size, size of dim, inner size], for loops along a dim. */
export function splitAt(shape: readonly number[], dim: number): [number, number, number] {
  let outer = 1, inner = 1;
  for (let i = 0; i < dim; i++) outer *= shape[i];
  for (let i = dim + 1; i < shape.length; i++) inner *= shape[i];
  return [outer, shape.length === 0 ? 1 : shape[dim], inner];
}
