/** Shape helpers: element counts, printing, broadcasting and its reverse (sum to a shape). */
import { alloc } from "./alloc.ts";

/** Number of elements of a shape (1 for the 0-D shape `[]`). */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** `[3, 2]` as error messages print it. */
export function showShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/** Whether two shapes are equal. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The shape two operands broadcast to, by PyTorch's (numpy's) rule: align trailing dims; each
 * pair must be equal or contain a 1.
 */
export function broadcastShapes(
  fn: string,
  a: readonly number[],
  b: readonly number[],
): readonly number[] {
  if (sameShape(a, b)) return a;
  // A 0-D operand (a number standing for a constant) takes the other's shape.
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const n = Math.max(a.length, b.length), out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1, db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new RangeError(
        `${fn}: shapes ${showShape(a)} and ${showShape(b)} cannot be broadcast ` +
          `(sizes ${da} and ${db} differ at dim ${i - n})`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Row-major strides of `shape` aligned to `out`, 0 where `shape` is broadcast. */
function alignedStrides(shape: readonly number[], out: readonly number[]): number[] {
  const strides = new Array<number>(out.length).fill(0);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const j = out.length - shape.length + i;
    strides[j] = shape[i] === 1 && out[j] !== 1 ? 0 : stride;
    stride *= shape[i];
  }
  return strides;
}

/**
 * For each element of `out` (row-major), the index of the element of a `shape` tensor that
 * broadcasting maps to it.
 */
function broadcastIndex(shape: readonly number[], out: readonly number[]): Int32Array {
  const n = sizeOf(out), index = new Int32Array(n);
  const strides = alignedStrides(shape, out), dims = out.length;
  const counter = new Array<number>(dims).fill(0);
  let at = 0;
  for (let i = 0; i < n; i++) {
    index[i] = at;
    for (let d = dims - 1; d >= 0; d--) {
      counter[d]++;
      at += strides[d];
      if (counter[d] < out[d]) break;
      at -= strides[d] * counter[d];
      counter[d] = 0;
    }
  }
  return index;
}

/** `data` of a `shape` tensor repeated to `out`; the same array when the shapes are equal. */
export function expandTo(
  data: Float64Array,
  shape: readonly number[],
  out: readonly number[],
): Float64Array {
  // As many elements as the result: only dims of size 1 were added, the layout is the same.
  if (data.length === sizeOf(out)) return data;
  const n = sizeOf(out), result = alloc(n);
  if (data.length === 1) return result.fill(data[0]);
  const index = broadcastIndex(shape, out);
  for (let i = 0; i < n; i++) result[i] = data[index[i]];
  return result;
}

/**
 * The reverse of broadcasting, for gradients: sums `grad` (of shape `out`) over the dims that
 * `shape` was broadcast along. The same array when the shapes are equal.
 */
export function reduceTo(
  grad: Float64Array,
  out: readonly number[],
  shape: readonly number[],
  float32: boolean,
): Float64Array {
  if (sameShape(shape, out)) return grad;
  const result = alloc(sizeOf(shape));
  if (result.length === grad.length) {
    // Only dims of size 1 differ: each sum has one term (0 + g, so −0 becomes 0 as before).
    if (float32) { for (let i = 0; i < grad.length; i++) result[i] = Math.fround(0 + grad[i]); }
    else for (let i = 0; i < grad.length; i++) result[i] = 0 + grad[i];
    return result;
  }
  const index = result.length === 1 ? null : broadcastIndex(shape, out);
  // float32 adds in float32, one rounding per term, as PyTorch's float kernels do.
  if (float32) {
    for (let i = 0; i < grad.length; i++) {
      const j = index === null ? 0 : index[i];
      result[j] = Math.fround(result[j] + grad[i]);
    }
  } else if (index === null) {
    let s = 0;
    for (let i = 0; i < grad.length; i++) s += grad[i];
    result[0] = s;
  } else {
    for (let i = 0; i < grad.length; i++) result[index[i]] += grad[i];
  }
  return result;
}
