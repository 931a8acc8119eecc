/**
 * Numbers that lecture 7's prose states, computed by the engine when the site is built from the
 * table its listings read (datasets/breast_cancer8.csv): `{{ lecture7.course.loss }}` in a page.
 * The runs start from the weights the engine draws with seed 7, which the listings set in
 * PyTorch with datasets/engine_random.py.
 */
import { buildModel, noGrad, tensor, type TrainConfig } from "../engine/mod.ts";
import { trainOnce } from "../_components/_chart/train.ts";
import { breastCancer8 } from "../datasets/breast_cancer8.ts";

const data = breastCancer8();
const n = data.x.length, positives = data.y.filter(([v]) => v === 1).length;

/** The course's net, 8 → 6 → 4 → 1, with `act` after the two hidden layers, a sigmoid last. */
const net = (act: "sigmoid" | "tanh" | "relu") =>
  ({
    layers: [{ linear: [8, 6] }, act, { linear: [6, 4] }, act, { linear: [4, 1] }, "sigmoid"],
  }) as TrainConfig["model"];

/** The course's run (BCELoss, SGD lr 0.1, the whole set each step), continued to `LONG` epochs. */
const COURSE_EPOCHS = 100, LONG = 3000, LR = 0.1, SEED = 7;
const config = (act: "sigmoid" | "tanh" | "relu"): TrainConfig => ({
  x: data.x,
  y: data.y,
  model: net(act),
  loss: { name: "bce" },
  optimizer: { name: "sgd", lr: LR },
  epochs: LONG,
  seed: SEED,
  record: "epoch",
});
type Act = "sigmoid" | "tanh" | "relu";
let trained: Record<Act, ReturnType<typeof trainOnce>> | undefined;
/**
 * The three runs, trained when a page first reads a number that needs them (builds of other
 * sites, such as the tests' small ones, never do); trainOnce lets the page's charts that name the
 * same runs reuse these records.
 */
const runs = () =>
  trained ??= {
    sigmoid: trainOnce(config("sigmoid")),
    tanh: trainOnce(config("tanh")),
    relu: trainOnce(config("relu")),
  };

/** Share of the samples the net gets right (output > 0.5 ⇒ malignant) after `epoch` epochs. */
function accuracy(act: Act, epoch: number): number {
  const run = runs()[act], P = run.parameterCount;
  const model = buildModel(config(act)).loadParameters(
    run.parameters.subarray(epoch * P, (epoch + 1) * P),
  );
  const out = noGrad(() => model.call(tensor(data.x))).data;
  return data.y.filter(([v], i) => (out[i] > 0.5 ? 1 : 0) === v).length / n;
}

const f4 = (v: number) => v.toFixed(4);
const pct = (v: number) => (100 * v).toFixed(1);
const p = positives / n;
/** Binary cross-entropy of answering p for every sample: the best a net that ignores x can do. */
const entropy = (p: number) => -(p * Math.log(p) + (1 - p) * Math.log(1 - p));
const constant = entropy(p);

const summary = (act: Act) => ({
  start: f4(runs()[act].epochLoss[0]),
  course: f4(runs()[act].epochLoss[COURSE_EPOCHS]),
  final: f4(runs()[act].epochLoss[LONG]),
  accuracy: pct(accuracy(act, LONG)),
  /** First epoch after which the loss is below 0.5. */
  below05: [...runs()[act].epochLoss].findIndex((l) => l < 0.5),
});

/** What the prose states of the trained runs, worked out once. */
function results() {
  const sig = runs().sigmoid;
  return {
    parameters: sig.parameterCount,
    course: {
      start: f4(sig.epochLoss[0]),
      loss: f4(sig.epochLoss[COURSE_EPOCHS]),
      accuracy: pct(accuracy("sigmoid", COURSE_EPOCHS)),
      /** The listing's printout: the loss before the update of every tenth epoch. */
      printed: Array.from({ length: COURSE_EPOCHS / 10 }, (_, i) => ({
        epoch: 10 * i,
        loss: f4(sig.epochLoss[10 * i]),
      })),
    },
    long: {
      loss: f4(sig.epochLoss[LONG]),
      accuracy: pct(accuracy("sigmoid", LONG)),
      /** First epoch after which the loss is below 0.5 (the plateau is left). */
      below05: [...sig.epochLoss].findIndex((l) => l < 0.5),
      /** An epoch on the plateau, and the loss there. */
      plateau: 1000,
      at1000: f4(sig.epochLoss[1000]),
      printed: Array.from({ length: LONG / 500 + 1 }, (_, i) => ({
        epoch: 500 * i,
        loss: f4(sig.epochLoss[500 * i]),
      })),
    },
    activations: { sigmoid: summary("sigmoid"), tanh: summary("tanh"), relu: summary("relu") },
  };
}
let made: ReturnType<typeof results> | undefined;
const result = () => made ??= results();

export default {
  data: {
    rows: n,
    features: data.x[0].length,
    columns: data.columns,
    malignant: positives,
    benign: n - positives,
    malignantPct: pct(p),
    benignPct: pct(1 - p),
  },
  /** Settings of the runs, so the prose and the listings state the same ones. */
  setup: { lr: LR, epochs: COURSE_EPOCHS, long: LONG, seed: SEED },
  /** Scalar parameters of 8 → 6 → 4 → 1: 8·6 + 6 + 6·4 + 4 + 4·1 + 1. */
  get parameters() {
    return result().parameters;
  },
  /** The loss of answering the malignant share for everyone. */
  constant: f4(constant),
  /** What the course's own run prints after 100 epochs on its diabetes file (a course fact). */
  courseLoss: "0.645",
  /** The constant answer's loss on that file (496 of its 759 rows labelled 1). */
  courseConstant: entropy(496 / 759).toFixed(3),
  /** The course's 100 epochs: first and last loss, accuracy, the listing's printout. */
  get course() {
    return result().course;
  },
  /** The same run continued to 3,000 epochs, past the plateau. */
  get long() {
    return result().long;
  },
  /** The exercise: sigmoid, tanh and ReLU hidden layers. */
  get activations() {
    return result().activations;
  },
  /** The sigmoid run, for the charts (`comp.TrainingCurve({ config: lecture7.config })`). */
  config: config("sigmoid"),
  /** The nets with tanh and ReLU hidden layers, as `runs` of that chart. */
  models: { tanh: net("tanh"), relu: net("relu") },
};
