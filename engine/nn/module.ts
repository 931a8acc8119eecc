import { Tensor } from "../tensor.ts";
import { show } from "../validate.ts";

/**
 * Base of layers, models and losses, like `torch.nn.Module`: subclass it, keep layers and
 * parameters in fields, write `forward`. `parameters()` finds them in the fields (and in
 * submodules, recursively) in declaration order.
 *
 * @example
 * class LinearModel extends Module {
 *   linear = new Linear(1, 1, { weight: [[1]], bias: [0] });
 *   forward(x: Tensor) {
 *     return this.linear.call(x);
 *   }
 * }
 */
export abstract class Module<A extends unknown[] = [Tensor]> {
  /** The computation (PyTorch's `forward`). */
  abstract forward(...args: A): Tensor;

  /** Runs `forward`: the twin of calling the module, `model(x)`. */
  call(...args: A): Tensor {
    return this.forward(...args);
  }

  /** Named submodules and parameters held in fields, in declaration order. */
  protected children(): [string, Module<never[]> | Tensor][] {
    const out: [string, Module<never[]> | Tensor][] = [];
    for (const [key, value] of Object.entries(this)) {
      if (value instanceof Module || value instanceof Tensor) out.push([key, value]);
      else if (Array.isArray(value)) {
        value.forEach((v, i) => {
          if (v instanceof Module || v instanceof Tensor) out.push([`${key}.${i}`, v]);
        });
      }
    }
    return out;
  }

  /** Parameters with dotted names (`"0.weight"`, `"linear.bias"`), like `named_parameters()`. */
  namedParameters(): [string, Tensor][] {
    const out: [string, Tensor][] = [], seen = new Set<Tensor>();
    const walk = (m: Module<never[]>, prefix: string) => {
      for (const [key, value] of m.children()) {
        if (value instanceof Tensor) {
          if (value.requiresGrad && !seen.has(value)) {
            seen.add(value);
            out.push([prefix + key, value]);
          }
        } else walk(value, `${prefix}${key}.`);
      }
    };
    walk(this as unknown as Module<never[]>, "");
    return out;
  }

  /** The tensors that require grad, for an optimizer: `model.parameters()`. */
  parameters(): Tensor[] {
    return this.namedParameters().map(([, t]) => t);
  }

  /** Zeros the `.grad` of every parameter (`model.zero_grad()`). */
  zeroGrad(): void {
    for (const p of this.parameters()) p.zeroGrad();
  }

  /** Number of scalar parameters. */
  parameterCount(): number {
    return this.parameters().reduce((n, p) => n + p.size, 0);
  }

  /** All parameter values in one array, in `parameters()` order. */
  flatParameters(): Float64Array {
    const out = new Float64Array(this.parameterCount());
    let at = 0;
    for (const p of this.parameters()) {
      out.set(p.data, at);
      at += p.size;
    }
    return out;
  }

  /** Sets every parameter from one array laid out as `flatParameters()` gives it. */
  loadParameters(values: ArrayLike<number>): this {
    const n = this.parameterCount();
    if (values === null || typeof values !== "object" || values.length !== n) {
      throw new RangeError(`loadParameters: expected ${n} values, got ${show(values)}`);
    }
    let at = 0;
    for (const p of this.parameters()) {
      for (let i = 0; i < p.size; i++) p.data[i] = values[at + i];
      at += p.size;
    }
    return this;
  }
}
