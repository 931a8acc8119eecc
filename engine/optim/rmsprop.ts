import type { Tensor } from "../tensor.ts";
import { arithOf, checkOptions, numberOption, Optimizer } from "./optimizer.ts";

/** Options of {@linkcode RMSprop} (PyTorch 1.13's names and defaults). */
export interface RMSpropOptions {
  /** Learning rate (default 0.01). */
  lr?: number;
  /** Smoothing constant of the mean square (default 0.99). */
  alpha?: number;
  /** Added to the denominator (default 1e-8). */
  eps?: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay?: number;
  /** Momentum factor (default 0). */
  momentum?: number;
  /** Divide by the centred second moment (default false). */
  centered?: boolean;
}

interface RMSpropState {
  square: Float64Array;
  mean: Float64Array | null;
  buf: Float64Array | null;
}

/**
 * RMSprop (`torch.optim.RMSprop`), PyTorch 1.13's update: g ← grad + weightDecay·p;
 * s ← αs + (1 − α)g²; avg = √s + eps (centred: √(s − ḡ²) + eps with ḡ ← αḡ + (1 − α)g);
 * p ← p − lr·g/avg, or with momentum buf ← momentum·buf + g/avg and p ← p − lr·buf.
 */
export class RMSprop extends Optimizer {
  /** The options in force, defaults filled in. */
  readonly options: Required<RMSpropOptions>;
  #state = new Map<Tensor, RMSpropState>();

  constructor(params: readonly Tensor[], options?: RMSpropOptions) {
    const fn = "RMSprop";
    super(fn, params);
    const o = checkOptions(fn, options, [
      "lr",
      "alpha",
      "eps",
      "weightDecay",
      "momentum",
      "centered",
    ]);
    this.options = {
      lr: numberOption(fn, "lr", o.lr, 0.01),
      alpha: numberOption(fn, "alpha", o.alpha, 0.99),
      eps: numberOption(fn, "eps", o.eps, 1e-8),
      weightDecay: numberOption(fn, "weightDecay", o.weightDecay, 0),
      momentum: numberOption(fn, "momentum", o.momentum, 0),
      centered: o.centered ?? false,
    };
  }

  /** One RMSprop update, as above. */
  step(): void {
    const { lr, alpha, eps, weightDecay, momentum, centered } = this.options;
    for (const p of this.params) {
      if (p.grad === null) continue;
      const a = arithOf(p), P = p.data, G = p.grad.data, n = P.length;
      let s = this.#state.get(p);
      if (s === undefined) {
        s = {
          square: new Float64Array(n),
          mean: centered ? new Float64Array(n) : null,
          buf: momentum > 0 ? new Float64Array(n) : null,
        };
        this.#state.set(p, s);
      }
      const { square, mean, buf } = s;
      for (let i = 0; i < n; i++) {
        const g = weightDecay === 0 ? G[i] : a.add(G[i], weightDecay, P[i]);
        square[i] = a.addcmul(a.scale(square[i], alpha), 1 - alpha, g, g);
        let avg: number;
        if (mean !== null) {
          mean[i] = a.add(a.scale(mean[i], alpha), 1 - alpha, g);
          avg = a.r(a.r(Math.sqrt(a.addcmul(square[i], -1, mean[i], mean[i]))) + a.r(eps));
        } else avg = a.r(a.r(Math.sqrt(square[i])) + a.r(eps));
        if (buf !== null) {
          buf[i] = a.addcdiv(a.scale(buf[i], momentum), 1, g, avg);
          P[i] = a.add(P[i], -lr, buf[i]);
        } else P[i] = a.addcdiv(P[i], -lr, g, avg);
      }
    }
  }
}
