import { mulberry32 } from "./random.ts";
import { checkInteger } from "./validate.ts";

/** The engine's seeded random numbers: the same seed gives the same draws everywhere. */
export interface Generator {
  /** The seed it started from. */
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** A uniformly random permutation of 0..n−1 (Fisher–Yates). */
  permutation(n: number): Int32Array;
}

/**
 * A seeded generator (mulberry32), the engine's stand-in for `torch.manual_seed(seed)`:
 * PyTorch's own generator cannot be reproduced, so parity tests hand PyTorch the engine's draws.
 *
 * @example
 * const g = generator(42);
 * g.permutation(5); // the same order on every run
 */
export function generator(seed = 0): Generator {
  const s = checkInteger("generator", "seed", seed, 0, 2 ** 32 - 1);
  const int = mulberry32(s);
  const next = () => int() / 4294967296;
  return {
    seed: s,
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    permutation(n) {
      const order = new Int32Array(n);
      for (let i = 0; i < n; i++) order[i] = i;
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1)), t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      return order;
    },
  };
}
