import type { Tensor } from "../tensor.ts";
import { arithOf, checkOptions, numberOption, Optimizer } from "./optimizer.ts";

/** Options of {@linkcode Adagrad} (PyTorch 1.13's names and defaults). */
export interface AdagradOptions {
  /** Learning rate (default 0.01). */
  lr?: number;
  /** Learning-rate decay (default 0). */
  lrDecay?: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay?: number;
  /** Starting value of the sum of squares (default 0). */
  initialAccumulatorValue?: number;
  /** Added to the denominator (default 1e-10). */
  eps?: number;
}

/**
 * Adagrad (`torch.optim.Adagrad`), PyTorch 1.13's update at step t: g ← grad + weightDecay·p;
 * clr = lr / (1 + (t − 1)·lrDecay); sum ← sum + g²; p ← p − clr · g / (√sum + eps).
 */
export class Adagrad extends Optimizer {
  /** The options in force, defaults filled in. */
  readonly options: Required<AdagradOptions>;
  #state = new Map<Tensor, { step: number; sum: Float64Array }>();

  constructor(params: readonly Tensor[], options?: AdagradOptions) {
    const fn = "Adagrad";
    super(fn, params);
    const o = checkOptions(fn, options, [
      "lr",
      "lrDecay",
      "weightDecay",
      "initialAccumulatorValue",
      "eps",
    ]);
    this.options = {
      lr: numberOption(fn, "lr", o.lr, 0.01),
      lrDecay: numberOption(fn, "lrDecay", o.lrDecay, 0),
      weightDecay: numberOption(fn, "weightDecay", o.weightDecay, 0),
      initialAccumulatorValue: numberOption(
        fn,
        "initialAccumulatorValue",
        o.initialAccumulatorValue,
        0,
      ),
      eps: numberOption(fn, "eps", o.eps, 1e-10),
    };
  }

  /** One Adagrad update, as above. */
  step(): void {
    const { lr, lrDecay, weightDecay, initialAccumulatorValue, eps } = this.options;
    for (const p of this.params) {
      if (p.grad === null) continue;
      const a = arithOf(p), P = p.data, G = p.grad.data;
      let s = this.#state.get(p);
      if (s === undefined) {
        s = { step: 0, sum: new Float64Array(P.length).fill(a.r(initialAccumulatorValue)) };
        this.#state.set(p, s);
      }
      const t = ++s.step, clr = lr / (1 + (t - 1) * lrDecay), sum = s.sum;
      for (let i = 0; i < P.length; i++) {
        const g = weightDecay === 0 ? G[i] : a.add(G[i], weightDecay, P[i]);
        sum[i] = a.addcmul(sum[i], 1, g, g);
        const std = a.r(a.r(Math.sqrt(sum[i])) + a.r(eps));
        P[i] = a.addcdiv(P[i], -clr, g, std);
      }
    }
  }
}
