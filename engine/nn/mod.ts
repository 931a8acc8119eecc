/**
 * Layers, activations and losses with PyTorch's names (`torch.nn`): `nn.Linear`,
 * `nn.Sequential`, `nn.Sigmoid`, `nn.ReLU`, `nn.Tanh`, `nn.MSELoss`, `nn.BCELoss`,
 * `nn.CrossEntropyLoss`, `nn.NLLLoss`, and the `nn.Module` base.
 *
 * @module
 */
export { Module } from "./module.ts";
export { Linear, type LinearOptions } from "./linear.ts";
export { ReLU, Sigmoid, Tanh } from "./activations.ts";
export { Sequential } from "./sequential.ts";
export { BCELoss, CrossEntropyLoss, type LossOptions, MSELoss, NLLLoss } from "./losses.ts";
