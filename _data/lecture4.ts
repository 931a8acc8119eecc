/**
 * Numbers that lecture 4's prose states, computed by the engine's autograd when the site is
 * built: `{{ lecture4.run.predict }}` in a page. The course's loop runs in float32, PyTorch's
 * default, so the digits its listing prints are the float32 run's; float64 is given beside.
 */
import { type DType, type Tensor, tensor, train, type TrainConfig } from "../engine/mod.ts";
import { courseData } from "../_components/_chart/course.ts";

const data = courseData("descent");

/** The course's loop: one sample per step, loss (ŷ − y)², w.data −= 0.01 · w.grad.data. */
const course = (model: TrainConfig["model"], epochs = 100): TrainConfig => ({
  x: data.x,
  y: data.y,
  model,
  loss: { name: "mse", reduction: "sum" },
  optimizer: { name: "manual", lr: 0.01 },
  epochs,
  batchSize: 1,
});

/** A float as Python's `print` writes it: `-2.0`, `7.840000152587891`, `9.0949e-13`. */
export function py(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return v.toFixed(1);
  if (v !== 0 && Math.abs(v) < 1e-4) {
    const [m, e] = v.toExponential().split("e");
    const exp = Number(e);
    return `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return String(v);
}
/** `digits` significant digits, as a reader reads them: -7.84, 0.2404 (ASCII minus, for TeX). */
const g = (v: number, digits = 4) => String(Number(v.toPrecision(digits)));
/** A small number as TeX: `9.09 \times 10^{-13}`. */
function tex(v: number): string {
  const [m, e] = v.toExponential(2).split("e");
  return `${m} \\times 10^{${Number(e)}}`;
}

const linear = { polynomial: [1] };
const run32 = train({ ...course(linear), dtype: "float32" });
const run64 = train(course(linear));
/** ŷ = x·w for x = 4 with the trained w, computed in the run's dtype as `forward(4)` is. */
const predict = (w: number, dtype: DType) => tensor(4, { dtype }).mul(w).item();

// The first step by hand, on the first sample: x = 1, y = 2, w = 1.
const [x0, y0] = [data.x[0], data.y[0]];
function firstStep() {
  const w = tensor(1, { requiresGrad: true });
  const yHat = tensor(x0).mul(w), r = yHat.sub(y0), loss = r.pow(2);
  for (const t of [yHat, r]) t.retainGrad();
  loss.backward();
  const once = w.grad!.item();
  // The same loss built and backpropagated again, without zeroing: w.grad accumulates.
  tensor(x0).mul(w).sub(y0).pow(2).backward();
  const twice = w.grad!.item();
  w.zeroGrad();
  return {
    x: g(x0),
    y: g(y0),
    yHat: g(yHat.item()),
    r: g(r.item()),
    loss: g(loss.item()),
    /** ∂loss/∂r = 2r, the local derivative of the square. */
    dr: g(r.grad!.item()),
    grad: g(once),
    twice: g(twice),
    zeroed: g(w.grad!.item()),
    /** w after the first update, w − 0.01 · w.grad. */
    next: g(1 - 0.01 * once),
  };
}

const quadratic = { polynomial: [1, 1], bias: 1 };
const hw32 = train({ ...course(quadratic), dtype: "float32" });
const hw64 = train(course(quadratic));
const LONG = 10000;
const hwLong = train({ ...course(quadratic, LONG), record: "epoch" });
/** Parameters [w1, w2, b] after the last row of a run. */
const last = (r: ReturnType<typeof train>) => {
  const rows = r.parameters.length / r.parameterCount - 1;
  return Array.from(r.parameters.subarray(rows * r.parameterCount));
};
/** ŷ(4) = w1·4² + w2·4 + b, in the run's dtype as the listing's `forward(4)`. */
function predictHw([w1, w2, b]: number[], dtype: DType): number {
  const p = (v: number): Tensor => tensor(v, { dtype });
  return p(w1).mul(16).add(p(w2).mul(4)).add(p(b)).item();
}
const [hw1, hw2, hb] = last(hw64);
/** The homework's first step on the first sample, from w1 = w2 = b = 1. */
function hwFirst() {
  const p = () => tensor(1, { requiresGrad: true });
  const w1 = p(), w2 = p(), b = p(), x = tensor(x0);
  const yHat = w1.mul(x.pow(2)).add(w2.mul(x)).add(b), r = yHat.sub(y0);
  r.pow(2).backward();
  return {
    yHat: g(yHat.item()),
    r: g(r.item()),
    grads: [w1, w2, b].map((t) => g(t.grad!.item())),
  };
}
const long = last(hwLong);

/** The first epoch from which the loss stays what it is at the end (float32 ran out of digits). */
function plateau(loss: Float64Array): number {
  let e = loss.length - 1;
  while (e > 0 && loss[e - 1] === loss[loss.length - 1]) e--;
  return e;
}

/** Everything a run's listing prints: its step losses and gradients, for the listing check. */
const printedRun = (r: ReturnType<typeof train>) => ({
  stepLoss: Array.from(r.stepLoss),
  gradients: Array.from(r.gradients),
});

export default {
  /** The course's run as a `train()` config in float32, as the listing runs, for the TrainingCurve. */
  config: { ...course(linear), dtype: "float32" },
  /** The course's run: ŷ = x·w from w = 1, lr 0.01, 100 epochs of 3 samples. */
  run: {
    lr: "0.01",
    epochs: run32.epochs,
    steps: run32.steps,
    /** `predict (before training)`: 4 · 1. */
    before: py(predict(1, "float32")),
    /** The three gradients of epoch 0 as the listing prints them (float32). */
    firstGrads: Array.from(run32.gradients.subarray(0, 3), py),
    /** The same, rounded for the prose. */
    firstGradsShort: Array.from(run32.gradients.subarray(0, 3), (v) => g(v)),
    /** w after training, float32 (the listing) and float64. */
    w: py(run32.parameters[run32.steps]),
    w64: py(run64.parameters[run64.steps]),
    /** `predict (after training) 4 …`, float32 and float64. */
    predict: py(predict(run32.parameters[run32.steps], "float32")),
    predict64: py(predict(run64.parameters[run64.steps], "float64")),
    /** The last printed loss (the last sample's, epoch 99), as TeX. */
    lastLossTex: tex(run32.stepLoss[run32.steps - 1]),
    /** The last sample's loss of epoch 0, `progress: 0 …`. */
    epoch0Loss: g(run32.stepLoss[2]),
    /** The first epoch after which the float32 loss no longer changes, and that loss (TeX). */
    plateau: plateau(run32.epochLoss),
    plateauTex: tex(run32.epochLoss[run32.epochs]),
    /** What the float32 listing prints, step by step. */
    printed: printedRun(run32),
  },
  /** The first step of the run, by hand and with backward(). */
  first: firstStep(),
  /** The homework: ŷ = w1·x² + w2·x + b from w1 = w2 = b = 1, the same loop. */
  homework: {
    first: hwFirst(),
    w1: g(hw1),
    w2: g(hw2),
    b: g(hb),
    predict: g(predictHw([hw1, hw2, hb], "float64")),
    /** What the float32 listing prints. */
    printed: {
      w1: py(last(hw32)[0]),
      w2: py(last(hw32)[1]),
      b: py(last(hw32)[2]),
      predict: py(predictHw(last(hw32), "float32")),
      ...printedRun(hw32),
    },
    /** After many more epochs the parameters approach the exact fit (0, 2, 0). */
    long: {
      epochs: LONG,
      w1: g(long[0], 2),
      w2: g(long[1]),
      b: g(long[2], 2),
      predict: g(predictHw(long, "float64")),
    },
  },
};
