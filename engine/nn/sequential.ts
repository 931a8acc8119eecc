import type { Tensor } from "../tensor.ts";
import { show } from "../validate.ts";
import { Module } from "./module.ts";

/** `torch.nn.Sequential(...)`: feeds each module's output to the next; parameters named `"0.weight"`, … */
export class Sequential extends Module {
  /** The modules, in order. */
  readonly layers: Module[];

  constructor(...layers: Module[]) {
    super();
    layers.forEach((m, i) => {
      if (!(m instanceof Module)) {
        throw new TypeError(`Sequential: argument ${i} must be a module, got ${show(m)}`);
      }
    });
    this.layers = layers;
  }

  /** The modules' names are their positions, as in PyTorch (`"0.weight"`). */
  protected override children(): [string, Module<never[]> | Tensor][] {
    return this.layers.map((m, i) => [String(i), m as unknown as Module<never[]>]);
  }

  /** Applies the modules in order. */
  forward(x: Tensor): Tensor {
    let out = x;
    for (const m of this.layers) out = m.forward(out);
    return out;
  }
}
