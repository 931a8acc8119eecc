import { scalar } from "./alloc.ts";
import { backward } from "./backward.ts";
import { add, div, mul, neg, pow, sub } from "./binary_ops.ts";
import { isGradEnabled } from "./grad_mode.ts";
import { matmul } from "./matmul.ts";
import { mean, sum } from "./reduce.ts";
import { index, reshape, transpose } from "./reshape.ts";
import { showShape, sizeOf } from "./shape.ts";
import { logSoftmax, softmax } from "./softmax.ts";
import { exp, log, relu, sigmoid, tanh } from "./unary_ops.ts";
import { checkOptions, show } from "./validate.ts";

/**
 * Element type. `"float64"` computes in double precision; `"float32"` rounds every result
 * (values and gradients) to the nearest float32 with `Math.fround`, so that the digits match
 * what PyTorch prints for its default dtype.
 */
export type DType = "float64" | "float32";

/** Numbers, or arrays of them nested to any depth (rectangular). */
export type NestedNumbers = number | readonly NestedNumbers[];

/** A tensor, or a plain number standing for a 0-D constant of the other operand's dtype. */
export type TensorLike = Tensor | number;

/**
 * What an operation registers for the backward pass: given the gradient of the result
 * (`grad`, same length as the result's data), return the gradient for each input, shaped like
 * that input, or null where `needs[i]` is false. Must not modify `grad`, nor keep it after
 * returning: `backward()` reuses the memory of its gradients on its next pass.
 */
export type BackwardFn = (
  grad: Float64Array,
  needs: readonly boolean[],
) => (Float64Array | null)[];

/** Attributes of an operation beyond its inputs (pow's exponent, sum's dim), for the graph. */
export type OpAttrs = Readonly<Record<string, number | boolean | string | readonly number[]>>;

/** Options of {@linkcode tensor}. */
export interface TensorOptions {
  /** Track operations on this tensor and give it a `.grad` after `backward()` (default false). */
  requiresGrad?: boolean;
  /** Element type (default `"float64"`). */
  dtype?: DType;
  /** A name for the graph reader and error messages, such as `"w"` (default none). */
  name?: string;
  /** Shape for flat data (a typed array or a flat list), e.g. `[3, 1]`; checked against its length. */
  shape?: readonly number[];
}

let nextId = 1;

// Shared by the many tensors that have no inputs, no attributes or no dims (never modified:
// shapes, inputs and attrs are read-only).
const NO_INPUTS: readonly Tensor[] = Object.freeze([]);
const NO_ATTRS: OpAttrs = Object.freeze({});
const SCALAR_SHAPE: readonly number[] = Object.freeze([]);

/** Rounds `data` to float32 in place when `dtype` is `"float32"`; returns `data`. */
export function roundTo(data: Float64Array, dtype: DType): Float64Array {
  if (dtype === "float32") { for (let i = 0; i < data.length; i++) data[i] = Math.fround(data[i]); }
  return data;
}

/**
 * An n-dimensional array of numbers (row-major, on a `Float64Array`) that records the
 * operations made from it, as PyTorch's `torch.Tensor` does, so that `backward()` can send
 * gradients back to the leaves. Make one with {@linkcode tensor}.
 */
export class Tensor {
  /** The values, row-major. Writable in place (like PyTorch's `.data`), not tracked. */
  readonly data: Float64Array;
  /** Sizes of the dims: `[]` for a scalar, `[3]`, `[3, 1]`. */
  readonly shape: readonly number[];
  /** Element type, see {@linkcode DType}. */
  readonly dtype: DType;
  /** Whether gradients flow to (and, for a leaf, are stored on) this tensor. */
  requiresGrad: boolean;
  /**
   * The gradient accumulated by `backward()`: set on leaves that require grad (and on tensors
   * after `retainGrad()`), summed over backward passes until zeroed; null until then.
   */
  grad: Tensor | null = null;
  /** Operation that made it: `"leaf"` for tensors made by `tensor()`, else `"mul"`, `"pow"`, … */
  readonly op: string;
  /** The operands of `op`, in order (empty for leaves and inside `noGrad`). */
  readonly inputs: readonly Tensor[];
  /** The operation's backward rule; null for leaves. */
  readonly backwardFn: BackwardFn | null;
  /** Attributes of `op` (pow's `exponent`, sum's `dim` and `keepdim`, …). */
  readonly attrs: OpAttrs;
  /** Unique, increasing in creation order. */
  readonly id: number;
  /** Optional name, shown by the graph reader. */
  name: string | undefined;
  /** Whether `backward()` stores `.grad` on this non-leaf (see `retainGrad()`). */
  retainsGrad = false;
  /** Internal to `backward()`: the gradient gathered so far during a pass, else null. */
  pendingGrad: Float64Array | null = null;
  /** Internal to `backward()`: the number of the last pass that visited this tensor. */
  visited = 0;

  /** Low-level constructor; use {@linkcode tensor} or an operation instead. */
  constructor(
    data: Float64Array,
    shape: readonly number[],
    dtype: DType,
    requiresGrad: boolean,
    op = "leaf",
    inputs: readonly Tensor[] = NO_INPUTS,
    backwardFn: BackwardFn | null = null,
    attrs: OpAttrs = NO_ATTRS,
  ) {
    this.data = data;
    this.shape = shape;
    this.dtype = dtype;
    this.requiresGrad = requiresGrad;
    this.op = op;
    this.inputs = inputs;
    this.backwardFn = backwardFn;
    this.attrs = attrs;
    this.id = nextId++;
    this.name = undefined;
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** Number of dims (0 for a scalar). */
  get ndim(): number {
    return this.shape.length;
  }

  /** True for tensors no operation made (PyTorch's `is_leaf`): they keep `.grad`. */
  get isLeaf(): boolean {
    return this.backwardFn === null;
  }

  /** Elementwise `this + other`, broadcasting. */
  add(other: TensorLike): Tensor {
    return add(this, other);
  }
  /** Elementwise `this - other`, broadcasting. */
  sub(other: TensorLike): Tensor {
    return sub(this, other);
  }
  /** Elementwise `this * other`, broadcasting. */
  mul(other: TensorLike): Tensor {
    return mul(this, other);
  }
  /** Elementwise `this / other`, broadcasting. */
  div(other: TensorLike): Tensor {
    return div(this, other);
  }
  /** Elementwise `-this`. */
  neg(): Tensor {
    return neg(this);
  }
  /** Elementwise `this ** exponent` for a number exponent (`x ** 2` in PyTorch). */
  pow(exponent: number): Tensor {
    return pow(this, exponent);
  }
  /** Matrix product (`@`): 1-D and 2-D operands as `torch.matmul` takes them. */
  matmul(other: Tensor): Tensor {
    return matmul(this, other);
  }
  /** Sum of all elements (0-D), or along `dim` (removed unless `keepdim`). */
  sum(dim?: number, keepdim = false): Tensor {
    return sum(this, dim, keepdim);
  }
  /** Mean of all elements (0-D), or along `dim` (removed unless `keepdim`). */
  mean(dim?: number, keepdim = false): Tensor {
    return mean(this, dim, keepdim);
  }
  /** Elementwise e^x. */
  exp(): Tensor {
    return exp(this);
  }
  /** Elementwise natural logarithm; throws on a negative or NaN element. */
  log(): Tensor {
    return log(this);
  }
  /** Elementwise 1 / (1 + e^−x), without overflow for large |x|. */
  sigmoid(): Tensor {
    return sigmoid(this);
  }
  /** Elementwise hyperbolic tangent. */
  tanh(): Tensor {
    return tanh(this);
  }
  /** Elementwise max(x, 0). */
  relu(): Tensor {
    return relu(this);
  }
  /** Softmax along `dim` (max-shifted, so large logits do not overflow). */
  softmax(dim: number): Tensor {
    return softmax(this, dim);
  }
  /** log(softmax(x)) along `dim`, computed as x − logsumexp(x) (stable). */
  logSoftmax(dim: number): Tensor {
    return logSoftmax(this, dim);
  }
  /** The same values in another shape of the same size; one size may be −1 (inferred). */
  reshape(...shape: number[]): Tensor {
    return reshape(this, shape);
  }
  /** Swaps two dims (a copy, row-major). */
  transpose(dim0: number, dim1: number): Tensor {
    return transpose(this, dim0, dim1);
  }
  /** Transpose of a matrix (a 0-D or 1-D tensor is returned as is), like `x.t()`. */
  t(): Tensor {
    return this.ndim < 2 ? this : transpose(this, 0, 1);
  }
  /**
   * Rows along dim 0: a number gives that row with dim 0 removed (`x[i]`), a list gives those
   * rows stacked (`x[[2, 0]]`, PyTorch's `index_select(0, …)`). Negative indices count from the end.
   */
  index(rows: number | readonly number[]): Tensor {
    return index(this, rows);
  }

  /** The value of a one-element tensor as a number, like `.item()`. */
  item(): number {
    if (this.data.length !== 1) {
      throw new RangeError(
        `item: only a one-element tensor has an item, got shape ${showShape(this.shape)}`,
      );
    }
    return this.data[0];
  }

  /** The values as nested arrays (a number for a 0-D tensor), like `.tolist()`. */
  toArray(): NestedNumbers {
    const build = (dim: number, offset: number): NestedNumbers => {
      if (dim === this.shape.length) return this.data[offset];
      const stride = sizeOf(this.shape.slice(dim + 1)), out: NestedNumbers[] = [];
      for (let i = 0; i < this.shape[dim]; i++) out.push(build(dim + 1, offset + i * stride));
      return out;
    };
    return build(0, 0);
  }

  /**
   * Back-propagates from this one-element tensor (or from `gradient`, a tensor of this shape),
   * in reverse topological order: every node's gradient is complete before it is passed on, so
   * a node used twice is counted twice. Adds the results to `.grad` of the leaves that require
   * grad. The graph is kept, so `graph()` can read it afterwards and `backward()` may run again
   * (then leaf gradients add up, as they do in PyTorch with `retain_graph=True`).
   */
  backward(gradient?: TensorLike): void {
    backward(this, gradient);
  }

  /** Keep `.grad` on this non-leaf too after `backward()` (PyTorch's `retain_grad()`). */
  retainGrad(): this {
    if (!this.requiresGrad) {
      throw new Error("retainGrad: the tensor does not require grad");
    }
    if (!this.isLeaf) this.retainsGrad = true;
    return this;
  }

  /** Sets `.grad` to zeros in place (if there is one): `w.grad.data.zero_()` in PyTorch. */
  zeroGrad(): void {
    this.grad?.data.fill(0);
  }

  /** Sets every element to 0 in place and returns this, like `zero_()`. Not tracked. */
  zero(): this {
    this.data.fill(0);
    return this;
  }

  /**
   * Replaces the values in place by those of `value` (a tensor or numbers of the same size,
   * or one number for all), rounded to this dtype. Not tracked: the twin of
   * `w.data = …` in PyTorch.
   */
  assign(value: TensorLike | NestedNumbers): this {
    const fn = "assign";
    if (typeof value === "number") {
      if (Number.isNaN(value)) throw new RangeError(`${fn}: value must not be NaN`);
      this.data.fill(value);
    } else {
      const source = value instanceof Tensor ? value : tensor(value);
      if (source.size !== this.size) {
        throw new RangeError(
          `${fn}: value of shape ${showShape(source.shape)} does not fit shape ` +
            showShape(this.shape),
        );
      }
      this.data.set(source.data);
    }
    roundTo(this.data, this.dtype);
    return this;
  }

  /** A new leaf sharing nothing with this one: same values and dtype, no history, no grad. */
  detach(): Tensor {
    const t = new Tensor(this.data.slice(), this.shape.slice(), this.dtype, false);
    t.name = this.name;
    return t;
  }

  /** A copy of the values as a leaf with the given `requiresGrad` (default false). */
  clone(requiresGrad = false): Tensor {
    const t = this.detach();
    t.requiresGrad = requiresGrad;
    return t;
  }

  /** `tensor([[1, 2]], dtype=float64)`-style summary for logs and error messages. */
  toString(): string {
    const grad = this.requiresGrad ? ", requiresGrad" : "";
    return `tensor(${JSON.stringify(this.toArray())}, ${this.dtype}${grad})`;
  }
}

/** The error of an operation whose result is NaN at flat index `i`. */
export function nanError(op: string, i: number, inputs: readonly Tensor[]): RangeError {
  const shapes = inputs.map((t) => showShape(t.shape)).join(" and ");
  return new RangeError(
    `${op}: the result is NaN at flat index ${i} (input shape ${shapes}); ` +
      "an input is out of the operation's domain or overflowed to ±Infinity",
  );
}

/**
 * Result of an operation: a tensor that requires grad when an input does (and recording is
 * on), with its inputs and backward rule; inside `noGrad` a plain leaf. Rounds `data` to
 * `dtype` and throws {@linkcode nanError} at a NaN, unless `nanChecked` (the operation has
 * looked for one itself, in its own loop).
 */
export function fromOp(
  op: string,
  data: Float64Array,
  shape: readonly number[],
  dtype: DType,
  inputs: readonly Tensor[],
  backwardFn: BackwardFn,
  attrs: OpAttrs = NO_ATTRS,
  nanChecked = false,
): Tensor {
  roundTo(data, dtype);
  if (!nanChecked) {
    for (let i = 0; i < data.length; i++) if (data[i] !== data[i]) throw nanError(op, i, inputs);
  }
  if (!isGradEnabled()) return new Tensor(data, shape, dtype, false);
  let requiresGrad = false;
  for (const t of inputs) requiresGrad ||= t.requiresGrad;
  return new Tensor(data, shape, dtype, requiresGrad, op, inputs, backwardFn, attrs);
}

/**
 * A tensor from a number (0-D), nested arrays (`[[1], [2], [3]]` has shape `[3, 1]`), or flat
 * data with `{ shape }`, like `torch.tensor(data, requires_grad=…, dtype=…)`. Values must be
 * finite: a NaN here would flow silently through every result.
 *
 * @example
 * const w = tensor([1.0], { requiresGrad: true, name: "w" });
 * const l = w.mul(2).sub(4).pow(2);
 * l.backward();
 * w.grad!.item(); // 2 · (2w − 4) · 2 = −8
 *
 * @throws {TypeError|RangeError} ragged or non-numeric data, NaN or ±Infinity, a shape that
 *   does not match the data, unknown options.
 */
export function tensor(
  data: NestedNumbers | ArrayLike<number>,
  options?: TensorOptions,
): Tensor {
  const fn = "tensor";
  const o = checkOptions(fn, options, ["requiresGrad", "dtype", "name", "shape"]);
  const dtype = o.dtype ?? "float64";
  if (dtype !== "float64" && dtype !== "float32") {
    throw new TypeError(`${fn}: dtype must be "float64" or "float32", got ${show(dtype)}`);
  }
  if (o.requiresGrad !== undefined && typeof o.requiresGrad !== "boolean") {
    throw new TypeError(`${fn}: requiresGrad must be a boolean, got ${show(o.requiresGrad)}`);
  }
  if (o.name !== undefined && typeof o.name !== "string") {
    throw new TypeError(`${fn}: name must be a string, got ${show(o.name)}`);
  }
  let values: Float64Array, shape: number[];
  if (o.shape !== undefined) {
    if (!Array.isArray(o.shape) || o.shape.some((d) => !Number.isInteger(d) || d < 0)) {
      throw new TypeError(`${fn}: shape must be a list of integers >= 0, got ${show(o.shape)}`);
    }
    shape = o.shape.slice();
    values = Float64Array.from(flatten(fn, data as NestedNumbers).values);
    if (values.length !== sizeOf(shape)) {
      throw new RangeError(
        `${fn}: ${values.length} values do not fill shape ${showShape(shape)} ` +
          `(${sizeOf(shape)} elements)`,
      );
    }
  } else {
    const flat = flatten(fn, data as NestedNumbers);
    values = Float64Array.from(flat.values);
    shape = flat.shape;
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`${fn}: data must be finite, got ${values[i]} at flat index ${i}`);
    }
  }
  const t = new Tensor(roundTo(values, dtype), shape, dtype, o.requiresGrad ?? false);
  t.name = o.name;
  return t;
}

/** Flattens nested arrays (or a typed array) row-major, checking they are rectangular. */
function flatten(fn: string, data: NestedNumbers | ArrayLike<number>) {
  if (typeof data === "number") return { values: [data], shape: [] as number[] };
  if (ArrayBuffer.isView(data) && !(data instanceof DataView)) {
    const typed = data as unknown as ArrayLike<number>;
    return { values: Array.from(typed), shape: [typed.length] };
  }
  if (!Array.isArray(data)) {
    throw new TypeError(
      `${fn}: data must be a number or nested arrays of numbers, got ${show(data)}`,
    );
  }
  const shape: number[] = [];
  for (let level: unknown = data; Array.isArray(level); level = level[0]) {
    shape.push(level.length);
    if (level.length === 0) break;
  }
  const values: number[] = [];
  const walk = (node: unknown, dim: number, path: string) => {
    if (dim === shape.length) {
      if (typeof node !== "number") {
        throw new TypeError(`${fn}: data${path} must be a number, got ${show(node)}`);
      }
      values.push(node);
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[dim]) {
      throw new RangeError(
        `${fn}: data${path} must be an array of length ${shape[dim]} (ragged nested arrays), ` +
          `got ${show(node)}`,
      );
    }
    for (let i = 0; i < node.length; i++) walk(node[i], dim + 1, `${path}[${i}]`);
  };
  walk(data, 0, "");
  return { values, shape };
}

/**
 * `value` as a tensor: tensors as they are, a number as a 0-D constant of `like`'s dtype
 * (PyTorch's wrapped numbers, which never change the result's dtype).
 */
export function asTensor(fn: string, value: TensorLike, like: Tensor, name = "other"): Tensor {
  if (value instanceof Tensor) return value;
  if (typeof value !== "number") {
    throw new TypeError(`${fn}: ${name} must be a tensor or a number, got ${show(value)}`);
  }
  if (Number.isNaN(value)) throw new RangeError(`${fn}: ${name} must not be NaN`);
  return new Tensor(roundTo(scalar(value), like.dtype), SCALAR_SHAPE, like.dtype, false);
}

/** Throws unless `value` is a Tensor; `name` is the argument's name in the message. */
export function checkTensor(fn: string, value: unknown, name = "input"): Tensor {
  if (!(value instanceof Tensor)) {
    throw new TypeError(`${fn}: ${name} must be a tensor, got ${show(value)}`);
  }
  return value;
}
