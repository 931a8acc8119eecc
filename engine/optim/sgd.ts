import type { Tensor } from "../tensor.ts";
import { arithOf, checkOptions, numberOption, Optimizer } from "./optimizer.ts";

/** Options of {@linkcode SGD} (PyTorch 1.13's names and defaults). */
export interface SGDOptions {
  /** Learning rate (required), > 0. */
  lr: number;
  /** Momentum factor (default 0). */
  momentum?: number;
  /** Dampening of the momentum (default 0). */
  dampening?: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay?: number;
  /** Nesterov momentum (default false; needs momentum > 0 and dampening 0). */
  nesterov?: boolean;
}

/**
 * Stochastic gradient descent (`torch.optim.SGD`), PyTorch 1.13's update:
 * g ← grad + weightDecay·p; with momentum, buf ← g on the first step, then
 * buf ← momentum·buf + (1 − dampening)·g, and g ← buf (Nesterov: g + momentum·buf);
 * p ← p − lr·g.
 */
export class SGD extends Optimizer {
  /** The options in force, defaults filled in. */
  readonly options: Required<SGDOptions>;
  #buffers = new Map<Tensor, Float64Array>();

  constructor(params: readonly Tensor[], options: SGDOptions) {
    const fn = "SGD";
    super(fn, params);
    const o = checkOptions(fn, options, ["lr", "momentum", "dampening", "weightDecay", "nesterov"]);
    const lr = numberOption(fn, "lr", o.lr, undefined);
    if (lr <= 0) throw new RangeError(`${fn}: lr must be > 0, got ${lr}`);
    this.options = {
      lr,
      momentum: numberOption(fn, "momentum", o.momentum, 0),
      dampening: numberOption(fn, "dampening", o.dampening, 0),
      weightDecay: numberOption(fn, "weightDecay", o.weightDecay, 0),
      nesterov: o.nesterov ?? false,
    };
    if (this.options.nesterov && (this.options.momentum <= 0 || this.options.dampening !== 0)) {
      throw new RangeError(`${fn}: nesterov needs momentum > 0 and dampening 0`);
    }
  }

  /** p ← p − lr·g, as above. */
  step(): void {
    const { lr, momentum, dampening, weightDecay, nesterov } = this.options;
    for (const p of this.params) {
      if (p.grad === null) continue;
      const a = arithOf(p), P = p.data, G = p.grad.data;
      let buf = this.#buffers.get(p);
      const first = buf === undefined;
      if (momentum !== 0 && buf === undefined) {
        buf = new Float64Array(P.length);
        this.#buffers.set(p, buf);
      }
      for (let i = 0; i < P.length; i++) {
        let g = weightDecay === 0 ? G[i] : a.add(G[i], weightDecay, P[i]);
        if (buf !== undefined) {
          buf[i] = first ? g : a.add(a.scale(buf[i], momentum), 1 - dampening, g);
          g = nesterov ? a.add(g, momentum, buf[i]) : buf[i];
        }
        P[i] = a.add(P[i], -lr, g);
      }
    }
  }
}
