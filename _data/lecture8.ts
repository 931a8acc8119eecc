/**
 * Numbers that lecture 8's prose states: the lecture 7 network trained on
 * datasets/breast_cancer8.csv in mini-batches, shuffled by the engine's DataLoader (seed 7, the
 * order datasets/engine_random.py's EngineShuffle gives the PyTorch listing).
 */
import type { TrainConfig } from "../engine/mod.ts";
import { trainOnce as train } from "../_components/_chart/train.ts";
import { breastCancer8 } from "../datasets/breast_cancer8.ts";

const data = breastCancer8();
const n = data.x.length;
const EPOCHS = 100, LR = 0.1, SEED = 7, BATCH = 32;

/** The course's lecture 8 run: 8 → 6 → 4 → 1 sigmoids, BCELoss, SGD, batches of 32, shuffled. */
const config: TrainConfig = {
  x: data.x,
  y: data.y,
  model: {
    layers: [
      { linear: [8, 6] },
      "sigmoid",
      { linear: [6, 4] },
      "sigmoid",
      { linear: [4, 1] },
      "sigmoid",
    ],
  },
  loss: { name: "bce" },
  optimizer: { name: "sgd", lr: LR },
  epochs: EPOCHS,
  batchSize: BATCH,
  shuffle: true,
  seed: SEED,
  record: "epoch",
};
const sizes = { one: 1, course: BATCH, all: n };
/**
 * The runs and what the prose states of them, worked out when a page first reads one (builds of
 * other sites, such as the tests' small ones, never do).
 */
function results() {
  const runs = Object.fromEntries(
    Object.entries(sizes).map(([k, b]) => [k, train({ ...config, batchSize: b })]),
  ) as Record<keyof typeof sizes, ReturnType<typeof train>>;
  const summary = (k: keyof typeof sizes) => {
    const r = runs[k];
    return {
      batch: sizes[k],
      perEpoch: r.stepsPerEpoch,
      updates: r.steps,
      after1: f4(r.epochLoss[1]),
      after10: f4(r.epochLoss[10]),
      final: f4(r.epochLoss[EPOCHS]),
      /** First epoch after which the loss on the whole set is below 0.5 (−1: not within the run). */
      below05: [...r.epochLoss].findIndex((l) => l < 0.5),
    };
  };
  const course = runs.course;
  /**
   * The same three batch sizes given about the same number of updates (1,800 for batches of 32
   * in 100 epochs): batches of 1 for 3 epochs, the whole set for 1,800 epochs.
   */
  const sameUpdates = { one: 3, course: EPOCHS, all: 18 * EPOCHS };
  const perUpdate = Object.fromEntries(
    Object.entries(sameUpdates).map(([k, epochs]) => {
      const r = train({ ...config, batchSize: sizes[k as keyof typeof sizes], epochs });
      return [k, { epochs, updates: r.steps, final: f4(r.epochLoss[epochs]) }];
    }),
  ) as Record<keyof typeof sizes, { epochs: number; updates: number; final: string }>;
  return {
    runs: { one: summary("one"), course: summary("course"), all: summary("all") },
    printed: Array.from({ length: EPOCHS / 10 }, (_, i) => ({
      epoch: 10 * (i + 1),
      updates: 10 * (i + 1) * course.stepsPerEpoch,
      loss: f4(course.epochLoss[10 * (i + 1)]),
    })),
    perUpdate,
  };
}
let made: ReturnType<typeof results> | undefined;
const result = () => made ??= results();
const f4 = (v: number) => v.toFixed(4);

export default {
  /** The base config, for the charts (`comp.TrainingCurve({ config: lecture8.config, … })`). */
  config,
  setup: { lr: LR, epochs: EPOCHS, batch: BATCH, seed: SEED },
  rows: n,
  /** Iterations per epoch with batches of 32, and the size of the last, smaller batch. */
  iterations: Math.ceil(n / BATCH),
  lastBatch: n - (Math.ceil(n / BATCH) - 1) * BATCH,
  fullBatches: Math.ceil(n / BATCH) - 1,
  /** Batch sizes 1, 32 and the whole set, 100 epochs each. */
  get runs() {
    return result().runs;
  },
  /** The listing's printout: the whole set's loss after every tenth epoch of the batch-32 run. */
  get printed() {
    return result().printed;
  },
  /** Runs with about as many updates as the batch-32 run: epochs, updates, final loss. */
  get perUpdate() {
    return result().perUpdate;
  },
};
