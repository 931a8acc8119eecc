import assert from "node:assert/strict";
import { tensor } from "../../engine/mod.ts";

Deno.test("tensor(data) takes numbers and rectangular nested arrays, row-major", () => {
  assert.deepEqual(tensor(2).shape, []);
  assert.deepEqual(tensor([1, 2, 3]).shape, [3]);
  const x = tensor([[1], [2], [3]]);
  assert.deepEqual(x.shape, [3, 1]);
  assert.deepEqual([...x.data], [1, 2, 3]);
  assert.deepEqual(tensor([[1, 2], [3, 4]]).toArray(), [[1, 2], [3, 4]]);
  assert.deepEqual(tensor(new Float64Array([1, 2, 3, 4, 5, 6]), { shape: [2, 3] }).toArray(), [
    [1, 2, 3],
    [4, 5, 6],
  ]);
  assert.equal(tensor([1, 2]).requiresGrad, false);
  assert.equal(tensor([1, 2], { requiresGrad: true }).requiresGrad, true);
});

Deno.test("tensor(data) rejects ragged, non-numeric and non-finite data with its position", () => {
  assert.throws(() => tensor([[1, 2], [3]]), {
    message:
      "tensor: data[1] must be an array of length 2 (ragged nested arrays), got array of length 1",
  });
  assert.throws(() => tensor([1, "2" as unknown as number]), {
    message: 'tensor: data[1] must be a number, got "2"',
  });
  assert.throws(() => tensor([1, NaN]), {
    message: "tensor: data must be finite, got NaN at flat index 1",
  });
  assert.throws(() => tensor([1, 2, 3], { shape: [2, 2] }), {
    message: "tensor: 3 values do not fill shape [2, 2] (4 elements)",
  });
  assert.throws(() => tensor(1, { dtype: "float16" as "float32" }), {
    message: 'tensor: dtype must be "float64" or "float32", got "float16"',
  });
  assert.throws(() => tensor(1, { requiresgrad: true } as never), {
    message: /^tensor: unknown option "requiresgrad"/,
  });
});

Deno.test("item() reads one element; more is an error", () => {
  assert.equal(tensor([[5]]).item(), 5);
  assert.throws(() => tensor([1, 2]).item(), {
    message: "item: only a one-element tensor has an item, got shape [2]",
  });
});

Deno.test("add/sub/mul/div broadcast like PyTorch, numbers standing for constants", () => {
  const x = tensor([[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(x.add(tensor([10, 20, 30])).toArray(), [[11, 22, 33], [14, 25, 36]]);
  assert.deepEqual(x.sub(tensor([[1], [4]])).toArray(), [[0, 1, 2], [0, 1, 2]]);
  assert.deepEqual(tensor([[1], [2]]).mul(tensor([1, 10])).toArray(), [[1, 10], [2, 20]]);
  assert.deepEqual(x.div(2).toArray(), [[0.5, 1, 1.5], [2, 2.5, 3]]);
  assert.deepEqual(x.mul(2).shape, [2, 3]);
  assert.throws(() => x.add(tensor([1, 2])), {
    message: "add: shapes [2, 3] and [2] cannot be broadcast (sizes 3 and 2 differ at dim -1)",
  });
});

Deno.test("sum and mean reduce everything, or one dim with keepdim", () => {
  const x = tensor([[1, 2, 3], [4, 5, 6]]);
  assert.equal(x.sum().item(), 21);
  assert.deepEqual(x.sum().shape, []);
  assert.deepEqual(x.sum(0).toArray(), [5, 7, 9]);
  assert.deepEqual(x.sum(1, true).toArray(), [[6], [15]]);
  assert.deepEqual(x.mean(-1).toArray(), [2, 5]);
  assert.equal(x.mean().item(), 3.5);
  assert.throws(() => x.sum(2), {
    message: "sum: dim 2 is out of range for shape [2, 3] (dims -2..1)",
  });
});

Deno.test("matmul takes 1-D and 2-D operands and names both shapes when they do not fit", () => {
  const a = tensor([[1, 2], [3, 4], [5, 6]]);
  assert.deepEqual(a.matmul(tensor([[1], [10]])).toArray(), [[21], [43], [65]]);
  assert.deepEqual(a.matmul(tensor([1, 10])).toArray(), [21, 43, 65]);
  assert.deepEqual(tensor([1, 1, 1]).matmul(a).toArray(), [9, 12]);
  assert.equal(tensor([1, 2]).matmul(tensor([3, 4])).item(), 11);
  assert.throws(() => a.matmul(tensor([[1], [2], [3]])), {
    message: "matmul: [3, 2] @ [3, 1]: inner sizes 2 and 3 differ",
  });
  assert.throws(() => a.matmul(tensor(2)), {
    message: "matmul: [3, 2] @ []: both operands must be 1-D or 2-D",
  });
});

Deno.test("sigmoid does not overflow; softmax and logSoftmax are stable for large logits", () => {
  const s = tensor([-1000, -30, 0, 30, 1000]).sigmoid().toArray() as number[];
  assert.deepEqual([s[0], s[2], s[4]], [0, 0.5, 1]);
  assert.ok(s[1] > 0 && s[1] < 1e-12);
  const p = tensor([[1000, 1000, 999]]).softmax(1).toArray() as number[][];
  assert.ok(p[0].every(Number.isFinite));
  assert.ok(Math.abs(p[0][0] + p[0][1] + p[0][2] - 1) < 1e-15);
  const lp = tensor([1000, 0]).logSoftmax(0).toArray() as number[];
  assert.deepEqual(lp, [0, -1000]);
});

Deno.test("CrossEntropy by hand: −logSoftmax(z)[0] for z = [0.2, 0.1, −0.1] is 0.9729 (COURSE.md)", () => {
  const z = tensor([0.2, 0.1, -0.1]);
  const manual = -Math.log(Math.exp(0.2) / (Math.exp(0.2) + Math.exp(0.1) + Math.exp(-0.1)));
  assert.ok(Math.abs(-z.logSoftmax(0).index(0).item() - manual) < 1e-15);
  assert.equal((-z.logSoftmax(0).index(0).item()).toFixed(4), "0.9729");
});

Deno.test("invalid inputs are errors, not NaN flowing on", () => {
  assert.throws(() => tensor([1, -1]).log(), {
    message: "log: input must be >= 0, got -1 at flat index 1",
  });
  assert.equal(tensor([0]).log().item(), -Infinity);
  assert.throws(() => tensor([-2]).pow(0.5), {
    message: "pow: negative base -2 at flat index 0 with fractional exponent 0.5",
  });
  assert.throws(() => tensor([0, 1]).div(tensor([0, 1])), {
    message: "div: 0 / 0 at flat index 0",
  });
  assert.throws(() => tensor([1]).mul(NaN), { message: "mul: other must not be NaN" });
  assert.throws(() => tensor([1e308]).mul(10).sub(tensor([1e308]).mul(10)), {
    message: /^sub: the result is NaN at flat index 0/,
  });
  assert.throws(() => tensor([1]).add("1" as unknown as number), {
    message: 'add: other must be a tensor or a number, got "1"',
  });
});

Deno.test("reshape, transpose, t and index move values as PyTorch does", () => {
  const x = tensor([[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(x.reshape(3, -1).toArray(), [[1, 2], [3, 4], [5, 6]]);
  assert.deepEqual(x.t().toArray(), [[1, 4], [2, 5], [3, 6]]);
  assert.deepEqual(x.transpose(-1, 0).shape, [3, 2]);
  assert.deepEqual(x.index(-1).toArray(), [4, 5, 6]);
  assert.deepEqual(x.index([1, 1, 0]).toArray(), [[4, 5, 6], [4, 5, 6], [1, 2, 3]]);
  assert.throws(() => x.reshape(4, -1), {
    message: "reshape: cannot infer -1 in [4, -1] for 6 elements",
  });
  assert.throws(() => x.index(2), {
    message: "index: row = 2 is out of range for shape [2, 3] (rows -2..1)",
  });
});

Deno.test('dtype "float32" rounds every result to float32', () => {
  const x = tensor([0.1], { dtype: "float32" });
  assert.equal(x.data[0], Math.fround(0.1));
  assert.equal(x.mul(3).data[0], Math.fround(Math.fround(0.1) * Math.fround(3)));
  assert.notEqual(tensor([0.1]).mul(3).data[0], x.mul(3).data[0]);
  assert.equal(x.mul(3).dtype, "float32");
  assert.equal(x.add(tensor([1])).dtype, "float64"); // a float64 tensor promotes, as in PyTorch
});
