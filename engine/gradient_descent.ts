import { lossAt, meanResidual } from "./closed_form.ts";
import { mulberry32 } from "./random.ts";
import { reduceStats } from "./stats.ts";
import type { Dataset } from "./types.ts";
import { checkData, checkFinite, checkInteger, checkOptions, show } from "./validate.ts";

/** Options of {@linkcode gradientDescent}. */
export interface GradientDescentOptions {
  /** Starting weight. */
  w0: number;
  /** Starting intercept (default 0); it stays fixed unless `fitBias` is set. */
  b0?: number;
  /** Learning rate, a finite number > 0. */
  lr: number;
  /** Number of passes over the data, an integer >= 0. */
  epochs: number;
  /** Also learn the intercept b (default false: the course's model y = x w). */
  fitBias?: boolean;
  /**
   * Stochastic gradient descent (default false: batch): each epoch visits every sample once,
   * in an order shuffled by a generator seeded with `seed`, and updates after each sample.
   */
  stochastic?: boolean;
  /**
   * Stochastic mode only: shuffle the samples every epoch (default true); false visits them in
   * the data's order, as the course's loop `for x, y in zip(x_data, y_data)` does.
   */
  shuffle?: boolean;
  /** Seed of the shuffle, an integer in [0, 2^32) (default 0): same seed, same trajectory. */
  seed?: number;
  /**
   * Stop a run that diverges (default true). false runs every epoch, as a plain loop does,
   * unless the numbers overflow.
   */
  stopDiverging?: boolean;
  /** Largest `epochs` allowed (default 1,000,000): bounds the trajectory's memory. */
  maxEpochs?: number;
  /** Largest `epochs × samples` allowed in stochastic mode (default 100,000,000). */
  maxUpdates?: number;
}

/** Default options of {@linkcode gradientDescent}. */
export const gradientDescentDefaults = {
  b0: 0,
  fitBias: false,
  stochastic: false,
  shuffle: true,
  seed: 0,
  stopDiverging: true,
  maxEpochs: 1_000_000,
  maxUpdates: 100_000_000,
} satisfies Partial<GradientDescentOptions>;

/** The parameters after `epoch` passes over the data, and the MSE there. */
export interface DescentStep {
  epoch: number;
  w: number;
  b: number;
  mse: number;
}

/** Why and when a run was stopped. */
export interface Divergence {
  /** Epoch at which divergence was detected; the trajectory ends there or just before. */
  epoch: number;
  /**
   * `"non-finite"`: w, b or the MSE overflowed (that state is not in `steps`);
   * `"exploded"`: the MSE passed 1e12 × max(starting MSE, MSE of w = b = 0);
   * `"growing"`: the MSE rose for 50 epochs in a row and exceeds the starting MSE.
   */
  reason: "non-finite" | "exploded" | "growing";
  /** A sentence for the reader, naming the learning rate. */
  message: string;
}

/** A descent trajectory. */
export interface GradientDescentResult {
  /** Every state from the start (epoch 0) on; only finite numbers. */
  steps: DescentStep[];
  /** `"ok"`: all epochs ran; `"diverged"`: stopped early, see `divergence`. */
  status: "ok" | "diverged";
  /** Set when `status` is `"diverged"`, null otherwise. */
  divergence: Divergence | null;
  /** The last entry of `steps`. */
  final: DescentStep;
}

const EXPLODE_FACTOR = 1e12;
const GROWING_EPOCHS = 50;

/**
 * Fits `y = w x + b` by gradient descent on the MSE and records the path, one step per epoch.
 *
 * Batch mode uses the exact full-data gradient, `dw = mean(2 x (w x + b - y))` and
 * `db = mean(2 (w x + b - y))`, from centred statistics (O(1) per epoch). Stochastic mode
 * updates on one sample's gradient `2 x (w x + b - y)` at a time. A run that blows up stops
 * with `status: "diverged"` instead of producing NaNs.
 *
 * @example
 * const run = gradientDescent({ x: [1, 2, 3], y: [2, 4, 6] }, { w0: 1, lr: 0.01, epochs: 100 });
 * run.steps[0]; // { epoch: 0, w: 1, b: 0, mse: 4.666666666666667 }
 * run.final.w * 4; // ≈ 7.9998, approaching 8
 *
 * @throws {TypeError|RangeError} bad data, unknown options, lr <= 0, non-integer epochs, or a
 *   run larger than `maxEpochs` / `maxUpdates`.
 */
export function gradientDescent(
  data: Dataset,
  options: GradientDescentOptions,
): GradientDescentResult {
  const fn = "gradientDescent";
  if (options === undefined) throw new TypeError(`${fn}: options { w0, lr, epochs } are required`);
  const o = checkOptions(fn, options, [
    "w0",
    "b0",
    "lr",
    "epochs",
    "fitBias",
    "stochastic",
    "shuffle",
    "seed",
    "stopDiverging",
    "maxEpochs",
    "maxUpdates",
  ]);
  const d = gradientDescentDefaults;
  const w0 = checkFinite(fn, "w0", o.w0);
  const b0 = o.b0 === undefined ? d.b0 : checkFinite(fn, "b0", o.b0);
  const lr = checkFinite(fn, "lr", o.lr);
  if (lr <= 0) throw new RangeError(`${fn}: lr must be > 0, got ${lr}`);
  const maxEpochs = o.maxEpochs === undefined
    ? d.maxEpochs
    : checkInteger(fn, "maxEpochs", o.maxEpochs, 0, Number.MAX_SAFE_INTEGER);
  const epochs = checkInteger(fn, "epochs", o.epochs, 0, maxEpochs, "maxEpochs");
  const fitBias = checkBoolean(fn, "fitBias", o.fitBias, d.fitBias);
  const stochastic = checkBoolean(fn, "stochastic", o.stochastic, d.stochastic);
  const shuffle = checkBoolean(fn, "shuffle", o.shuffle, d.shuffle);
  const stop = checkBoolean(fn, "stopDiverging", o.stopDiverging, d.stopDiverging);
  const seed = o.seed === undefined ? d.seed : checkInteger(fn, "seed", o.seed, 0, 2 ** 32 - 1);
  const maxUpdates = o.maxUpdates === undefined
    ? d.maxUpdates
    : checkInteger(fn, "maxUpdates", o.maxUpdates, 0, Number.MAX_SAFE_INTEGER);

  const checked = checkData(fn, data, false);
  const { x, y, n } = checked;
  const stats = reduceStats(fn, checked);
  if (stochastic && epochs * n > maxUpdates) {
    throw new RangeError(
      `${fn}: ${epochs} epochs × ${n} samples = ${epochs * n} updates exceed ` +
        `maxUpdates ${maxUpdates} (raise it with { maxUpdates })`,
    );
  }

  const mse0 = lossAt(stats, w0, b0);
  const scale = Math.max(mse0, lossAt(stats, 0, 0));
  const limit = scale > 0 ? EXPLODE_FACTOR * scale : Infinity;
  const meanX = stats.cx + stats.mdx;
  const order = stochastic ? new Uint32Array(n).map((_, i) => i) : null;
  const random = mulberry32(seed);

  const steps: DescentStep[] = [{ epoch: 0, w: w0, b: b0, mse: mse0 }];
  let w = w0, b = b0, rising = 0;
  let divergence: Divergence | null = null;
  const diverged = (epoch: number, reason: Divergence["reason"], what: string): Divergence => ({
    epoch,
    reason,
    message: `diverged at epoch ${epoch}: ${what} (lr ${lr})`,
  });

  for (let epoch = 1; epoch <= epochs; epoch++) {
    if (order) {
      for (let i = n - 1; shuffle && i > 0; i--) {
        const k = Math.floor((random() / 4294967296) * (i + 1));
        const t = order[i];
        order[i] = order[k];
        order[k] = t;
      }
      for (let k = 0; k < n; k++) {
        const i = order[k];
        const e = x[i] * w + b - y[i];
        w -= lr * 2 * x[i] * e;
        if (fitBias) b -= lr * 2 * e;
      }
    } else {
      // Exact mean gradient: mean(2 x e) = 2 (vx (w - slope) + mean(x) r), mean(2 e) = 2 r.
      const r = meanResidual(stats, w, b);
      const gw = 2 * (stats.vx * (w - stats.slope) + meanX * r);
      w -= lr * gw;
      if (fitBias) b -= lr * 2 * r;
    }
    const loss = Number.isFinite(w) && Number.isFinite(b) ? lossAt(stats, w, b) : NaN;
    if (!Number.isFinite(loss)) {
      divergence = diverged(epoch, "non-finite", "the parameters or the MSE overflowed");
      break;
    }
    const prev = steps[steps.length - 1].mse;
    steps.push({ epoch, w, b, mse: loss });
    if (!stop) continue;
    if (loss > limit) {
      const what = `MSE ${loss.toPrecision(3)} grew past ${limit.toPrecision(3)}`;
      divergence = diverged(epoch, "exploded", what);
      break;
    }
    rising = loss > prev ? rising + 1 : 0;
    if (rising >= GROWING_EPOCHS && loss > mse0) {
      divergence = diverged(epoch, "growing", `MSE rose for ${GROWING_EPOCHS} epochs in a row`);
      break;
    }
  }

  return {
    steps,
    status: divergence ? "diverged" : "ok",
    divergence,
    final: steps[steps.length - 1],
  };
}

function checkBoolean(fn: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") {
    throw new TypeError(`${fn}: ${name} must be true or false, got ${show(value)}`);
  }
  return value;
}
