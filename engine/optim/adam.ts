import type { Tensor } from "../tensor.ts";
import { arithOf, checkOptions, numberOption, Optimizer } from "./optimizer.ts";

/** Options of {@linkcode Adam} (PyTorch 1.13's names and defaults). */
export interface AdamOptions {
  /** Learning rate (default 0.001). */
  lr?: number;
  /** Decay rates of the first and second moment estimates (default [0.9, 0.999]). */
  betas?: readonly [number, number];
  /** Added to the denominator (default 1e-8). */
  eps?: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay?: number;
}

interface AdamState {
  step: number;
  m: Float64Array;
  v: Float64Array;
}

/**
 * Adam (`torch.optim.Adam`), PyTorch 1.13's update at step t: g ← grad + weightDecay·p;
 * m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + eps).
 */
export class Adam extends Optimizer {
  /** The options in force, defaults filled in. */
  readonly options: Required<AdamOptions>;
  #state = new Map<Tensor, AdamState>();

  constructor(params: readonly Tensor[], options?: AdamOptions) {
    const fn = "Adam";
    super(fn, params);
    const o = checkOptions(fn, options, ["lr", "betas", "eps", "weightDecay"]);
    const betas = o.betas ?? [0.9, 0.999];
    if (!Array.isArray(betas) || betas.length !== 2) {
      throw new TypeError(`${fn}: betas must be a pair [beta1, beta2]`);
    }
    this.options = {
      lr: numberOption(fn, "lr", o.lr, 0.001),
      betas: [
        numberOption(fn, "betas[0]", betas[0], undefined, 0, 1),
        numberOption(fn, "betas[1]", betas[1], undefined, 0, 1),
      ],
      eps: numberOption(fn, "eps", o.eps, 1e-8),
      weightDecay: numberOption(fn, "weightDecay", o.weightDecay, 0),
    };
  }

  /** One Adam update, as above. */
  step(): void {
    const { lr, betas: [b1, b2], eps, weightDecay } = this.options;
    for (const p of this.params) {
      if (p.grad === null) continue;
      const a = arithOf(p), P = p.data, G = p.grad.data;
      let s = this.#state.get(p);
      if (s === undefined) {
        s = { step: 0, m: new Float64Array(P.length), v: new Float64Array(P.length) };
        this.#state.set(p, s);
      }
      const t = ++s.step;
      // Bias corrections are Python floats in PyTorch: float64 whatever the dtype.
      const stepSize = lr / (1 - b1 ** t), bc2Sqrt = Math.sqrt(1 - b2 ** t);
      const { m, v } = s;
      for (let i = 0; i < P.length; i++) {
        const g = weightDecay === 0 ? G[i] : a.add(G[i], weightDecay, P[i]);
        m[i] = a.add(a.scale(m[i], b1), 1 - b1, g);
        v[i] = a.addcmul(a.scale(v[i], b2), 1 - b2, g, g);
        const denom = a.r(a.r(a.r(Math.sqrt(v[i])) / a.r(bc2Sqrt)) + a.r(eps));
        P[i] = a.addcdiv(P[i], -stepSize, m[i], denom);
      }
    }
  }
}
