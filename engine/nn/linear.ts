import { type Generator, generator as seeded } from "../generator.ts";
import { linear } from "../matmul.ts";
import { showShape } from "../shape.ts";
import { type DType, type NestedNumbers, type Tensor, tensor } from "../tensor.ts";
import { checkInteger, checkOptions } from "../validate.ts";
import { Module } from "./module.ts";

/** Options of {@linkcode Linear}. */
export interface LinearOptions {
  /** Initial weight, `[out, in]` nested arrays (default: drawn from U(±1/√in)). */
  weight?: NestedNumbers;
  /** Initial bias, `[out]` (default: drawn from U(±1/√in)); `false` for a layer without one. */
  bias?: NestedNumbers | false;
  /** Generator for the weights not given (default: a fresh `generator(0)`). */
  generator?: Generator;
  /** Element type of the parameters (default `"float64"`). */
  dtype?: DType;
}

/**
 * `y = x Wᵀ + b` (`torch.nn.Linear(in, out)`): `weight` is `[out, in]`, `bias` `[out]`. Weights
 * not given are drawn like PyTorch's default init, U(−k, k) with k = 1/√in, weight first (row
 * by row), then bias.
 */
export class Linear extends Module {
  /** `[out, in]`. */
  weight: Tensor;
  /** `[out]`, or null without a bias. */
  bias: Tensor | null;
  /** Input features. */
  readonly inFeatures: number;
  /** Output features. */
  readonly outFeatures: number;

  constructor(inFeatures: number, outFeatures: number, options?: LinearOptions) {
    super();
    const fn = "Linear";
    const o = checkOptions(fn, options, ["weight", "bias", "generator", "dtype"]);
    this.inFeatures = checkInteger(fn, "in", inFeatures, 1, 1 << 24);
    this.outFeatures = checkInteger(fn, "out", outFeatures, 1, 1 << 24);
    const dtype = o.dtype ?? "float64", k = 1 / Math.sqrt(inFeatures);
    const g = o.generator ?? seeded(0);
    const draw = (n: number) => Array.from({ length: n }, () => g.uniform(-k, k));
    const weight = o.weight ?? draw(inFeatures * outFeatures);
    this.weight = tensor(weight, {
      requiresGrad: true,
      dtype,
      shape: o.weight ? undefined : [outFeatures, inFeatures],
    });
    if (
      this.weight.ndim !== 2 || this.weight.shape[0] !== outFeatures ||
      this.weight.shape[1] !== inFeatures
    ) {
      throw new RangeError(
        `${fn}: weight must be [${outFeatures}, ${inFeatures}], got ${
          showShape(this.weight.shape)
        }`,
      );
    }
    if (o.bias === false) this.bias = null;
    else {
      this.bias = tensor(o.bias ?? draw(outFeatures), { requiresGrad: true, dtype });
      if (this.bias.ndim !== 1 || this.bias.shape[0] !== outFeatures) {
        throw new RangeError(
          `${fn}: bias must be [${outFeatures}], got ${showShape(this.bias.shape)}`,
        );
      }
    }
  }

  /** `x Wᵀ + b` for x `[N, in]` or `[in]`. */
  forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias);
  }
}
