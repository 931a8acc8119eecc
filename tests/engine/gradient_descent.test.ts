import assert from "node:assert/strict";
import { gradientDescent, mse } from "../../engine/mod.ts";
import { uniform } from "./reference.ts";

const lecture3 = { x: [1, 2, 3], y: [2, 4, 6] };
const course = { w0: 1, lr: 0.01, epochs: 100 };

Deno.test("gradientDescent(data, { w0: 1, lr: 0.01, epochs: 100 }) follows lecture 3", () => {
  const run = gradientDescent(lecture3, course);
  assert.equal(run.status, "ok");
  assert.equal(run.divergence, null);
  assert.equal(run.steps.length, 101);
  assert.deepEqual(run.steps[0], { epoch: 0, w: 1, b: 0, mse: 14 / 3 });
  // Derived by hand: the gradient mean(2x(xw - y)) = (28/3)(w - 2), so w_k - 2 = -(1 - 0.28/3)^k.
  for (const step of run.steps) {
    const w = 2 - (1 - 0.01 * 28 / 3) ** step.epoch;
    assert.ok(Math.abs(step.w - w) <= 1e-14, `epoch ${step.epoch}: w ${step.w}, expected ${w}`);
    assert.ok(Math.abs(step.mse - (14 / 3) * (w - 2) ** 2) <= 1e-14);
    assert.equal(step.b, 0);
  }
  assert.equal(run.final, run.steps[100]);
  const predict4 = run.final.w * 4; // the course prints this: it approaches 8
  assert.ok(predict4 > 7.9997 && predict4 < 8, `x = 4 predicts ${predict4}`);
});

Deno.test("gradientDescent(data, options) takes the course's direct gradient step", () => {
  // One batch step written the course's way: w -= lr * mean(2 x (x w - y)).
  const data = { x: [0.5, 1.5, 4, 2.2], y: [1.2, 2.9, 8.8, 4.1] };
  const { x, y } = data;
  let w = 0.3;
  for (let epoch = 1; epoch <= 20; epoch++) {
    let grad = 0;
    for (let i = 0; i < x.length; i++) grad += 2 * x[i] * (x[i] * w - y[i]);
    w -= 0.02 * grad / x.length;
    const step = gradientDescent(data, { w0: 0.3, lr: 0.02, epochs: epoch }).final;
    assert.ok(Math.abs(step.w - w) <= 1e-13, `epoch ${epoch}: ${step.w} vs ${w}`);
  }
});

Deno.test("gradientDescent(data, { fitBias: true }) finds y = 3x + 1", () => {
  const run = gradientDescent({ x: [1, 2, 3], y: [4, 7, 10] }, {
    w0: 0,
    lr: 0.05,
    epochs: 2000,
    fitBias: true,
  });
  assert.equal(run.status, "ok");
  assert.ok(Math.abs(run.final.w - 3) < 1e-6 && Math.abs(run.final.b - 1) < 1e-6);
});

Deno.test("gradientDescent(data, options) records mse(data, w, b) at every step", () => {
  const data = { x: [1, 2, 3], y: [4, 7, 10] };
  const run = gradientDescent(data, { w0: 0.5, b0: 2, lr: 0.03, epochs: 30, fitBias: true });
  for (const s of run.steps) assert.equal(s.mse, mse(data, s.w, s.b));
});

Deno.test("gradientDescent(data, { epochs: 0 }) returns the start alone", () => {
  const run = gradientDescent(lecture3, { ...course, epochs: 0 });
  assert.deepEqual(run.steps, [{ epoch: 0, w: 1, b: 0, mse: 14 / 3 }]);
  assert.equal(run.status, "ok");
});

Deno.test("gradientDescent(data, { lr: 0.5 }) reports divergence instead of NaNs", () => {
  const cases: [number, number, string][] = [
    [0.5, 100, "exploded"], // |1 - 0.5 · 28/3| = 3.67: the MSE grows ~13× per epoch
    [0.22, 1000, "growing"], // |1 - 0.22 · 28/3| = 1.05: slow, but without bound
    [1e300, 10, "non-finite"],
  ];
  for (const [lr, epochs, reason] of cases) {
    const run = gradientDescent(lecture3, { ...course, lr, epochs });
    assert.equal(run.status, "diverged", `lr ${lr}`);
    assert.equal(run.divergence?.reason, reason, `lr ${lr}`);
    const message = run.divergence!.message;
    assert.ok(message.startsWith(`diverged at epoch ${run.divergence!.epoch}: `), message);
    assert.ok(message.endsWith(`(lr ${lr})`), message);
    assert.ok(run.steps.length < epochs + 1);
    assert.equal(run.final, run.steps.at(-1));
    for (const s of run.steps) assert.ok([s.w, s.b, s.mse].every(Number.isFinite));
  }
});

Deno.test("gradientDescent(data, { stochastic: true, seed }) is reproducible per seed", () => {
  const random = uniform(7);
  const x = Array.from({ length: 30 }, () => 4 * random());
  const data = { x, y: x.map((xi) => 2 * xi + 0.5 + (random() - 0.5) * 0.1) };
  const options = { w0: 0, lr: 0.01, epochs: 50, stochastic: true, fitBias: true };
  const a = gradientDescent(data, { ...options, seed: 42 });
  const b = gradientDescent(data, { ...options, seed: 42 });
  const c = gradientDescent(data, { ...options, seed: 43 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.steps, c.steps);
  assert.equal(a.status, "ok");
  assert.ok(Math.abs(a.final.w - 2) < 0.05 && Math.abs(a.final.b - 0.5) < 0.2);
  assert.ok(a.final.mse < a.steps[0].mse / 100);
});

Deno.test("gradientDescent(data, { stochastic: true }) updates on one sample at a time", () => {
  // A single sample has a single order: each epoch is one update w -= lr 2x(xw - y).
  const run = gradientDescent({ x: [2], y: [6] }, { w0: 0, lr: 0.05, epochs: 3, stochastic: true });
  let w = 0;
  for (let epoch = 1; epoch <= 3; epoch++) {
    w -= 0.05 * 2 * 2 * (2 * w - 6);
    assert.equal(run.steps[epoch].w, w);
  }
});

Deno.test("gradientDescent(data, options) rejects bad options, naming the rule", () => {
  const cases: [unknown, ErrorConstructor, RegExp][] = [
    [{ ...course, lr: 0 }, RangeError, /^gradientDescent: lr must be > 0, got 0$/],
    [{ ...course, lr: -0.1 }, RangeError, /^gradientDescent: lr must be > 0, got -0.1$/],
    [{ ...course, lr: NaN }, RangeError, /^gradientDescent: lr must be finite, got NaN$/],
    [{ ...course, w0: undefined }, TypeError, /^gradientDescent: w0 must be a number/],
    [{ ...course, epochs: 1.5 }, RangeError, /^gradientDescent: epochs must be an integer >= 0/],
    [
      { ...course, epochs: 2e6 },
      RangeError,
      /epochs must be <= 1000000, got 2000000 \(raise it with \{ maxEpochs \}\)/,
    ],
    [{ ...course, seed: -1 }, RangeError, /^gradientDescent: seed must be an integer >= 0/],
    [
      { ...course, stochastic: "yes" },
      TypeError,
      /^gradientDescent: stochastic must be true or false/,
    ],
    [
      { ...course, learningRate: 0.01 },
      TypeError,
      /^gradientDescent: unknown option "learningRate"/,
    ],
    [undefined, TypeError, /^gradientDescent: options \{ w0, lr, epochs \} are required$/],
  ];
  for (const [options, type, message] of cases) {
    assert.throws(() => gradientDescent(lecture3, options as never), { name: type.name, message });
  }
  const wide = { x: new Float64Array(200), y: new Float64Array(200) };
  assert.throws(() => gradientDescent(wide, { ...course, epochs: 1e6, stochastic: true }), {
    name: "RangeError",
    message: "gradientDescent: 1000000 epochs × 200 samples = 200000000 updates exceed " +
      "maxUpdates 100000000 (raise it with { maxUpdates })",
  });
  assert.throws(() => gradientDescent({ x: [1], y: [] }, course), {
    name: "RangeError",
    message: "gradientDescent: x and y must have the same length, got 1 and 0",
  });
});

Deno.test("gradientDescent(data, { maxEpochs, maxUpdates }) raises the limits", () => {
  const run = gradientDescent(lecture3, { ...course, epochs: 5, maxEpochs: 5 });
  assert.equal(run.steps.length, 6);
  assert.throws(
    () => gradientDescent(lecture3, { ...course, epochs: 5, stochastic: true, maxUpdates: 14 }),
    /15 updates exceed maxUpdates 14/,
  );
});

Deno.test("gradientDescent(data, { stochastic: true, shuffle: false }) follows the course's SGD loop in order", () => {
  // Python: w = 1.0; for x, y in zip([1, 2, 3], [2, 4, 6]): w -= 0.01 * 2 * x * (x * w - y)
  let w = 1;
  for (const [x, y] of [[1, 2], [2, 4], [3, 6]]) w -= 0.01 * 2 * x * (x * w - y);
  const run = gradientDescent({ x: [1, 2, 3], y: [2, 4, 6] }, {
    w0: 1,
    lr: 0.01,
    epochs: 100,
    stochastic: true,
    shuffle: false,
  });
  assert.equal(run.steps[1].w, w);
  assert.equal(run.steps[1].w.toFixed(6), "1.260688"); // the course's printout after epoch 0
  assert.ok(Math.abs(run.final.w - 2) < 1e-13);
});

Deno.test("gradientDescent(data, { stopDiverging: false }) runs every epoch of a diverging run", () => {
  const options = { w0: 1, lr: 0.22, epochs: 100 };
  const stopped = gradientDescent(lecture3, options);
  assert.equal(stopped.status, "diverged");
  const all = gradientDescent(lecture3, { ...options, stopDiverging: false });
  assert.equal(all.status, "ok");
  assert.equal(all.steps.length, 101);
  // w_k - 2 = (1 - 2 · 0.22 · 14/3)^k (w0 - 2): the plain loop's value after 100 epochs.
  const expected = 2 - (1 - 0.44 * 14 / 3) ** 100;
  assert.ok(Math.abs(all.final.w - expected) <= 1e-9 * Math.abs(expected));
  assert.equal(all.final.w.toPrecision(4), "-178.5");
});
