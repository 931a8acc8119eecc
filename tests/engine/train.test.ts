import assert from "node:assert/strict";
import {
  DataLoader,
  nn,
  optim,
  runKey,
  tensor,
  TensorDataset,
  train,
  type TrainConfig,
} from "../../engine/mod.ts";

const lecture5: TrainConfig = {
  x: [[1], [2], [3]],
  y: [[2], [4], [6]],
  model: { layers: [{ linear: [1, 1], weight: [[1]], bias: [0] }] },
  loss: { name: "mse", reduction: "sum" },
  optimizer: { name: "sgd", lr: 0.01 },
  epochs: 1000,
};

Deno.test("train(config) reproduces COURSE.md's lecture 5 numbers (float64): w ≈ 1.99988, b ≈ 0.000265", () => {
  const run = train(lecture5);
  assert.equal(run.status, "ok");
  assert.equal(run.steps, 1000);
  assert.deepEqual(run.parameterNames, ["0.weight[0, 0]", "0.bias[0]"]);
  const [w, b] = run.parameters.subarray(1000 * 2);
  assert.equal(w.toFixed(5), "1.99988");
  assert.equal(b.toFixed(6), "0.000265");
  assert.equal(run.epochLoss.length, 1001);
  assert.equal(run.epochLoss[0], 1 + 4 + 9); // (x − 2x)² summed at w = 1, b = 0
  assert.equal(run.stepLoss[0], run.epochLoss[0]);
  // Full batch: the loss before step s is the whole-set loss after s epochs.
  assert.equal(run.stepLoss[500], run.epochLoss[500]);
});

Deno.test("train(config) is pure: the same config gives the same record, bit for bit", () => {
  const a = train({ ...lecture5, epochs: 50 }), b = train({ ...lecture5, epochs: 50 });
  assert.deepEqual(a.parameters, b.parameters);
  assert.deepEqual(a.stepLoss, b.stepLoss);
});

Deno.test("train(config) records the gradient of each step, and row r is the state before step r", () => {
  const run = train({ ...lecture5, epochs: 2 });
  // Step 0 at w = 1, b = 0: d/dw Σ (x w + b − y)² = Σ 2 (x − 2x) x = −28, d/db = −12.
  assert.deepEqual(Array.from(run.gradients.subarray(0, 2)), [-28, -12]);
  assert.deepEqual(Array.from(run.parameters.subarray(0, 2)), [1, 0]);
  assert.deepEqual(Array.from(run.parameters.subarray(2, 4)), [1 + 0.28, 0.12]);
});

Deno.test("train(config) with mini-batches: stepsPerEpoch, record: 'epoch', seeded shuffle", () => {
  const x = Array.from({ length: 10 }, (_, i) => [i / 10]), y = x.map(([v]) => [2 * v + 1]);
  const config: TrainConfig = {
    ...lecture5,
    x,
    y,
    epochs: 4,
    batchSize: 3,
    shuffle: true,
    seed: 5,
  };
  const run = train(config);
  assert.equal(run.stepsPerEpoch, 4);
  assert.equal(run.steps, 16);
  const perEpoch = train({ ...config, record: "epoch" });
  assert.equal(perEpoch.parameters.length, 5 * 2);
  assert.deepEqual(perEpoch.parameters.subarray(4 * 2), run.parameters.subarray(16 * 2));
  assert.notDeepEqual(train({ ...config, seed: 6 }).stepLoss, run.stepLoss);
});

Deno.test("train(config) stops a diverging run with a message naming the learning rate", () => {
  const run = train({ ...lecture5, optimizer: { name: "sgd", lr: 1 }, epochs: 2000 });
  assert.equal(run.status, "diverged");
  assert.match(run.divergence!.message, /lr 1 is too large/);
  assert.ok(run.steps < 2000);
  assert.ok(run.parameters.every(Number.isFinite));
  assert.ok(run.stepLoss.every(Number.isFinite));
});

Deno.test("train(config) rejects bad configs, naming the field", () => {
  assert.throws(() => train({ ...lecture5, epochs: -1 }), {
    message: "train: epochs must be an integer >= 0, got -1",
  });
  assert.throws(() => train({ ...lecture5, lr: 0.1 } as never), {
    message: /^train: unknown option "lr"/,
  });
  assert.throws(() => train({ ...lecture5, optimizer: { name: "sgd", lr: 0 } }), {
    message: "SGD: lr must be > 0, got 0",
  });
  assert.throws(() => train({ ...lecture5, y: [[2], [4]] }), {
    message: "train: x has 3 rows but y has 2",
  });
  assert.throws(() => train({ ...lecture5, loss: { name: "mae" as "mse" } }), {
    message: /^train: loss.name must be/,
  });
  assert.throws(() => train({ ...lecture5, epochs: 10_000_000 }), {
    message: /^train: the record would hold/,
  });
});

Deno.test("runKey(config) is stable: defaults and key order do not change it; any setting does", () => {
  const k = runKey(lecture5);
  assert.match(k, /^[0-9a-f]{16}$/);
  assert.equal(runKey({ ...lecture5, shuffle: false, seed: 0, dtype: "float64" }), k);
  const reordered = Object.fromEntries(
    Object.entries(lecture5).reverse(),
  ) as unknown as TrainConfig;
  assert.equal(runKey(reordered), k);
  assert.notEqual(runKey({ ...lecture5, optimizer: { name: "sgd", lr: 0.02 } }), k);
  assert.notEqual(runKey({ ...lecture5, dtype: "float32" }), k);
  assert.equal(train(lecture5).key, k);
});

Deno.test("nn.Module: parameters() finds fields and submodules in order; zeroGrad() zeros them", () => {
  class Net extends nn.Module {
    first = new nn.Linear(2, 3, { weight: [[1, 2], [3, 4], [5, 6]], bias: [0, 0, 0] });
    act = new nn.Sigmoid();
    second = new nn.Linear(3, 1, { bias: false });
    forward(x: ReturnType<typeof tensor>) {
      return this.second.call(this.act.call(this.first.call(x)));
    }
  }
  const net = new Net();
  assert.deepEqual(net.namedParameters().map(([n]) => n), [
    "first.weight",
    "first.bias",
    "second.weight",
  ]);
  net.call(tensor([[1, 1]])).sum().backward();
  assert.ok(net.parameters().every((p) => p.grad!.data.some((v) => v !== 0)));
  net.zeroGrad();
  assert.ok(net.parameters().every((p) => p.grad!.data.every((v) => v === 0)));
  const seq = new nn.Sequential(new nn.Linear(2, 2), new nn.ReLU(), new nn.Linear(2, 1));
  assert.deepEqual(seq.namedParameters().map(([n]) => n), [
    "0.weight",
    "0.bias",
    "2.weight",
    "2.bias",
  ]);
});

Deno.test("nn.Linear(in, out) draws U(±1/√in) from its generator; bad weights name the shape", () => {
  const l = new nn.Linear(4, 3);
  assert.deepEqual(l.weight.shape, [3, 4]);
  assert.ok([...l.weight.data, ...l.bias!.data].every((v) => Math.abs(v) <= 0.5));
  assert.deepEqual(new nn.Linear(4, 3).weight.data, l.weight.data, "seeded: the same draws");
  assert.throws(() => new nn.Linear(2, 1, { weight: [[1, 2, 3]] }), {
    message: "Linear: weight must be [1, 2], got [1, 3]",
  });
  assert.throws(() => l.call(tensor([[1, 2]])), {
    message: "linear: input [1, 2] does not fit weight [3, 4]: expected [N, 4] or [4]",
  });
});

Deno.test("nn losses: BCELoss clamps its logs at −100; CrossEntropyLoss checks class indices", () => {
  const bce = new nn.BCELoss({ reduction: "sum" });
  assert.equal(bce.call(tensor([0, 1]), tensor([1, 0])).item(), 200);
  assert.throws(() => bce.call(tensor([1.5]), tensor([1])), {
    message: "binaryCrossEntropy: input must be in [0, 1], got 1.5 at flat index 0",
  });
  const ce = new nn.CrossEntropyLoss();
  assert.equal(ce.call(tensor([[0.2, 0.1, -0.1]]), [0]).item().toFixed(4), "0.9729");
  assert.throws(() => ce.call(tensor([[0.2, 0.1, -0.1]]), [3]), {
    message: "nllLoss: target[0] = 3 is not a class index in 0..2",
  });
  assert.throws(() => new nn.MSELoss({ reduction: "none" as "sum" }), {
    message: 'MSELoss: reduction must be "mean" or "sum", got "none"',
  });
});

Deno.test("optim: SGD's momentum buffer starts at the first gradient (PyTorch 1.13)", () => {
  const w = tensor([0], { requiresGrad: true });
  const opt = new optim.SGD([w], { lr: 0.1, momentum: 0.9 });
  for (let i = 0; i < 2; i++) {
    opt.zeroGrad();
    w.sub(1).pow(2).sum().backward(); // grad 2(w − 1)
    opt.step();
  }
  // step 1: buf = −2, w = 0.2; step 2: g = −1.6, buf = 0.9·(−2) − 1.6 = −3.4, w = 0.2 + 0.34.
  assert.ok(Math.abs(w.item() - 0.54) < 1e-15);
  assert.throws(() => new optim.Adam([tensor([1])]), {
    message: "Adam: params[0] must be a leaf tensor that requires grad",
  });
});

Deno.test("DataLoader: batches of rows; order(epoch) is a seeded permutation, new on every pass", () => {
  const ds = new TensorDataset(tensor([[0], [1], [2], [3], [4]]), tensor([0, 1, 2, 3, 4]));
  const plain = new DataLoader(ds, { batchSize: 2 });
  assert.deepEqual([...plain].map(([, y]) => y.toArray()), [[0, 1], [2, 3], [4]]);
  const shuffled = new DataLoader(ds, { batchSize: 5, shuffle: true, seed: 3 });
  const first = [...shuffled][0][1].toArray(), second = [...shuffled][0][1].toArray();
  assert.deepEqual([...(first as number[])].sort(), [0, 1, 2, 3, 4]);
  assert.deepEqual(first, Array.from(shuffled.order(0)));
  assert.deepEqual(second, Array.from(shuffled.order(1)));
  assert.notDeepEqual(first, second);
  assert.deepEqual(Array.from(new DataLoader(ds, { shuffle: true, seed: 3 }).order(1)), second);
  assert.equal(new DataLoader(ds, { batchSize: 2, dropLast: true }).length, 2);
  assert.throws(() => new TensorDataset(tensor([1, 2]), tensor([1])), {
    message: "TensorDataset: every tensor needs the same number of rows, got [2] and [1]",
  });
});
