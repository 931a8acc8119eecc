import { DataLoader, TensorDataset } from "./data_loader.ts";
import { noGrad } from "./grad_mode.ts";
import {
  binaryCrossEntropy,
  checkReduction,
  crossEntropy,
  mseLoss,
  nllLoss,
  type Reduction,
} from "./losses.ts";
import { ReLU, Sigmoid, Tanh } from "./nn/activations.ts";
import { Linear } from "./nn/linear.ts";
import { Module } from "./nn/module.ts";
import { Sequential } from "./nn/sequential.ts";
import { Adagrad, type AdagradOptions } from "./optim/adagrad.ts";
import { Adam, type AdamOptions } from "./optim/adam.ts";
import { arithOf, numberOption, Optimizer } from "./optim/optimizer.ts";
import { RMSprop, type RMSpropOptions } from "./optim/rmsprop.ts";
import { SGD, type SGDOptions } from "./optim/sgd.ts";
import { generator } from "./generator.ts";
import { type DType, type NestedNumbers, type Tensor, tensor } from "./tensor.ts";
import { checkInteger, checkOptions, show } from "./validate.ts";

/** A layer of a `{ layers }` model. */
export type LayerSpec =
  | {
    /** `[in, out]` of an `nn.Linear`. */
    linear: [number, number];
    /** Initial weight `[out, in]` (default: drawn with the run's `seed`). */
    weight?: NestedNumbers;
    /** Initial bias `[out]`, or false for none (default: drawn with the run's `seed`). */
    bias?: NestedNumbers | false;
  }
  | "sigmoid"
  | "relu"
  | "tanh";

/**
 * The model of a run: `nn.Sequential` of `layers`, or ŷ = w_d·x^d + … + w_1·x (+ b) with
 * `polynomial: [w_d, …, w_1]` (initial values) and `bias` (initial b, or null/absent for none).
 */
export type ModelSpec = { layers: LayerSpec[] } | { polynomial: number[]; bias?: number | null };

/** The loss of a run (`reduction` defaults to `"mean"`). */
export interface LossSpec {
  name: "mse" | "bce" | "crossEntropy" | "nll";
  reduction?: Reduction;
}

/** The optimizer of a run, with that optimizer's options. */
export type OptimizerSpec =
  | ({ name: "sgd" } & SGDOptions)
  | ({ name: "adam" } & AdamOptions)
  | ({ name: "adagrad" } & AdagradOptions)
  | ({ name: "rmsprop" } & RMSpropOptions);

/**
 * `{ name: "manual", lr }`: `w.data = w.data − lr · w.grad.data`, the update lecture 4's loop
 * writes by hand (in float32 the product and the difference round separately, where
 * `optim.SGD` rounds once).
 */
export type ManualStep = { name: "manual"; lr: number };

/** Everything that defines a training run; plain data, so it can be keyed with `runKey`. */
export interface TrainConfig {
  /** Inputs, one row per sample (`[[1], [2], [3]]`, or `[1, 2, 3]` for a polynomial). */
  x: NestedNumbers;
  /** Targets, one row per sample; class indices for `crossEntropy` and `nll`. */
  y: NestedNumbers;
  model: ModelSpec;
  loss: LossSpec;
  optimizer: OptimizerSpec | ManualStep;
  /** Passes over the data, an integer >= 0. */
  epochs: number;
  /** Samples per step (default: all of them, full batch). */
  batchSize?: number;
  /** Shuffle the samples every epoch (default false). */
  shuffle?: boolean;
  /** Seed of the shuffle and of layers without given weights (default 0). */
  seed?: number;
  /** Element type (default `"float64"`). */
  dtype?: DType;
  /** Keep parameters and gradients every `"step"` (default) or every `"epoch"`. */
  record?: "step" | "epoch";
  /** Most numbers the record may hold (default 20,000,000), checked before anything runs. */
  maxRecord?: number;
}

/** When and why a run stopped early. */
export interface TrainDivergence {
  /** Step at which a loss or parameter stopped being finite. */
  step: number;
  /** Its epoch (0-based). */
  epoch: number;
  /** A sentence for the reader, naming the learning rate. */
  message: string;
}

/** What {@linkcode train} returns: plain data, typed arrays, O(rows × parameters). */
export interface TrainRecord {
  /** `runKey(config)`. */
  key: string;
  /** Steps run (fewer than epochs × stepsPerEpoch if the run diverged). */
  steps: number;
  /** Epochs completed. */
  epochs: number;
  /** Steps per epoch (batches per pass). */
  stepsPerEpoch: number;
  /** `stepLoss[s]`: the batch loss at step s, before its update (`loss.item()` in a listing). */
  stepLoss: Float64Array;
  /** `epochLoss[e]`: loss on the whole data set after e epochs; `[0]` is the starting loss. */
  epochLoss: Float64Array;
  /** One name per scalar parameter: `"w"`, `"w1"`, `"b"`, `"0.weight[0, 0]"`, `"0.bias[0]"`. */
  parameterNames: string[];
  /** Number of scalar parameters P. */
  parameterCount: number;
  /** `"step"` or `"epoch"`: what a row of `parameters` and `gradients` is. */
  recordEvery: "step" | "epoch";
  /**
   * Row r (P values from r·P): the parameters before step r (`"step"`) or after epoch r
   * (`"epoch"`); row 0 is the start and the last row the end.
   */
  parameters: Float64Array;
  /** Row r: the gradients at step r (`"step"`), or at the last step of epoch r (`"epoch"`). */
  gradients: Float64Array;
  /** `"ok"`, or `"diverged"` (see `divergence`). */
  status: "ok" | "diverged";
  /** Set when the run diverged, null otherwise. */
  divergence: TrainDivergence | null;
}

/** ŷ = w_d·x^d + … + w_1·x (+ b), each coefficient a `[1]` tensor, as lecture 4 writes it. */
class Polynomial extends Module {
  /** Coefficients, highest degree first. */
  readonly weights: Tensor[];
  /** The intercept, or null. */
  readonly b: Tensor | null;

  constructor(weights: readonly number[], bias: number | null, dtype: DType) {
    super();
    this.weights = weights.map((w) => tensor([w], { requiresGrad: true, dtype }));
    this.b = bias === null ? null : tensor([bias], { requiresGrad: true, dtype });
  }

  override namedParameters(): [string, Tensor][] {
    const d = this.weights.length;
    const out: [string, Tensor][] = this.weights.map((w, i) => [d === 1 ? "w" : `w${i + 1}`, w]);
    if (this.b !== null) out.push(["b", this.b]);
    return out;
  }

  forward(x: Tensor): Tensor {
    const d = this.weights.length;
    let out: Tensor | null = null;
    this.weights.forEach((w, i) => {
      const power = d - i, term = power === 1 ? x.mul(w) : w.mul(x.pow(power));
      out = out === null ? term : out.add(term);
    });
    return this.b === null ? out! : out!.add(this.b);
  }
}

/**
 * The model of `config` with its initial parameters (layers without weights are drawn from
 * one generator seeded with `config.seed`, in layer order).
 */
export function buildModel(config: Pick<TrainConfig, "model" | "seed" | "dtype">): Module {
  const fn = "buildModel";
  const spec = config.model, dtype = config.dtype ?? "float64";
  if (spec === null || typeof spec !== "object") {
    throw new TypeError(`${fn}: model must be { layers } or { polynomial }, got ${show(spec)}`);
  }
  if ("polynomial" in spec) {
    const { polynomial, bias } = spec;
    if (!Array.isArray(polynomial) || polynomial.length === 0) {
      throw new TypeError(`${fn}: polynomial must be a non-empty list of coefficients`);
    }
    return new Polynomial(polynomial, bias ?? null, dtype);
  }
  if (!Array.isArray(spec.layers) || spec.layers.length === 0) {
    throw new TypeError(`${fn}: layers must be a non-empty list`);
  }
  const gen = generator(config.seed ?? 0);
  return new Sequential(...spec.layers.map((layer, i): Module => {
    if (layer === "sigmoid") return new Sigmoid();
    if (layer === "relu") return new ReLU();
    if (layer === "tanh") return new Tanh();
    if (layer !== null && typeof layer === "object" && Array.isArray(layer.linear)) {
      const [inF, outF] = layer.linear;
      return new Linear(inF, outF, {
        weight: layer.weight,
        bias: layer.bias,
        generator: gen,
        dtype,
      });
    }
    throw new TypeError(
      `${fn}: layers[${i}] must be { linear: [in, out] }, "sigmoid", "relu" or "tanh", got ${
        show(layer)
      }`,
    );
  }));
}

/** The update of {@linkcode ManualStep}. */
class Manual extends Optimizer {
  readonly lr: number;
  constructor(params: Tensor[], lr: number) {
    super("manual", params);
    this.lr = numberOption("manual", "lr", lr, undefined);
  }
  step(): void {
    for (const p of this.params) {
      if (p.grad === null) continue;
      const { r, scale } = arithOf(p), P = p.data, G = p.grad.data;
      for (let i = 0; i < P.length; i++) P[i] = r(P[i] - scale(G[i], this.lr));
    }
  }
}

function buildOptimizer(params: Tensor[], spec: OptimizerSpec | ManualStep): Optimizer {
  if (spec === null || typeof spec !== "object") {
    throw new TypeError(`train: optimizer must be { name, lr, … }, got ${show(spec)}`);
  }
  const { name, ...options } = spec;
  if (name === "manual") return new Manual(params, (options as { lr: number }).lr);
  if (name === "sgd") return new SGD(params, options as SGDOptions);
  if (name === "adam") return new Adam(params, options as AdamOptions);
  if (name === "adagrad") return new Adagrad(params, options as AdagradOptions);
  if (name === "rmsprop") return new RMSprop(params, options as RMSpropOptions);
  throw new TypeError(
    `train: optimizer.name must be "sgd", "adam", "adagrad", "rmsprop" or "manual", got ${
      show(name)
    }`,
  );
}

type LossFn = (out: Tensor, target: Tensor) => Tensor;

function buildLoss(spec: LossSpec): LossFn {
  const fn = "train";
  if (spec === null || typeof spec !== "object") {
    throw new TypeError(`${fn}: loss must be { name, reduction? }, got ${show(spec)}`);
  }
  checkOptions(`${fn}: loss`, spec, ["name", "reduction"]);
  const r = checkReduction(fn, spec.reduction);
  switch (spec.name) {
    case "mse":
      return (o, t) => mseLoss(o, t, r);
    case "bce":
      return (o, t) => binaryCrossEntropy(o, t, r);
    case "crossEntropy":
      return (o, t) => crossEntropy(o, t, r);
    case "nll":
      return (o, t) => nllLoss(o, t, r);
  }
  throw new TypeError(
    `${fn}: loss.name must be "mse", "bce", "crossEntropy" or "nll", got ${show(spec.name)}`,
  );
}

function elementNames(name: string, t: Tensor): string[] {
  if (t.size === 1 && t.ndim <= 1 && !name.includes(".")) return [name];
  const out: string[] = [];
  const walk = (dim: number, at: number[]) => {
    if (dim === t.ndim) out.push(`${name}[${at.join(", ")}]`);
    else for (let i = 0; i < t.shape[dim]; i++) walk(dim + 1, [...at, i]);
  };
  walk(0, []);
  return out;
}

const KNOWN = [
  "x",
  "y",
  "model",
  "loss",
  "optimizer",
  "epochs",
  "batchSize",
  "shuffle",
  "seed",
  "dtype",
  "record",
  "maxRecord",
];

/** `config` with every default filled in, for keys and for the run. */
function normalize(config: TrainConfig) {
  const fn = "train";
  if (config === null || typeof config !== "object") {
    throw new TypeError(`${fn}: config must be an object, got ${show(config)}`);
  }
  const o = checkOptions(fn, config, KNOWN) as TrainConfig;
  return {
    x: o.x,
    y: o.y,
    model: o.model,
    loss: { name: o.loss?.name, reduction: o.loss?.reduction ?? "mean" },
    optimizer: o.optimizer,
    epochs: checkInteger(fn, "epochs", o.epochs, 0, 1e9),
    batchSize: o.batchSize === undefined
      ? null
      : checkInteger(fn, "batchSize", o.batchSize, 1, 2 ** 31 - 1),
    shuffle: o.shuffle ?? false,
    seed: o.seed === undefined ? 0 : checkInteger(fn, "seed", o.seed, 0, 2 ** 32 - 1),
    dtype: o.dtype ?? "float64",
    record: o.record ?? "step",
    maxRecord: o.maxRecord ?? 20_000_000,
  };
}

/** JSON with object keys sorted, so key order never changes a key. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * A short stable key of a run (64-bit FNV-1a of the config with defaults filled in and keys
 * sorted, as 16 hex digits): equal configs give equal keys, so the charts of a page can share
 * one `train()` per key.
 *
 * @example
 * runKey({ ...config, shuffle: false }) === runKey(config); // false is the default
 */
export function runKey(config: TrainConfig): string {
  const text = canonical(normalize(config));
  // FNV-1a over UTF-16 code units, 64-bit as two 32-bit halves.
  let h1 = 0xcbf29ce4 | 0, h0 = 0x84222325 | 0;
  for (let i = 0; i < text.length; i++) {
    h0 ^= text.charCodeAt(i);
    // multiply by the FNV prime 2^40 + 0x1b3
    const lo = Math.imul(h0, 0x1b3) >>> 0;
    const carry = Math.floor(((h0 >>> 0) * 0x1b3) / 4294967296);
    h1 = (Math.imul(h1, 0x1b3) + (h0 << 8) + carry) | 0;
    h0 = lo | 0;
  }
  return (h1 >>> 0).toString(16).padStart(8, "0") + (h0 >>> 0).toString(16).padStart(8, "0");
}

/**
 * Runs a whole training as the course's loop does it (each step: forward, loss, `zeroGrad()`,
 * `backward()`, `optimizer.step()`) and records it. Pure: the same config gives the same
 * record, bit for bit. A loss or parameter that stops being finite ends the run with
 * `status: "diverged"` (the record keeps what ran).
 *
 * @example
 * // lecture 4: ŷ = x·w from w = 1, one sample per step, lr 0.01, 100 epochs
 * const run = train({
 *   x: [1, 2, 3], y: [2, 4, 6], model: { polynomial: [1] },
 *   loss: { name: "mse", reduction: "sum" }, optimizer: { name: "sgd", lr: 0.01 },
 *   epochs: 100, batchSize: 1,
 * });
 * run.parameters[run.steps]; // w after training ≈ 2
 *
 * @throws {TypeError|RangeError} a bad config (naming the field), or a record larger than
 *   `maxRecord`.
 */
export function train(config: TrainConfig): TrainRecord {
  const fn = "train";
  const c = normalize(config);
  const dtype = c.dtype;
  if (dtype !== "float64" && dtype !== "float32") {
    throw new TypeError(`${fn}: dtype must be "float64" or "float32", got ${show(dtype)}`);
  }
  if (c.record !== "step" && c.record !== "epoch") {
    throw new TypeError(`${fn}: record must be "step" or "epoch", got ${show(c.record)}`);
  }
  const classes = c.loss.name === "crossEntropy" || c.loss.name === "nll";
  const x = tensor(c.x, { dtype }), y = tensor(c.y, { dtype: classes ? "float64" : dtype });
  if (x.ndim === 0 || y.ndim === 0) throw new RangeError(`${fn}: x and y need one row per sample`);
  if (x.shape[0] !== y.shape[0]) {
    throw new RangeError(`${fn}: x has ${x.shape[0]} rows but y has ${y.shape[0]}`);
  }
  const model = buildModel({ model: c.model, seed: c.seed, dtype });
  const named = model.namedParameters(), params = named.map(([, t]) => t);
  const optimizer = buildOptimizer(params, c.optimizer);
  const lossFn = buildLoss(c.loss as LossSpec);
  const n = x.shape[0], batchSize = Math.min(c.batchSize ?? n, n);
  const loader = new DataLoader(new TensorDataset(x, y), {
    batchSize,
    shuffle: c.shuffle,
    seed: c.seed,
  });
  const perEpoch = loader.length, P = named.reduce((s, [, t]) => s + t.size, 0);
  const total = c.epochs * perEpoch, rows = c.record === "step" ? total : c.epochs;
  const cells = (2 * rows + 1) * P + total + c.epochs + 1;
  if (cells > c.maxRecord) {
    throw new RangeError(
      `${fn}: the record would hold ${cells} numbers, more than maxRecord ${c.maxRecord}` +
        (c.record === "step" ? ' (record: "epoch" keeps one row per epoch)' : ""),
    );
  }
  const stepLoss = new Float64Array(total), epochLoss = new Float64Array(c.epochs + 1);
  const parameters = new Float64Array((rows + 1) * P), gradients = new Float64Array(rows * P);
  const write = (out: Float64Array, row: number, grads: boolean) => {
    let at = row * P;
    for (const p of params) {
      const src = grads ? p.grad?.data : p.data;
      if (src) out.set(src, at);
      at += p.size;
    }
  };
  const fullLoss = () => noGrad(() => lossFn(model.forward(x), y).item());
  const fixed = c.shuffle ? null : loader.batches(0);
  write(parameters, 0, false);
  epochLoss[0] = fullLoss();
  let step = 0, divergence: TrainDivergence | null = null, epochsDone = 0;
  const diverged = (epoch: number, why: string) => {
    divergence = {
      step,
      epoch,
      message: `${why} at step ${step} (epoch ${epoch + 1}): lr ${c.optimizer.lr} is too large ` +
        "for this model and data",
    };
  };
  outer: for (let epoch = 0; epoch < c.epochs; epoch++) {
    for (const [xb, yb] of fixed ?? loader.batches(epoch)) {
      if (c.record === "step") write(parameters, step, false);
      let value: number;
      try {
        const loss = lossFn(model.forward(xb), yb);
        optimizer.zeroGrad();
        loss.backward();
        value = loss.item();
      } catch (e) {
        if (e instanceof RangeError && /is NaN/.test(e.message)) {
          diverged(epoch, "the numbers overflowed");
          break outer;
        }
        throw e;
      }
      stepLoss[step] = value;
      if (c.record === "step") write(gradients, step, true);
      else if (step === (epoch + 1) * perEpoch - 1) write(gradients, epoch, true);
      if (!Number.isFinite(value)) {
        diverged(epoch, "the loss overflowed");
        break outer;
      }
      optimizer.step();
      if (params.some((p) => p.data.some((v) => !Number.isFinite(v)))) {
        // The record ends before this step, so every row it keeps is finite.
        diverged(epoch, "a parameter overflowed");
        break outer;
      }
      step++;
    }
    epochsDone = epoch + 1;
    if (c.record === "epoch") write(parameters, epochsDone, false);
    try {
      epochLoss[epochsDone] = fullLoss();
    } catch (e) {
      if (!(e instanceof RangeError && /is NaN/.test(e.message))) throw e;
      epochLoss[epochsDone] = NaN;
    }
  }
  if (c.record === "step") write(parameters, step, false);
  const keptRows = c.record === "step" ? step : epochsDone;
  return {
    key: runKey(config),
    steps: step,
    epochs: epochsDone,
    stepsPerEpoch: perEpoch,
    stepLoss: stepLoss.subarray(0, step),
    epochLoss: epochLoss.subarray(0, epochsDone + 1),
    parameterNames: named.flatMap(([name, t]) => elementNames(name, t)),
    parameterCount: P,
    recordEvery: c.record,
    parameters: parameters.subarray(0, (keptRows + 1) * P),
    gradients: gradients.subarray(0, keptRows * P),
    status: divergence === null ? "ok" : "diverged",
    divergence,
  };
}
