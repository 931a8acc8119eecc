import assert from "node:assert/strict";
import { noGrad, tensor } from "../../engine/mod.ts";

Deno.test("backward(): a node used twice (b = a + a; c = b + b) gets every use counted", () => {
  const a = tensor(3, { requiresGrad: true });
  const b = a.add(a), c = b.add(b);
  c.backward();
  assert.equal(a.grad!.item(), 4);
  // b·b uses b twice in one operation: d(b²)/da = 2b · 2 = 24 at a = 3.
  const a2 = tensor(3, { requiresGrad: true });
  const b2 = a2.add(a2);
  b2.mul(b2).backward();
  assert.equal(a2.grad!.item(), 24);
});

Deno.test("backward(): a diamond (shared intermediate) is summed before it is passed on", () => {
  // e = (x·w)·(x·w + 1) with u = x·w shared: de/dw = x·(2u + 1).
  const w = tensor(2, { requiresGrad: true }), x = 3;
  const u = w.mul(x), e = u.mul(u.add(1));
  e.backward();
  assert.equal(w.grad!.item(), 3 * (2 * 6 + 1));
});

Deno.test("backward(): leaf .grad accumulates over passes until zeroed (lecture 4)", () => {
  const w = tensor([1.0], { requiresGrad: true });
  const step = () => w.mul(2).sub(4).pow(2).backward(); // d/dw = 2(2w − 4)·2 = −8 at w = 1
  step();
  assert.deepEqual(w.grad!.toArray(), [-8]);
  step();
  assert.deepEqual(w.grad!.toArray(), [-16]);
  w.grad!.zero();
  step();
  assert.deepEqual(w.grad!.toArray(), [-8]);
  w.zeroGrad();
  assert.deepEqual(w.grad!.toArray(), [0]);
});

Deno.test("backward(): intermediates keep no .grad unless retainGrad() asks", () => {
  const w = tensor(2, { requiresGrad: true });
  const y = w.mul(3), z = w.mul(5).retainGrad();
  y.add(z).pow(2).backward(); // (3w + 5w)² = 64w²; ∂/∂z = 2(y + z) = 32
  assert.equal(y.grad, null);
  assert.equal(z.grad!.item(), 32);
  assert.equal(w.grad!.item(), 128 * 2);
  assert.equal(y.isLeaf, false);
  assert.equal(w.isLeaf, true);
});

Deno.test("backward(): leaves that do not require grad get none", () => {
  const x = tensor([1, 2]), w = tensor([3, 4], { requiresGrad: true });
  x.mul(w).sum().backward();
  assert.equal(x.grad, null);
  assert.deepEqual(w.grad!.toArray(), [1, 2]);
});

Deno.test("backward(): gradients of broadcast operands are summed over the broadcast dims", () => {
  const x = tensor([[1, 2, 3], [4, 5, 6]]), b = tensor([10, 20, 30], { requiresGrad: true });
  const c = tensor([[1], [2]], { requiresGrad: true });
  x.add(b).mul(c).sum().backward();
  assert.deepEqual(b.grad!.toArray(), [3, 3, 3]); // Σ over rows of c
  assert.deepEqual(c.grad!.toArray(), [[66], [75]]); // row sums of x + b
  assert.deepEqual(b.grad!.shape, [3]);
  assert.deepEqual(c.grad!.shape, [2, 1]);
});

Deno.test("backward(gradient) seeds a non-scalar result; without it a vector is an error", () => {
  const a = tensor([1, 2, 3], { requiresGrad: true });
  const y = a.mul(2);
  assert.throws(() => y.backward(), {
    message:
      /^backward: the gradient can be implied only for a one-element result, got shape \[3\]/,
  });
  y.backward(tensor([1, 0, 2]));
  assert.deepEqual(a.grad!.toArray(), [2, 0, 4]);
  assert.throws(() => y.backward(tensor([1, 2])), {
    message: "backward: gradient of shape [2] does not match the result's [3]",
  });
});

Deno.test("backward() on a tensor that does not require grad is an error", () => {
  assert.throws(() => tensor(2).mul(3).backward(), {
    message: /^backward: the tensor does not require grad/,
  });
});

Deno.test("noGrad(fn) makes untracked leaves and restores recording, also after a throw", () => {
  const w = tensor(1, { requiresGrad: true });
  const next = noGrad(() => w.sub(w.mul(0.5)));
  assert.equal(next.requiresGrad, false);
  assert.equal(next.isLeaf, true);
  assert.equal(next.item(), 0.5);
  assert.throws(() =>
    noGrad(() => {
      throw new Error("inside");
    }), { message: "inside" });
  assert.equal(w.mul(2).requiresGrad, true);
});

Deno.test("detach() and clone() copy the values and drop the history", () => {
  const w = tensor([1, 2], { requiresGrad: true });
  const y = w.mul(3), d = y.detach();
  assert.equal(d.requiresGrad, false);
  assert.equal(d.isLeaf, true);
  d.data[0] = 100;
  assert.equal(y.data[0], 3);
  const c = y.clone(true);
  c.sum().backward();
  assert.deepEqual(c.grad!.toArray(), [1, 1]);
  assert.equal(w.grad, null);
});

Deno.test("assign(value) replaces values in place, untracked, and keeps .grad (w.data = …)", () => {
  const w = tensor([1.0], { requiresGrad: true });
  w.mul(3).sum().backward();
  noGrad(() => w.assign(w.sub(w.grad!.mul(0.01))));
  assert.deepEqual(w.toArray(), [1 - 0.03]);
  assert.deepEqual(w.grad!.toArray(), [3]);
  assert.equal(w.requiresGrad, true);
  assert.throws(() => w.assign([1, 2]), {
    message: "assign: value of shape [2] does not fit shape [1]",
  });
});

Deno.test("backward(): gradients of large tensors stay what they were after later passes", () => {
  // 40 × 10 = 400 elements: large enough for the engine's reused memory of a backward pass.
  const values = Array.from({ length: 400 }, (_, i) => Math.sin(i));
  const make = () => tensor(values, { shape: [40, 10], requiresGrad: true });
  const a = make(), mid = a.mul(a).retainGrad();
  mid.sigmoid().sum().backward();
  const gradA = a.grad!.toArray(), gradMid = mid.grad!.toArray();
  // Another graph of the same sizes, another backward: the first results must not move.
  const b = make();
  b.mul(3).tanh().mul(b).sum().backward();
  assert.deepEqual(a.grad!.toArray(), gradA);
  assert.deepEqual(mid.grad!.toArray(), gradMid);
  // And they are the right numbers: d/da σ(a²) = σ'(a²)·2a.
  const s = (v: number) => 1 / (1 + Math.exp(-v));
  const expected = values.map((v) => s(v * v) * (1 - s(v * v)) * 2 * v);
  (a.grad!.data as Float64Array).forEach((g, i) => assert.ok(Math.abs(g - expected[i]) < 1e-15));
});

Deno.test("results of operations are separate arrays: writing one leaves the others alone", () => {
  const w = tensor(2, { requiresGrad: true });
  const results = Array.from({ length: 5000 }, (_, i) => w.mul(i)); // many small results
  results[1].data[0] = 99;
  assert.equal(results[0].item(), 0);
  assert.equal(results[2].item(), 4);
  assert.equal(results[4999].item(), 9998);
  assert.equal(results[1].item(), 99);
});
