import { checkTensor, type Tensor } from "../tensor.ts";
import { relu, sigmoid, tanh } from "../unary_ops.ts";
import { Module } from "./module.ts";

/** `torch.nn.Sigmoid()`: elementwise 1 / (1 + e^−x). */
export class Sigmoid extends Module {
  /** σ(x). */
  forward(x: Tensor): Tensor {
    return sigmoid(checkTensor("Sigmoid", x));
  }
}

/** `torch.nn.ReLU()`: elementwise max(x, 0). */
export class ReLU extends Module {
  /** max(x, 0). */
  forward(x: Tensor): Tensor {
    return relu(checkTensor("ReLU", x));
  }
}

/** `torch.nn.Tanh()`: elementwise tanh x. */
export class Tanh extends Module {
  /** tanh(x). */
  forward(x: Tensor): Tensor {
    return tanh(checkTensor("Tanh", x));
  }
}
