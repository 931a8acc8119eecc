/**
 * Numbers that lecture 3's prose states, computed by the engine when the site is built:
 * `{{ lecture3.batch.final }}` in a page.
 */
import { arange, gradientDescent, mse } from "../engine/mod.ts";
import { COURSE_AXIS } from "../_components/_chart/course.ts";
import { courseData } from "../_components/_chart/course.ts";

const data = courseData("descent");
const course = { w0: 1, lr: 0.01, epochs: 100 };
const batch = gradientDescent(data, course);
const sgd = gradientDescent(data, { ...course, stochastic: true, shuffle: false });
const meanX2 = data.x.reduce((s, x) => s + x * x, 0) / data.x.length;
const g = (v: number, digits = 6) => String(Number(v.toPrecision(digits)));
/** A value as TeX: four digits, or three and a power of ten below 0.01. */
function tex(v: number): string {
  if (v >= 0.01) return g(v, 4);
  const [m, e] = v.toExponential(2).split("e");
  return `${m} \\times 10^{${Number(e)}}`;
}
/** A large value as TeX, three digits: 1.34 \times 10^{16}. */
function sci(v: number): string {
  const [m, e] = v.toExponential(2).split("e");
  return `${m} \\times 10^{${Number(e)}}`;
}
/** The factor the distance to w = 2 shrinks by each epoch at learning rate `lr`. */
const factorAt = (lr: number) => 1 - 2 * lr * meanX2;
const factor = factorAt(course.lr);
/** The gradient of the cost at the starting point: 2 (w0 − 2) · mean(x²). */
const gradAtStart = 2 * (course.w0 - 2) * meanX2;
/** Candidates per parameter of the previous lecture's grid. */
const candidates = arange(COURSE_AXIS.start, COURSE_AXIS.stop, COURSE_AXIS.step).length;

/** The printed epoch `e` of the course's loop is the state after e + 1 updates. */
const after = (e: number) => batch.steps[e + 1];
const converged = batch.steps.find((s) => Math.abs(s.w - 2) < 1e-3)!;
const runs = Object.fromEntries(
  [0.001, 0.01, 0.1, 0.2, 0.22].map((lr) => {
    // Every epoch runs, as the course's loop does, even where it diverges.
    const run = gradientDescent(data, { ...course, lr, stopDiverging: false });
    return [String(lr), g(run.final.w)];
  }),
);

// With a bias: y = w x + b from (w, b) = (1, 1.5), α = 0.05, batch and in-order SGD.
const withBias = { w0: 1, b0: 1.5, lr: 0.05, epochs: 100, fitBias: true, shuffle: false };
const biasBatch = gradientDescent(data, withBias).final;
const biasSgd = gradientDescent(data, { ...withBias, stochastic: true }).final;

export default {
  /** The batch run of the course: w0 = 1, α = 0.01, 100 epochs. */
  batch: {
    rows: [0, 9, 49, 99].map((e) => ({
      epoch: e,
      w: after(e).w.toFixed(6),
      cost: g(after(e).mse, 4),
      /** TeX: 3.836, 2.59 \times 10^{-4}. */
      costTex: tex(after(e).mse),
    })),
    final: after(99).w.toFixed(6),
    predict: g(4 * after(99).w),
    /** The prediction for x = 4 as Python prints it (all digits). */
    predictExact: 4 * after(99).w,
    /** w and the cost after each epoch, all digits: what the listing prints. */
    trace: batch.steps.map((s) => ({ w: s.w, cost: s.mse })),
    /** The factor the distance to w = 2 shrinks by each epoch. */
    factor: g(factor, 5),
    factorSquared: g(factor ** 2, 3),
    /** The factor to the power of the epochs, as TeX: 5.56 \times 10^{-5}. */
    factorToEpochsTex: tex(factor ** course.epochs),
    /** How much of the distance to w = 2 each epoch removes, in percent (2 digits). */
    shrinkPercent: g((1 - factor) * 100, 2),
    /** Epochs until |w − 2| < 10⁻³. */
    epochsTo1e3: converged.epoch,
    costAtStart: g(mse(data, course.w0)),
  },
  /** w after 100 epochs for each learning rate the lecture compares (6 digits). */
  runs,
  /** The factor for other learning rates (3 digits, 5 where it is close to 1). */
  factors: {
    "0.001": g(factorAt(0.001), 5),
    "0.2": g(factorAt(0.2), 3),
  },
  /** The first epochs of α = 0.2, jumping back and forth across w = 2 (4 digits). */
  bounce: gradientDescent(data, { ...course, lr: 0.2, epochs: 3 }).steps.slice(1)
    .map((s) => g(s.w, 4)),
  /** The learning rate whose factor is 0: one step lands on w = 2. */
  oneStepLr: g(1 / (2 * meanX2), 3),
  /** The gradient at w0 = 1 (3 digits), and w after the first step (5 digits). */
  gradAtStart: g(gradAtStart, 3),
  firstStep: g(course.w0 - course.lr * gradAtStart, 5),
  /** Points of an exhaustive grid with `k` parameters: text with commas, TeX for large k. */
  grid: [1, 2, 3, 4, 10].map((k) => ({
    k,
    text: (candidates ** k).toLocaleString("en-US"),
    tex: sci(candidates ** k),
  })),
  /** The diverging run's w after 100 epochs, to 4 digits. */
  divergedW: g(Number(runs["0.22"]), 4),
  /** The learning rate past which batch descent diverges: 2 / (2 · mean(x²)). */
  critical: g(2 / (2 * meanX2), 3),
  /** Final (w, b) of the two runs drawn on the heatmap, to 2 decimals. */
  bias: {
    batch: { w: biasBatch.w.toFixed(2), b: biasBatch.b.toFixed(2) },
    sgd: { w: biasSgd.w.toFixed(2), b: biasSgd.b.toFixed(2) },
  },
  sgd: {
    first: sgd.steps[1].w.toFixed(6),
    predict: String(4 * sgd.final.w),
    /** w and the cost after each epoch of the in-order run, all digits. */
    trace: sgd.steps.map((s) => ({ w: s.w, cost: s.mse })),
  },
};
