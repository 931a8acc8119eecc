/**
 * Numbers that lecture 6's prose and listings state, computed by the engine when the site is
 * built: `{{ lecture6.final.w }}` in a page. The course's run is float32, as PyTorch's default,
 * so the printed digits are the listing's.
 */
import { binaryCrossEntropy, mseLoss, tensor, type TrainConfig } from "../engine/mod.ts";
import { courseData } from "../_components/_chart/course.ts";
import { trainOnce } from "../_components/_chart/train.ts";

const data = courseData("hours");
/** The course's run: Linear(1, 1) from w = 1, b = 0, sigmoid, BCELoss(sum), SGD lr 0.01. */
const course = { w0: 1, b0: 0, lr: 0.01, epochs: 1000, reduction: "sum" as const };

/** The run as the engine's `train` takes it (TrainingCurve's `config`). */
const config: TrainConfig = {
  x: data.x.map((v) => [v]),
  y: data.y.map((v) => [v]),
  model: { layers: [{ linear: [1, 1], weight: [[course.w0]], bias: [course.b0] }, "sigmoid"] },
  loss: { name: "bce", reduction: course.reduction },
  optimizer: { name: "sgd", lr: course.lr },
  epochs: course.epochs,
  dtype: "float32",
};
const run = trainOnce(config);
const P = run.parameterCount;
const at = (step: number) => ({ w: run.parameters[step * P], b: run.parameters[step * P + 1] });
const end = at(run.steps);
const f4 = (v: number) => v.toFixed(4);
const g = (v: number, digits = 4) => String(Number(v.toPrecision(digits)));

/** ŷ = σ(w·x + b) in float32, as the model computes it. */
const sigma = (w: number, b: number, x: number) =>
  tensor([[x]], { dtype: "float32" }).mul(tensor(w, { dtype: "float32" }))
    .add(tensor(b, { dtype: "float32" })).sigmoid().item();
const predict = (x: number) => sigma(end.w, end.b, x);
/** The course's plot: 200 hours from 0 to 10 (`np.linspace(0, 10, 200)`). */
const hours = Array.from({ length: 200 }, (_, i) => i * (10 / 199));
const firstPass = hours.find((x) => predict(x) > 0.5)!;
const threshold = -end.b / end.w;

/**
 * Why not MSE: for one sample with label 0 whose logit is z (so ŷ = σ(z)), the loss and its
 * gradient with respect to z under each loss, from the engine's backward pass.
 */
function lossAndGradient(z: number, kind: "mse" | "bce") {
  const zt = tensor([z], { requiresGrad: true });
  const p = zt.sigmoid();
  const target = tensor([0]);
  const l = kind === "mse" ? mseLoss(p, target) : binaryCrossEntropy(p, target);
  l.backward();
  return { p: p.item(), loss: l.item(), grad: zt.grad!.item() };
}
const wrong = [1, 4].map((z) => ({
  z,
  p: f4(lossAndGradient(z, "bce").p),
  mse: f4(lossAndGradient(z, "mse").loss),
  mseGrad: f4(lossAndGradient(z, "mse").grad),
  bce: f4(lossAndGradient(z, "bce").loss),
  bceGrad: f4(lossAndGradient(z, "bce").grad),
}));

/** σ′(0) = 1/4, the steepest the sigmoid gets, from the engine's backward pass. */
const slope0 = (() => {
  const z = tensor([0], { requiresGrad: true });
  z.sigmoid().sum().backward();
  return z.grad!.item();
})();

/** Where the run goes: w first shrinks (the curve flattens) while the threshold moves right. */
let flattest = 0;
for (let s = 1; s <= run.steps; s++) if (at(s).w < at(flattest).w) flattest = s;
const early = 100;
const path = {
  flattest: { epoch: flattest, w: f4(at(flattest).w) },
  early: { epoch: early, threshold: f4(-at(early).b / at(early).w) },
};

/** The epochs the listing prints: every 200th and the last. */
const printed = [0, 200, 400, 600, 800, 999];

export default {
  /** The run for TrainingCurve ({ config }) and Classifier ({ w, b, train }). */
  config,
  w0: course.w0,
  b0: course.b0,
  train: { lr: course.lr, epochs: course.epochs, reduction: course.reduction, dtype: "float32" },
  lr: course.lr,
  epochs: course.epochs,
  /** The loss printed at epoch e (before that epoch's update), float32 as PyTorch prints it. */
  losses: printed.map((e) => ({
    epoch: e,
    loss: String(run.stepLoss[e]),
    short: f4(run.stepLoss[e]),
  })),
  start: {
    loss: f4(run.epochLoss[0]),
    /** The threshold of the start, −b/w with w = 1, b = 0. */
    threshold: String(-course.b0 / course.w0 + 0),
    p: data.x.map((x) => f4(sigma(course.w0, course.b0, x))),
  },
  final: {
    /** Full float32 digits as the listing prints them, and four decimals for the prose. */
    wFull: String(end.w),
    bFull: String(end.b),
    thresholdFull: String(threshold),
    p4Full: String(predict(4)),
    w: f4(end.w),
    b: f4(end.b),
    threshold: f4(threshold),
    thresholdShort: g(threshold, 3),
    p4: f4(predict(4)),
    loss: f4(run.epochLoss[run.epochs]),
    /** The probabilities of the three students after training. */
    p: data.x.map((x) => f4(predict(x))),
  },
  path,
  /** The trained model as numbers, for charts: σ(w·x + b). */
  model: { w: end.w, b: end.b, threshold },
  /** The course's plot over 0–10 hours: the first grid hour predicted to pass, p at both ends. */
  plot: {
    firstPass: String(Number(firstPass.toFixed(2))),
    p0: f4(predict(0)),
    p10: f4(predict(10)),
  },
  /** The steepest slope of the sigmoid, at 0. */
  slope0: String(slope0),
  /** A wrong, confident prediction (label 0, logit z): loss and gradient under MSE and BCE. */
  wrong,
};
