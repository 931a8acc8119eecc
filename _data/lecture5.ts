/**
 * Numbers that lecture 5's prose, listings and charts show, computed by the engine when the
 * site is built: `{{ lecture5.sgd.w }}` in a page, `config: lecture5.config` for a chart.
 *
 * The course's run: nn.Linear(1, 1) started at w = 1, b = 0 (set explicitly, so every machine
 * prints the same digits), MSELoss(reduction="sum"), SGD lr 0.01, 1000 epochs, in float32 as
 * PyTorch's default dtype computes it: the engine's float32 mode gives the listing's digits.
 */
import { buildModel, tensor, type TrainConfig, type TrainRecord } from "../engine/mod.ts";
import { trainOnce } from "../_components/_chart/train.ts";

const EPOCHS = 1000;

/** The course's run, as the lecture's charts and listings run it. */
const config: TrainConfig = {
  x: [[1], [2], [3]],
  y: [[2], [4], [6]],
  model: { layers: [{ linear: [1, 1], weight: [[1]], bias: [0] }] },
  loss: { name: "mse", reduction: "sum" },
  optimizer: { name: "sgd", lr: 0.01 },
  epochs: EPOCHS,
  dtype: "float32",
};

/** The exercise: the same problem, the same start and lr, other optimizers. */
const OPTIMIZERS = [
  { key: "sgd", name: "SGD" },
  { key: "adam", name: "Adam" },
  { key: "adagrad", name: "Adagrad" },
  { key: "rmsprop", name: "RMSprop" },
] as const;
const exerciseRuns = OPTIMIZERS.map(({ key }) => ({ optimizer: { name: key, lr: 0.01 } }));

/** A number as Python's repr prints a float: 14.0, 4.202542550046928e-05. */
function py(v: number): string {
  const [, exp] = v.toExponential().split("e");
  const e = Number(exp);
  if (v !== 0 && (e < -4 || e >= 16)) {
    const [m] = v.toExponential().split("e");
    return `${m}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  const s = String(v);
  return Number.isInteger(v) ? `${s}.0` : s;
}
/** v to `digits` significant digits, as prose shows it. */
const g = (v: number, digits = 6) => String(Number(v.toPrecision(digits)));
/** A small loss for prose in TeX: 3.07 \times 10^{-8}. */
function tex(v: number): string {
  if (v >= 0.01) return g(v, 4);
  const [m, e] = v.toExponential(2).split("e");
  return `${m} \\times 10^{${Number(e)}}`;
}

/** w and b of a run after `epoch` epochs (full batch: one step per epoch). */
function at(run: TrainRecord, epoch: number): { w: number; b: number } {
  const P = run.parameterCount;
  return { w: run.parameters[epoch * P], b: run.parameters[epoch * P + 1] };
}

/** The model's prediction for x, with the parameters after `epoch` epochs, in float32. */
function predict(run: TrainRecord, epoch: number, x: number): number {
  const model = buildModel(config);
  const P = run.parameterCount;
  model.loadParameters(run.parameters.subarray(epoch * P, (epoch + 1) * P));
  return model.call(tensor([[x]], { dtype: "float32" })).item();
}

const sgd = trainOnce(config);
const end = at(sgd, EPOCHS);
const pred = predict(sgd, EPOCHS, 4);
const first = at(sgd, 1);
const after100 = at(sgd, 100);
/** Epochs printed by the training listing: every 100th and the last. */
const printed = [...Array.from({ length: 10 }, (_, i) => i * 100), EPOCHS - 1];

// reduction="mean" divides the loss, and so the gradient, by N = 3.
const meanRun = trainOnce({ ...config, loss: { name: "mse", reduction: "mean" } });

const exercise = OPTIMIZERS.map(({ key, name }, i) => {
  const run = trainOnce({ ...config, ...exerciseRuns[i] });
  const p = at(run, EPOCHS);
  const loss = run.epochLoss[EPOCHS];
  const below = Array.from(run.epochLoss).findIndex((v) => v < 0.01);
  let bMax = -Infinity;
  for (let e = 0; e <= EPOCHS; e++) bMax = Math.max(bMax, at(run, e).b);
  return {
    key,
    name,
    loss,
    /** First epoch whose loss is below 0.01, or null. */
    below: below < 0 ? null : below,
    /** The largest b on the way, to 2 decimals. */
    bMax: bMax.toFixed(2),
    /** The lowest loss on the way (TeX) and its epoch. */
    minLoss: tex(Math.min(...run.epochLoss)),
    minEpoch: Array.from(run.epochLoss).indexOf(Math.min(...run.epochLoss)),
    w: p.w,
    b: p.b,
    /** As the exercise listing prints them: 3.029e-08, 1.9999, 0.0003. */
    lossText: loss.toExponential(3).replace(/e([+-])(\d)$/, "e$10$2"),
    wText: p.w.toFixed(4),
    bText: p.b.toFixed(4),
    lossTex: tex(loss),
  };
});
const byKey = Object.fromEntries(exercise.map((r) => [r.key, r]));

/** The exercise again at lr 0.1, for the prose that invites the reader to try it. */
const faster = Object.fromEntries(
  OPTIMIZERS.filter((o) => o.key !== "sgd").map(({ key }) => {
    const run = trainOnce({ ...config, optimizer: { name: key, lr: 0.1 } });
    const below = Array.from(run.epochLoss).findIndex((v) => v < 0.01);
    return [key, { w: g(at(run, EPOCHS).w, 4), below: below < 0 ? null : below }];
  }),
);
const decades = Math.round(Math.log10(sgd.epochLoss[0] / sgd.epochLoss[EPOCHS]));

// The Hessian of L(w, b) = Σ (x·w + b − y)² is 2·[[Σx², Σx], [Σx, N]]; plain gradient descent
// diverges once lr > 2 / λ_max, its largest eigenvalue.
const xs = [1, 2, 3], sxx = xs.reduce((s, x) => s + x * x, 0), sx = xs.reduce((s, x) => s + x, 0);
const half = (sxx + xs.length) / 2, root = Math.sqrt(((sxx - xs.length) / 2) ** 2 + sx * sx);
const lambdaMax = 2 * (half + root);

export default {
  /** The course's run as a TrainingCurve takes it. */
  config,
  /** The exercise's runs (SGD, Adam, Adagrad, RMSprop at lr 0.01) as a TrainingCurve's `runs`. */
  exerciseRuns,
  epochs: EPOCHS,
  /** The course's run in float32, as the listing prints it. */
  sgd: {
    /** Loss before training, Σ (x·1 + 0 − 2x)² = 1 + 4 + 9. */
    start: sgd.epochLoss[0],
    startText: py(sgd.epochLoss[0]),
    /** The lines `epoch loss` the training loop prints. */
    lines: printed.map((e) => ({
      epoch: e,
      loss: sgd.stepLoss[e],
      text: `${e} ${py(sgd.stepLoss[e])}`,
    })),
    /** The gradients of the first step and w, b after it. */
    grad: { w: sgd.gradients[0], b: sgd.gradients[1] },
    first: { w: g(first.w), b: g(first.b) },
    after100: { w: g(after100.w, 5), b: g(after100.b, 4), loss: tex(sgd.epochLoss[100]) },
    /** After 1000 epochs: the printed values and the prose's rounded ones. */
    w: end.w,
    b: end.b,
    pred,
    wText: py(end.w),
    bText: py(end.b),
    predText: py(pred),
    /** The tensor PyTorch prints for y_test.data: four decimals. */
    predTensor: pred.toFixed(4),
    wShort: g(end.w),
    bShort: g(end.b, 3),
    predShort: g(pred, 5),
    lossEnd: tex(sgd.epochLoss[EPOCHS]),
  },
  /** The largest eigenvalue of the loss's Hessian, and the lr past which SGD diverges. */
  lambdaMax: g(lambdaMax, 4),
  criticalLr: g(2 / lambdaMax, 3),
  /** The same run with reduction="mean": gradients a third as large, slower. */
  mean: { w: g(at(meanRun, EPOCHS).w), b: g(at(meanRun, EPOCHS).b, 3) },
  /** The exercise: one row per optimizer. */
  exercise,
  /** Adam, Adagrad, RMSprop at lr 0.1. */
  faster,
  /** Powers of ten the course run's loss falls through. */
  decades,
  adam: byKey.adam,
  adagrad: byKey.adagrad,
  rmsprop: byKey.rmsprop,
  sgdRun: byKey.sgd,
};
