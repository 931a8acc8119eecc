import type { Dataset } from "./types.ts";

/** Short printable form of a bad value for error messages. */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (Array.isArray(value)) return `array of length ${value.length}`;
  if (value !== null && typeof value === "object") return "an object";
  return String(value);
}

/** Throws unless `value` is a finite number. */
export function checkFinite(fn: string, name: string, value: unknown): number {
  if (typeof value !== "number") {
    throw new TypeError(`${fn}: ${name} must be a number, got ${show(value)}`);
  }
  if (!Number.isFinite(value)) {
    throw new RangeError(`${fn}: ${name} must be finite, got ${value}`);
  }
  return value;
}

/** Throws unless `value` is an integer in [min, max]; `option` names the setting that raises max. */
export function checkInteger(
  fn: string,
  name: string,
  value: unknown,
  min: number,
  max: number,
  option?: string,
): number {
  checkFinite(fn, name, value);
  const v = value as number;
  if (!Number.isInteger(v) || v < min) {
    throw new RangeError(`${fn}: ${name} must be an integer >= ${min}, got ${v}`);
  }
  if (v > max) {
    const hint = option ? ` (raise it with { ${option} })` : "";
    throw new RangeError(`${fn}: ${name} must be <= ${max}, got ${v}${hint}`);
  }
  return v;
}

/** Checks an option bag: an object (or undefined) whose keys are all known. */
export function checkOptions<T extends object>(
  fn: string,
  options: T | undefined,
  known: readonly string[],
): Partial<T> {
  if (options === undefined) return {};
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`${fn}: options must be an object, got ${show(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new TypeError(`${fn}: unknown option "${key}" (known: ${known.join(", ")})`);
    }
  }
  return options;
}

/**
 * Throws unless `values` is array-like and holds numbers. Plain arrays are also checked for
 * finiteness here; typed arrays only when `finite` is set, since float sums over them reveal
 * NaN and ±Infinity for free (see `reduceStats`).
 */
export function checkNumbers(
  fn: string,
  name: string,
  values: unknown,
  finite = true,
): ArrayLike<number> {
  if (
    values === null || typeof values !== "object" ||
    typeof (values as ArrayLike<unknown>).length !== "number"
  ) {
    throw new TypeError(`${fn}: ${name} must be an array of numbers, got ${show(values)}`);
  }
  if (ArrayBuffer.isView(values) && !(values instanceof DataView)) {
    if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
      throw new TypeError(`${fn}: ${name} must hold numbers, got a bigint array`);
    }
    const typed = values as unknown as ArrayLike<number>;
    if (finite) findNonFinite(fn, name, typed);
    return typed;
  }
  const list = values as ArrayLike<unknown>;
  for (let i = 0; i < list.length; i++) checkFinite(fn, `${name}[${i}]`, list[i]);
  return list as ArrayLike<number>;
}

/** Throws a RangeError naming the first non-finite entry of `values`, if there is one. */
export function findNonFinite(fn: string, name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`${fn}: ${name}[${i}] must be finite, got ${values[i]}`);
    }
  }
}

/** Checked data: the same arrays, their common length. */
export interface CheckedData {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  n: number;
}

/**
 * Checks `{ x, y }`: arrays of finite numbers of the same non-zero length. With
 * `finite = false`, typed arrays are left for the caller to check for NaN and ±Infinity.
 */
export function checkData(fn: string, data: Dataset, finite = true): CheckedData {
  if (data === null || typeof data !== "object") {
    throw new TypeError(`${fn}: data must be an object { x, y }, got ${show(data)}`);
  }
  const x = checkNumbers(fn, "x", data.x, finite);
  const y = checkNumbers(fn, "y", data.y, finite);
  if (x.length !== y.length) {
    throw new RangeError(
      `${fn}: x and y must have the same length, got ${x.length} and ${y.length}`,
    );
  }
  if (x.length === 0) throw new RangeError(`${fn}: data must not be empty, got 0 points`);
  return { x, y, n: x.length };
}
