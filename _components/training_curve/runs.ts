/**
 * From configs to the runs a training curve draws: merging each run's overrides into the base
 * config, training (memoised on the server, fresh in the browser), naming the runs by what
 * sets them apart, and keeping a bounded number of points per run.
 */
import type { TrainConfig, TrainRecord } from "../../engine/train.ts";
import type { CurveRun } from "./marks.ts";

/** Keys a run of the `runs` prop may set: the config's fields, and its legend label. */
export const RUN_KEYS = [
  "label",
  "optimizer",
  "epochs",
  "batchSize",
  "shuffle",
  "seed",
  "dtype",
  "model",
  "loss",
  "record",
] as const;

/** One entry of the `runs` prop. */
export type RunOverride = Partial<TrainConfig> & { label?: string };

/** Most points of one run the data island keeps (longer runs keep every k-th). */
export const MAX_POINTS = 2000;

/**
 * The config of one run: `override` over `base`. An optimizer of the same name (or none)
 * merges its options into the base's; a different one replaces it.
 */
export function runConfig(base: TrainConfig, override: RunOverride): TrainConfig {
  const { label: _label, ...o } = override;
  const config = { ...base, ...o } as TrainConfig;
  if (o.optimizer) {
    const name = o.optimizer.name ?? base.optimizer.name;
    config.optimizer = (name === base.optimizer.name
      ? { ...base.optimizer, ...o.optimizer }
      : o.optimizer) as TrainConfig["optimizer"];
  }
  return config;
}

const OPTIMIZER_NAMES: Record<string, string> = {
  sgd: "SGD",
  manual: "SGD",
  adam: "Adam",
  adagrad: "Adagrad",
  rmsprop: "RMSprop",
};

/** PyTorch 1.13's default learning rates (SGD has none). */
const DEFAULT_LR: Record<string, number> = { adam: 0.001, adagrad: 0.01, rmsprop: 0.01 };

/** An optimizer's learning rate, its default where the config leaves it out. */
export function lrOf(o: TrainConfig["optimizer"]): number {
  return o.lr ?? DEFAULT_LR[o.name] ?? NaN;
}

/** `SGD`, `SGD + momentum 0.9`, `Adam`… */
export function optimizerName(o: TrainConfig["optimizer"]): string {
  const name = OPTIMIZER_NAMES[o.name] ?? o.name;
  const momentum = (o as { momentum?: number }).momentum;
  return momentum ? `${name} + momentum ${momentum}` : name;
}

/**
 * Legend labels: what sets each run apart from the others (optimizer, learning rate, batch
 * size, epochs); a lone run is named by its optimizer and learning rate.
 */
export function runLabels(configs: TrainConfig[], given: Array<string | undefined>): string[] {
  const parts: Array<(c: TrainConfig) => string> = [
    (c) => optimizerName(c.optimizer),
    (c) => `α = ${lrOf(c.optimizer)}`,
    (c) => `batch ${c.batchSize ?? (Array.isArray(c.x) ? c.x.length : "?")}`,
    (c) => `${c.epochs} epochs`,
  ];
  const differ = parts.filter((f) => new Set(configs.map(f)).size > 1);
  const use = differ.length ? differ : parts.slice(0, 2);
  return configs.map((c, k) => given[k] ?? use.map((f) => f(c)).join(", "));
}

/**
 * Where w and b sit among a run's parameters, when its model is ŷ = x·w + b with one weight
 * (`nn.Linear(1, 1)` or a polynomial of degree 1): those are what a data-fit chart draws.
 */
export function publishedParameters(names: string[]): { w?: number; b?: number } {
  if (names.length > 2) return {};
  const w = names.findIndex((n) => n === "w" || n === "0.weight[0, 0]");
  const b = names.findIndex((n) => n === "b" || n === "0.bias[0]");
  return { ...(w >= 0 ? { w } : {}), ...(b >= 0 ? { b } : {}) };
}

const sig = (v: number) => (v === 0 || !Number.isFinite(v) ? v : Number(v.toPrecision(6)));

/** What a training curve keeps of its runs, and the x axis they share. */
export interface CurveRuns {
  runs: CurveRun[];
  /** Where the selection can sit: multiples of `grain` (x units) from 0 to `xMax`. */
  grain: number;
  /** The x of the longest run's last point. */
  xMax: number;
  publish: { w?: number; b?: number };
}

/**
 * Trains every run with `trainer` (`trainOnce` on the server, `train` in the browser) and
 * keeps its loss per epoch or per step (at most MAX_POINTS points, evenly spaced), with w and
 * b where the model has them. `x` is the axis the points are placed on: epochs, or steps
 * (per step only); per step on an epoch axis, step s of a run sits at s / stepsPerEpoch.
 */
export function curveRuns(
  base: TrainConfig,
  overrides: RunOverride[],
  per: "epoch" | "step",
  x: "epoch" | "step",
  trainer: (c: TrainConfig) => TrainRecord,
): CurveRuns {
  const configs = overrides.map((o) => runConfig(base, o));
  const labels = runLabels(configs, overrides.map((o) => o.label));
  const records = configs.map(trainer);
  const publish = records.length ? publishedParameters(records[0].parameterNames) : {};
  // Index i of a run's series sits at x = i · unit.
  const unitOf = (
    rec: TrainRecord,
  ) => (per === "step" && x === "epoch" ? 1 / rec.stepsPerEpoch : 1);
  // The whole planned run, diverged or not, sets the axis: the series' last index.
  const lastIndex = (c: TrainConfig, rec: TrainRecord) =>
    per === "epoch" ? c.epochs : Math.max(0, c.epochs * rec.stepsPerEpoch - 1);
  const far = Math.max(0, ...configs.map((c, k) => lastIndex(c, records[k]) * unitOf(records[k])));
  // On an epoch axis the last step (E − 1/stepsPerEpoch) belongs to epoch E.
  const xMax = per === "step" && x === "epoch" ? Math.ceil(far - 1e-9) : far;
  const runs = records.map((rec, k): CurveRun => {
    const series = per === "epoch" ? rec.epochLoss : rec.stepLoss;
    const unit = unitOf(rec), last = lastIndex(configs[k], rec);
    const stride = Math.max(1, Math.ceil(last / MAX_POINTS));
    const loss: number[] = [], w: number[] = [], b: number[] = [];
    const P = rec.parameterCount, rows = rec.parameters.length / P;
    // The parameter row of series index i; a record of one row per epoch has none between.
    const row = (i: number) =>
      rec.recordEvery === "step"
        ? (per === "epoch" ? i * rec.stepsPerEpoch : i)
        : (per === "epoch" ? i : Infinity);
    for (let n = 0; n * stride < last + stride; n++) {
      const i = Math.min(n * stride, last), v = series[i];
      if (i >= series.length || !Number.isFinite(v)) break;
      loss.push(sig(v));
      const r = row(i);
      if (publish.w !== undefined && r < rows) w.push(sig(rec.parameters[r * P + publish.w]));
      if (publish.b !== undefined && r < rows) b.push(sig(rec.parameters[r * P + publish.b]));
      if (i === last) break;
    }
    const d = rec.divergence;
    return {
      label: labels[k],
      loss,
      every: stride * unit,
      last: last * unit,
      ...(publish.w !== undefined ? { w } : {}),
      ...(publish.b !== undefined ? { b } : {}),
      diverged: d === null ? null : per === "step" && x === "step" ? d.step : d.epoch + 1,
    };
  });
  // Keys and hover snap to whole epochs on an epoch axis, else to the finest run's points.
  const grain = x === "epoch" && per === "step"
    ? 1
    : Math.min(...runs.map((r) => r.every), Math.max(1, Math.ceil(xMax / MAX_POINTS)));
  return { runs, grain, xMax, publish };
}
