/**
 * Numbers that lecture 9's prose and listings state, computed by the engine when the site is
 * built: `{{ lecture9.one.loss }}` in a page. The digits network trains here, in float32 as
 * the PyTorch listing does, from the initial weights PyTorch draws (`lecture9/torch_init.json`).
 */
import {
  buildModel,
  crossEntropy,
  nllLoss,
  tensor,
  train,
  type TrainConfig,
} from "../engine/mod.ts";

const f4 = (v: number) => v.toFixed(4);

// The course's one sample: z = [0.2, 0.1, −0.1], true class 0.
const z = [0.2, 0.1, -0.1];
const zt = tensor(z);
const p = Array.from(zt.softmax(0).data);
const one = {
  z,
  target: 0,
  exp: Array.from(zt.exp().data, f4),
  sum: f4(zt.exp().sum().item()),
  p: p.map(f4),
  loss: f4(nllLoss(zt.logSoftmax(0), 0).item()),
};

// The course's batch of three: the true classes and two sets of logits, float32 as in torch.
const batch = {
  y: [2, 0, 1],
  z1: [[0.1, 0.2, 0.9], [1.1, 0.1, 0.2], [0.2, 2.1, 0.1]],
  z2: [[0.8, 0.2, 0.3], [0.2, 0.3, 0.5], [0.2, 0.2, 0.5]],
};
const batchLoss = (logits: number[][]) =>
  crossEntropy(tensor(logits, { dtype: "float32" }), batch.y).item();
const loss1 = f4(batchLoss(batch.z1)), loss2 = f4(batchLoss(batch.z2));
const viaNll = f4(
  nllLoss(tensor(batch.z1, { dtype: "float32" }).logSoftmax(1), batch.y).item(),
);

/**
 * The digits network, trained on first use: the build loads `_data/` for every site it builds,
 * and only lecture 9 and the guide read these, so no other page waits for the training.
 */
function trainDigits() {
  // The digits: 64 pixels (0–16) and a label per line; the first 1,500 train, the rest test.
  const rows = Deno.readTextFileSync(new URL("../datasets/digits.csv", import.meta.url))
    .trim().split("\n").map((line) => line.split(",").map(Number));
  const TRAIN = 1500;
  const x = rows.map((r) => r.slice(0, 64).map((v) => v / 16));
  const labels = rows.map((r) => r[64]);
  const init = JSON.parse(
    Deno.readTextFileSync(new URL("./lecture9/torch_init.json", import.meta.url)),
  );
  const net = {
    hidden: 32,
    lr: 0.1,
    momentum: 0.5,
    batchSize: 64,
    epochs: 20,
  };
  const config: TrainConfig = {
    x: x.slice(0, TRAIN),
    y: labels.slice(0, TRAIN),
    model: {
      layers: [
        { linear: [64, net.hidden], weight: init["l1.weight"], bias: init["l1.bias"] },
        "relu",
        { linear: [net.hidden, 10], weight: init["l2.weight"], bias: init["l2.bias"] },
      ],
    },
    loss: { name: "crossEntropy" },
    optimizer: { name: "sgd", lr: net.lr, momentum: net.momentum },
    epochs: net.epochs,
    batchSize: net.batchSize,
    dtype: "float32",
    record: "epoch",
  };
  const run = train(config);
  const model = buildModel(config);
  const P = run.parameterCount;
  const testX = tensor(x.slice(TRAIN), { dtype: "float32" });
  const testY = labels.slice(TRAIN);

  /** Test-set logits after epoch e (e = 0: the initial weights). */
  function logitsAfter(e: number): number[][] {
    model.loadParameters(run.parameters.subarray(e * P, (e + 1) * P));
    return model.call(testX).toArray() as number[][];
  }
  const argmax = (v: number[]) => v.indexOf(Math.max(...v));
  const epochs = Array.from({ length: run.epochs }, (_, k) => {
    const e = k + 1;
    const steps = run.stepLoss.subarray(k * run.stepsPerEpoch, e * run.stepsPerEpoch);
    // The listing adds loss.item() (a Python float) batch by batch, then divides.
    const mean = steps.reduce((s, v) => s + v, 0) / steps.length;
    const correct = logitsAfter(e).filter((l, i) => argmax(l) === testY[i]).length;
    return { epoch: e, loss: f4(mean), correct };
  });
  const last = epochs[epochs.length - 1];
  const finalLogits = logitsAfter(run.epochs);
  const predicted = finalLogits.map(argmax);
  const pct = (n: number) => (100 * n / testY.length).toFixed(1);

  /** A few test digits for the page: the first four and the first one the network gets wrong. */
  const wrong = predicted.findIndex((c, i) => c !== testY[i]);
  if (wrong < 0) throw new Error("lecture9: every test digit is right; the page shows a wrong one");
  const shown = [0, 1, 2, 3, wrong].map((i) => {
    const probs = Array.from(tensor(finalLogits[i]).softmax(0).data);
    return {
      index: i,
      pixels: rows[TRAIN + i].slice(0, 64),
      label: testY[i],
      predicted: predicted[i],
      p: probs,
      logits: finalLogits[i].map((v) => Number(v.toFixed(2))),
    };
  });

  /** What the digits listing prints, line by line: the engine's numbers in its format. */
  const printout = epochs.map((e) =>
    `epoch ${String(e.epoch).padStart(2)}  loss ${e.loss}  accuracy ${e.correct}/${testY.length}`
  );

  return {
    count: rows.length,
    train: TRAIN,
    test: testY.length,
    ...net,
    parameters: P,
    history: epochs,
    correct: last.correct,
    accuracy: pct(last.correct),
    firstAccuracy: pct(epochs[0].correct),
    firstLoss: epochs[0].loss,
    finalLoss: last.loss,
    wrongCount: testY.length - last.correct,
    printout,
    shown,
    wrong: shown[shown.length - 1],
  };
}

let digits: ReturnType<typeof trainDigits> | undefined;

/** The course's MNIST, as the course states it (not computed: the notes cannot ship it). */
const mnist = { images: "70,000", train: "60,000", test: "10,000" };

export default {
  mnist,
  one,
  batch: { ...batch, loss1, loss2, viaNll },
  /** The 8 × 8 digits network: data, run, test accuracy, a few test pictures. */
  get digits() {
    return digits ??= trainDigits();
  },
};
