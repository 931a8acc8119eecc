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

/** What a training curve keeps of its runs: points every `stride`, up to `xMax`. */
export interface CurveRuns {
  runs: CurveRun[];
  stride: number;
  xMax: number;
  publish: { w?: number; b?: number };
}

/**
 * Trains every run with `trainer` (`trainOnce` on the server, `train` in the browser) and
 * keeps its loss per epoch or per step, with w and b where the model has them.
 */
export function curveRuns(
  base: TrainConfig,
  overrides: RunOverride[],
  per: "epoch" | "step",
  trainer: (c: TrainConfig) => TrainRecord,
): CurveRuns {
  const configs = overrides.map((o) => runConfig(base, o));
  const labels = runLabels(configs, overrides.map((o) => o.label));
  const records = configs.map(trainer);
  const publish = records.length ? publishedParameters(records[0].parameterNames) : {};
  const lengths = configs.map((c, k) =>
    per === "epoch" ? c.epochs : c.epochs * records[k].stepsPerEpoch
  );
  const xMax = Math.max(0, ...lengths);
  const stride = Math.max(1, Math.ceil(xMax / MAX_POINTS));
  const count = Math.ceil(xMax / stride) + 1;
  const runs = records.map((rec, k): CurveRun => {
    const series = per === "epoch" ? rec.epochLoss : rec.stepLoss;
    const loss: number[] = [], w: number[] = [], b: number[] = [];
    const P = rec.parameterCount;
    // A record of one row per epoch has no parameters between epochs.
    const row = (x: number) =>
      rec.recordEvery === "step"
        ? (per === "epoch" ? x * rec.stepsPerEpoch : x)
        : (per === "epoch" ? x : Infinity);
    const rows = rec.parameters.length / P;
    for (let i = 0; i < count; i++) {
      const x = Math.min(i * stride, xMax);
      const v = series[x];
      if (x >= series.length || !Number.isFinite(v)) break;
      loss.push(sig(v));
      const r = row(x);
      if (publish.w !== undefined && r < rows) w.push(sig(rec.parameters[r * P + publish.w]));
      if (publish.b !== undefined && r < rows) b.push(sig(rec.parameters[r * P + publish.b]));
    }
    const d = rec.divergence;
    return {
      label: labels[k],
      loss,
      ...(publish.w !== undefined ? { w } : {}),
      ...(publish.b !== undefined ? { b } : {}),
      diverged: d === null ? null : per === "epoch" ? d.epoch + 1 : d.step,
    };
  });
  return { runs, stride, xMax, publish };
}
