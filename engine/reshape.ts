import { alloc } from "./alloc.ts";
import { normalizeDim } from "./dims.ts";
import { showShape, sizeOf } from "./shape.ts";
import { checkTensor, fromOp, type Tensor } from "./tensor.ts";
import { show } from "./validate.ts";

/**
 * The same values in another shape (`x.reshape(3, 1)`, `x.view(-1)`); one size may be −1,
 * inferred from the others. The values are copied, so editing one never changes the other.
 */
export function reshape(a: Tensor, shape: readonly number[]): Tensor {
  const fn = "reshape";
  const x = checkTensor(fn, a);
  const sizes = shape.length === 1 && Array.isArray(shape[0]) ? shape[0] as number[] : shape;
  let free = -1, known = 1;
  sizes.forEach((d, i) => {
    if (d === -1 && free < 0) free = i;
    else if (!Number.isInteger(d) || d < 0) {
      throw new RangeError(`${fn}: sizes must be integers >= 0 (or one -1), got ${show(d)}`);
    } else known *= d;
  });
  const out = sizes.slice();
  if (free >= 0) {
    if (known === 0 || x.size % known !== 0) {
      throw new RangeError(`${fn}: cannot infer -1 in ${showShape(sizes)} for ${x.size} elements`);
    }
    out[free] = x.size / known;
  }
  if (sizeOf(out) !== x.size) {
    throw new RangeError(
      `${fn}: shape ${showShape(x.shape)} (${x.size} elements) cannot become ` +
        `${showShape(sizes)} (${sizeOf(out)} elements)`,
    );
  }
  return fromOp(fn, x.data.slice(), out, x.dtype, [x], (g) => [g], { shape: out });
}

/** Swaps dims `dim0` and `dim1` (`x.transpose(0, 1)`), copying into row-major order. */
export function transpose(a: Tensor, dim0: number, dim1: number): Tensor {
  const fn = "transpose";
  const x = checkTensor(fn, a);
  const d0 = normalizeDim(fn, dim0, x.shape), d1 = normalizeDim(fn, dim1, x.shape);
  const shape = x.shape.slice();
  [shape[d0], shape[d1]] = [shape[d1], shape[d0]];
  const perm = (data: Float64Array, from: readonly number[], to: readonly number[]) => {
    // Strides of `from`, with the two dims swapped, walked in `to`'s row-major order.
    const strides = new Array<number>(from.length);
    for (let i = from.length - 1, s = 1; i >= 0; i--) {
      strides[i] = s;
      s *= from[i];
    }
    [strides[d0], strides[d1]] = [strides[d1], strides[d0]];
    const out = alloc(data.length), counter = new Array<number>(to.length).fill(0);
    let at = 0;
    for (let i = 0; i < out.length; i++) {
      out[i] = data[at];
      for (let d = to.length - 1; d >= 0; d--) {
        counter[d]++;
        at += strides[d];
        if (counter[d] < to[d]) break;
        at -= strides[d] * counter[d];
        counter[d] = 0;
      }
    }
    return out;
  };
  return fromOp(fn, perm(x.data, x.shape, shape), shape, x.dtype, [x], (g) => [
    perm(g, shape, x.shape),
  ], { dim0: d0, dim1: d1 });
}

/**
 * Rows along dim 0: a number gives that row with dim 0 removed (`x[i]`); a list gives those
 * rows in that order (`x[[2, 0]]`, `index_select(0, …)`); a row may repeat, and its gradient
 * then adds up. Negative indices count from the end.
 */
export function index(a: Tensor, rows: number | readonly number[]): Tensor {
  const fn = "index";
  const x = checkTensor(fn, a);
  if (x.ndim === 0) throw new RangeError(`${fn}: a 0-D tensor has no rows`);
  const n = x.shape[0], width = x.size / n || 0;
  const list = typeof rows === "number" ? [rows] : rows;
  if (!Array.isArray(list)) {
    throw new TypeError(`${fn}: rows must be an integer or a list of them, got ${show(rows)}`);
  }
  const picked = list.map((r, i) => {
    if (!Number.isInteger(r) || r < -n || r >= n) {
      const where = typeof rows === "number" ? "row" : `rows[${i}]`;
      throw new RangeError(
        `${fn}: ${where} = ${show(r)} is out of range for shape ${showShape(x.shape)} ` +
          `(rows ${-n}..${n - 1})`,
      );
    }
    return r < 0 ? r + n : r;
  });
  const out = alloc(picked.length * width);
  picked.forEach((r, i) => out.set(x.data.subarray(r * width, (r + 1) * width), i * width));
  const rest = x.shape.slice(1);
  const shape = typeof rows === "number" ? rest : [picked.length, ...rest];
  const f32 = x.dtype === "float32";
  return fromOp(fn, out, shape, x.dtype, [x], (g) => {
    const ga = alloc(x.size);
    picked.forEach((r, i) => {
      for (let k = 0; k < width; k++) {
        const v = ga[r * width + k] + g[i * width + k];
        ga[r * width + k] = f32 ? Math.fround(v) : v;
      }
    });
    return [ga];
  }, { rows: picked });
}
