import {
  binaryCrossEntropy,
  checkReduction,
  type ClassIndices,
  crossEntropy,
  mseLoss,
  nllLoss,
  type Reduction,
} from "../losses.ts";
import type { Tensor } from "../tensor.ts";
import { checkOptions } from "../validate.ts";
import { Module } from "./module.ts";

/** Options of the loss modules. */
export interface LossOptions {
  /** `"mean"` (default, as in PyTorch) or `"sum"` (the course's `size_average=False`). */
  reduction?: Reduction;
}

function reductionOf(fn: string, options: LossOptions | undefined): Reduction {
  return checkReduction(fn, checkOptions(fn, options, ["reduction"]).reduction);
}

/** `torch.nn.MSELoss(reduction=…)`: `call(input, target)`. */
export class MSELoss extends Module<[Tensor, Tensor]> {
  /** `"mean"` or `"sum"`. */
  readonly reduction: Reduction;
  constructor(options?: LossOptions) {
    super();
    this.reduction = reductionOf("MSELoss", options);
  }
  /** Mean (or sum) of (input − target)². */
  forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, this.reduction);
  }
}

/** `torch.nn.BCELoss(reduction=…)`: probabilities in [0, 1] against 0/1 targets, logs clamped at −100. */
export class BCELoss extends Module<[Tensor, Tensor]> {
  /** `"mean"` or `"sum"`. */
  readonly reduction: Reduction;
  constructor(options?: LossOptions) {
    super();
    this.reduction = reductionOf("BCELoss", options);
  }
  /** −[t log x + (1 − t) log(1 − x)], mean or sum. */
  forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropy(input, target, this.reduction);
  }
}

/** `torch.nn.CrossEntropyLoss(reduction=…)`: raw logits `[N, C]` and class indices `[N]`. */
export class CrossEntropyLoss extends Module<[Tensor, ClassIndices]> {
  /** `"mean"` or `"sum"`. */
  readonly reduction: Reduction;
  constructor(options?: LossOptions) {
    super();
    this.reduction = reductionOf("CrossEntropyLoss", options);
  }
  /** nllLoss(logSoftmax(logits), target). */
  forward(input: Tensor, target: ClassIndices): Tensor {
    return crossEntropy(input, target, this.reduction);
  }
}

/** `torch.nn.NLLLoss(reduction=…)`: log-probabilities `[N, C]` and class indices `[N]`. */
export class NLLLoss extends Module<[Tensor, ClassIndices]> {
  /** `"mean"` or `"sum"`. */
  readonly reduction: Reduction;
  constructor(options?: LossOptions) {
    super();
    this.reduction = reductionOf("NLLLoss", options);
  }
  /** −mean (or −sum) of input[i, target[i]]. */
  forward(input: Tensor, target: ClassIndices): Tensor {
    return nllLoss(input, target, this.reduction);
  }
}
