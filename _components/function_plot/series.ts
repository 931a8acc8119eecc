import { type Tensor, tensor } from "../../engine/mod.ts";

/** The functions a FunctionPlot can draw, each computed by the engine's tensor operation. */
export const FUNCTIONS = ["sigmoid", "tanh", "relu", "linear"] as const;

/** One of {@linkcode FUNCTIONS}. */
export type FunctionName = typeof FUNCTIONS[number];

/** A series as an author names it: `f(w·x + b)` or its derivative with respect to x. */
export interface SeriesSpec {
  fn: FunctionName;
  /** Draw d/dx f(w·x + b) instead of f(w·x + b), from the engine's backward pass. */
  derivative: boolean;
  w: number;
  b: number;
  label?: string;
}

const APPLY: Record<FunctionName, (t: Tensor) => Tensor> = {
  sigmoid: (t) => t.sigmoid(),
  tanh: (t) => t.tanh(),
  relu: (t) => t.relu(),
  linear: (t) => t,
};

const NAMES: Record<FunctionName, string> = {
  sigmoid: "σ",
  tanh: "tanh",
  relu: "ReLU",
  linear: "",
};

/**
 * The values of a series at `xs`, from the engine: the forward pass for f(w·x + b), and for a
 * derivative the gradient `backward()` leaves on x (each output depends on its own x only, so
 * the gradient of the sum is the elementwise derivative, as `torch.autograd.grad` gives it).
 */
export function evaluate(spec: SeriesSpec, xs: readonly number[]): number[] {
  const x = tensor([...xs], { requiresGrad: spec.derivative });
  const y = APPLY[spec.fn](x.mul(spec.w).add(spec.b));
  if (!spec.derivative) return Array.from(y.data);
  y.sum().backward();
  return Array.from(x.grad!.data);
}

/** `w·x + b` written as a reader would: `x`, `2x`, `1.28x − 3.08` (`v` names the variable). */
function affine(w: number, b: number, v: string): string {
  const num = (n: number) => String(Number(Math.abs(n).toPrecision(4)));
  const wx = w === 1 ? v : w === -1 ? `−${v}` : `${w < 0 ? "−" : ""}${num(w)}${v}`;
  return b === 0 ? wx : `${wx} ${b < 0 ? "−" : "+"} ${num(b)}`;
}

/**
 * The label a series gets unless the author gives one: `σ(x)`, `tanh′(x)`, `σ(1.28x − 3.08)`;
 * `v` is the variable's name (`z` for a plot over z).
 */
export function defaultLabel(spec: SeriesSpec, v = "x"): string {
  const arg = affine(spec.w, spec.b, v);
  if (spec.fn === "linear") return spec.derivative ? `d/d${v} (${arg})` : arg;
  const f = NAMES[spec.fn];
  if (!spec.derivative) return `${f}(${arg})`;
  return arg === v ? `${f}′(${v})` : `d/d${v} ${f}(${arg})`;
}

/**
 * A series prop as a spec: a name (`"sigmoid"`, `"tanh'"` for the derivative) or an object
 * `{ fn, derivative?, w?, b?, label? }`. Returns what is wrong as a string.
 */
export function parseSeries(v: unknown): SeriesSpec | string {
  const list = FUNCTIONS.map((f) => `"${f}"`).join(", ");
  if (typeof v === "string") {
    const derivative = v.endsWith("'") || v.endsWith("′");
    const fn = derivative ? v.slice(0, -1) : v;
    if (!(FUNCTIONS as readonly string[]).includes(fn)) {
      return `unknown function "${v}"; known: ${list} (add ' for the derivative, e.g. "tanh'")`;
    }
    return { fn: fn as FunctionName, derivative, w: 1, b: 0 };
  }
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    return "each series must be a function name or { fn, derivative?, w?, b?, label? }";
  }
  const o = v as Record<string, unknown>;
  const extra = Object.keys(o).find((k) => !["fn", "derivative", "w", "b", "label"].includes(k));
  if (extra) return `"${extra}" is not a key of a series (fn, derivative, w, b, label)`;
  if (typeof o.fn !== "string" || !(FUNCTIONS as readonly string[]).includes(o.fn)) {
    return `fn must be one of ${list}, got ${JSON.stringify(o.fn) ?? "nothing"}`;
  }
  for (const k of ["w", "b"]) {
    if (o[k] !== undefined && (typeof o[k] !== "number" || !Number.isFinite(o[k]))) {
      return `${k} must be a finite number, got ${JSON.stringify(o[k])}`;
    }
  }
  if (o.derivative !== undefined && typeof o.derivative !== "boolean") {
    return "derivative must be true or false";
  }
  if (o.label !== undefined && typeof o.label !== "string") return "label must be a string";
  return {
    fn: o.fn as FunctionName,
    derivative: (o.derivative as boolean | undefined) ?? false,
    w: (o.w as number | undefined) ?? 1,
    b: (o.b as number | undefined) ?? 0,
    label: o.label as string | undefined,
  };
}
