import { generator } from "./generator.ts";
import { index } from "./reshape.ts";
import { showShape } from "./shape.ts";
import { Tensor } from "./tensor.ts";
import { checkInteger, checkOptions, show } from "./validate.ts";

/** `torch.utils.data.TensorDataset`: sample i is row i of each tensor. */
export class TensorDataset {
  /** The tensors, all with the same number of rows. */
  readonly tensors: readonly Tensor[];

  constructor(...tensors: Tensor[]) {
    const fn = "TensorDataset";
    if (tensors.length === 0) throw new TypeError(`${fn}: give at least one tensor`);
    tensors.forEach((t, i) => {
      if (!(t instanceof Tensor)) {
        throw new TypeError(`${fn}: argument ${i} must be a tensor, got ${show(t)}`);
      }
      if (t.ndim === 0) throw new RangeError(`${fn}: argument ${i} is 0-D and has no rows`);
      if (t.shape[0] !== tensors[0].shape[0]) {
        throw new RangeError(
          `${fn}: every tensor needs the same number of rows, got ${showShape(tensors[0].shape)} ` +
            `and ${showShape(t.shape)}`,
        );
      }
    });
    this.tensors = tensors;
  }

  /** Number of samples. */
  get length(): number {
    return this.tensors[0].shape[0];
  }

  /** Sample `i`: row `i` of each tensor (`dataset[i]`). */
  get(i: number): Tensor[] {
    return this.tensors.map((t) => index(t, i));
  }
}

/** Options of {@linkcode DataLoader}. */
export interface DataLoaderOptions {
  /** Samples per batch (default 1); the last batch may be smaller unless `dropLast`. */
  batchSize?: number;
  /** Visit the samples in a new random order on every pass (default false: in order). */
  shuffle?: boolean;
  /** Seed of the shuffle (default 0). */
  seed?: number;
  /** Leave out a last batch smaller than `batchSize` (default false). */
  dropLast?: boolean;
}

/**
 * `torch.utils.data.DataLoader` over a {@linkcode TensorDataset}: `for (const [x, y] of
 * loader)` yields batches (rows stacked), drawing a new order on every pass when `shuffle`.
 * The order of pass (epoch) e depends only on `seed` and e, so `order(e)` and `batches(e)`
 * give any epoch directly.
 */
export class DataLoader {
  /** The dataset. */
  readonly dataset: TensorDataset;
  /** The options in force, defaults filled in. */
  readonly options: Required<DataLoaderOptions>;
  #epoch = 0;

  constructor(dataset: TensorDataset, options?: DataLoaderOptions) {
    const fn = "DataLoader";
    if (!(dataset instanceof TensorDataset)) {
      throw new TypeError(`${fn}: dataset must be a TensorDataset, got ${show(dataset)}`);
    }
    const o = checkOptions(fn, options, ["batchSize", "shuffle", "seed", "dropLast"]);
    this.dataset = dataset;
    this.options = {
      batchSize: o.batchSize === undefined
        ? 1
        : checkInteger(fn, "batchSize", o.batchSize, 1, 2 ** 31 - 1),
      shuffle: o.shuffle ?? false,
      seed: o.seed === undefined ? 0 : checkInteger(fn, "seed", o.seed, 0, 2 ** 32 - 1),
      dropLast: o.dropLast ?? false,
    };
  }

  /** Batches per pass. */
  get length(): number {
    const n = this.dataset.length, b = this.options.batchSize;
    return this.options.dropLast ? Math.floor(n / b) : Math.ceil(n / b);
  }

  /** The sample order of pass `epoch` (0-based): 0..N−1, or a seeded permutation when shuffling. */
  order(epoch: number): Int32Array {
    const e = checkInteger("DataLoader.order", "epoch", epoch, 0, 2 ** 31 - 1);
    const n = this.dataset.length;
    if (!this.options.shuffle) return Int32Array.from({ length: n }, (_, i) => i);
    // One generator per epoch, seeded from (seed, epoch), so epochs are independent draws.
    return generator(
      (Math.imul(this.options.seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(e, 0xc2b2ae35)) >>> 0,
    )
      .permutation(n);
  }

  /** The batches of pass `epoch`, each `[rows of tensor 0, rows of tensor 1, …]`. */
  batches(epoch: number): Tensor[][] {
    const order = Array.from(this.order(epoch)), b = this.options.batchSize, out: Tensor[][] = [];
    for (let start = 0; start < order.length; start += b) {
      const rows = order.slice(start, start + b);
      if (rows.length < b && this.options.dropLast) break;
      out.push(this.dataset.tensors.map((t) => index(t, rows)));
    }
    return out;
  }

  /** One pass over the data; each pass takes the next epoch's order. */
  *[Symbol.iterator](): IterableIterator<Tensor[]> {
    yield* this.batches(this.#epoch++);
  }
}
