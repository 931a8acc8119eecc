/**
 * Component props, declared once and checked at every call. A component
 * module exports `props`, a record of {@linkcode PropSpec}s; the generator
 * checks each call against it before the render runs and fills in defaults,
 * so renders receive a complete, typed object.
 *
 * ```ts
 * export const props = {
 *   data: { type: "string", description: "name of a data set in _data/datasets.yaml" },
 *   w: { type: "number", default: 3, description: "selected weight" },
 * } satisfies PropsDeclaration;
 * ```
 */

/** Value kinds a prop may take. `axis` is `{ start, stop, step }` with numpy's `arange` rule. */
export type PropType =
  | "string"
  | "number"
  | "integer"
  | "boolean"
  | "number[]"
  | "string[]"
  | "axis"
  | "object"
  | "object[]";

/** One prop of a component. */
export interface PropSpec {
  /** The kind of value, or several accepted kinds. */
  type: PropType | PropType[];
  /** What the prop does, for the author guide and error messages. */
  description: string;
  /** The same in Chinese, for the Chinese pages of the author guide. */
  zh?: string;
  /** Used when the call leaves the prop out; a prop without a default is required unless `optional`. */
  default?: unknown;
  /** May be left out, with no default. */
  optional?: boolean;
  /** The only values accepted (for strings and numbers). */
  oneOf?: readonly (string | number)[];
  /** A further check: returns what is wrong, or nothing. */
  check?: (value: never) => string | undefined;
}

/** A component's props: name → spec. */
export type PropsDeclaration = Record<string, PropSpec>;

// The one piece of the engine the contract shares: an axis a prop declares has the length the
// engine's arange gives it.
import { arangeLength } from "../../engine/arange_length.ts";

/** Largest axis a component accepts unless it says otherwise. */
const AXIS_LIMIT = 100_000;

/** Why `value` is not of `type`, or undefined when it is. */
function typeProblem(type: PropType, value: unknown): string | undefined {
  switch (type) {
    case "string":
      return typeof value === "string" ? undefined : "must be a string";
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be true or false";
    case "number":
      return typeof value === "number" && Number.isFinite(value)
        ? undefined
        : "must be a finite number";
    case "integer":
      return Number.isInteger(value) ? undefined : "must be an integer";
    case "number[]":
      return Array.isArray(value) && value.every((v) => typeof v === "number" && Number.isFinite(v))
        ? undefined
        : "must be a list of finite numbers, e.g. [1, 2, 3]";
    case "string[]":
      return Array.isArray(value) && value.every((v) => typeof v === "string")
        ? undefined
        : "must be a list of strings";
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value)
        ? undefined
        : "must be an object";
    case "object[]":
      return Array.isArray(value) && value.length > 0 &&
          value.every((v) => v !== null && typeof v === "object" && !Array.isArray(v))
        ? undefined
        : "must be a list of objects";
    case "axis":
      return axisProblem(value);
  }
}

/** Why `value` is not a usable, increasing, non-empty `{ start, stop, step }`. */
export function axisProblem(value: unknown): string | undefined {
  const shape = "must be an axis { start, stop, step }, e.g. { start: 0, stop: 4.1, step: 0.1 }";
  if (value === null || typeof value !== "object" || Array.isArray(value)) return shape;
  const a = value as Record<string, unknown>;
  const extra = Object.keys(a).find((k) => !["start", "stop", "step"].includes(k));
  if (extra) return `${shape}; "${extra}" is not one of its keys`;
  for (const k of ["start", "stop", "step"]) {
    if (typeof a[k] !== "number" || !Number.isFinite(a[k])) {
      return `${shape}; ${k} must be a finite number, got ${JSON.stringify(a[k]) ?? "nothing"}`;
    }
  }
  const { start, stop, step } = a as { start: number; stop: number; step: number };
  if (step === 0) return "has step 0: the axis would never reach its stop";
  if (step < 0 || stop < start) {
    return `runs backwards (start ${start}, stop ${stop}, step ${step}): give start < stop and step > 0`;
  }
  if (stop === start) return `is empty: start and stop are both ${start}`;
  const n = arangeLength(start, stop, step);
  if (n > AXIS_LIMIT) return `has ${n} values, more than ${AXIS_LIMIT}`;
  return undefined;
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** The known name closest to `name`, if it is close enough to be a typo. */
export function didYouMean(name: string, known: string[]): string | undefined {
  const lower = name.toLowerCase();
  // `wAxis` for `w`, `sel` for `select`: one name starting the other is a likely mix-up.
  const prefix = known.find((k) =>
    lower.startsWith(k.toLowerCase()) || k.toLowerCase().startsWith(lower)
  );
  if (prefix) return prefix;
  let best: string | undefined;
  let min = Infinity;
  for (const k of known) {
    const d = distance(name.toLowerCase(), k.toLowerCase());
    if (d < min) [best, min] = [k, d];
  }
  return best !== undefined && min <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** A problem with one prop of one call. */
export class PropsError extends Error {
  override name = "PropsError";
  constructor(message: string, public prop?: string) {
    super(message);
  }
}

/**
 * Checks a call's props against a declaration and returns them with defaults filled in.
 * Throws a {@linkcode PropsError} naming the prop: unknown (with a suggestion), missing,
 * of the wrong type, or failing the prop's own check.
 */
export function checkProps(
  decl: PropsDeclaration,
  props: unknown,
): Record<string, unknown> {
  if (props === undefined) props = {};
  if (props === null || typeof props !== "object" || Array.isArray(props)) {
    throw new PropsError("props must be an object, e.g. ({ w: 2 })");
  }
  const given = props as Record<string, unknown>;
  const known = Object.keys(decl);
  for (const name of Object.keys(given)) {
    if (!(name in decl)) {
      const hint = didYouMean(name, known);
      throw new PropsError(
        `unknown prop "${name}"${hint ? ` (did you mean "${hint}"?)` : ""}; props: ${
          known.join(", ") || "none"
        }`,
        name,
      );
    }
  }
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(decl)) {
    const value = given[name];
    if (value === undefined) {
      if ("default" in spec) out[name] = structuredClone(spec.default);
      else if (!spec.optional) {
        throw new PropsError(`missing prop "${name}": ${spec.description}`, name);
      }
      continue;
    }
    const types = Array.isArray(spec.type) ? spec.type : [spec.type];
    const problems = types.map((t) => typeProblem(t, value));
    if (problems.every((p) => p !== undefined)) {
      throw new PropsError(
        `prop "${name}" ${problems.join(", or ")}; got ${show(value)}`,
        name,
      );
    }
    if (spec.oneOf && !spec.oneOf.includes(value as string | number)) {
      throw new PropsError(
        `prop "${name}" must be one of ${spec.oneOf.map((v) => JSON.stringify(v)).join(", ")}; ` +
          `got ${show(value)}`,
        name,
      );
    }
    const problem = spec.check?.(value as never);
    if (problem) throw new PropsError(`prop "${name}" ${problem}`, name);
    out[name] = value;
  }
  return out;
}

function show(value: unknown): string {
  const s = JSON.stringify(value);
  if (s === undefined) return String(value);
  return s.length > 60 ? s.slice(0, 57) + "…" : s;
}
