/**
 * The numeric engine: MSE loss curves and surfaces of the line y = w x + b, gradient descent
 * trajectories, and a small reverse-mode autograd with PyTorch's names and semantics (tensors,
 * `nn` layers and losses, `optim` optimizers, a data loader and training records). Pure
 * TypeScript, no DOM; components call it at build time and in the browser. See
 * `engine/README.md` for the autograd's API.
 *
 * @module
 */

export type { Axis, AxisRange, Dataset } from "./types.ts";
export { arange, arangeDefaults, type ArangeOptions } from "./arange.ts";
export { arangeLength } from "./arange_length.ts";
export { mse } from "./mse.ts";
export { sweepW, sweepWDefaults, type SweepWOptions, type SweepWResult } from "./sweep_w.ts";
export { sweepWB, sweepWBDefaults, type SweepWBOptions, type SweepWBResult } from "./sweep_wb.ts";
export { type Residual, residuals } from "./residuals.ts";
export {
  type DescentStep,
  type Divergence,
  gradientDescent,
  gradientDescentDefaults,
  type GradientDescentOptions,
  type GradientDescentResult,
} from "./gradient_descent.ts";

export {
  asTensor,
  type BackwardFn,
  type DType,
  type NestedNumbers,
  type OpAttrs,
  Tensor,
  tensor,
  type TensorLike,
  type TensorOptions,
} from "./tensor.ts";
export { add, div, mul, neg, pow, sub } from "./binary_ops.ts";
export { exp, log, relu, sigmoid, tanh } from "./unary_ops.ts";
export { mean, sum } from "./reduce.ts";
export { linear, matmul } from "./matmul.ts";
export { logSoftmax, softmax } from "./softmax.ts";
export { index, reshape, transpose } from "./reshape.ts";
export { backward } from "./backward.ts";
export { isGradEnabled, noGrad } from "./grad_mode.ts";
export { type Graph, graph, type GraphEdge, type GraphNode } from "./graph.ts";
export {
  binaryCrossEntropy,
  type ClassIndices,
  crossEntropy,
  mseLoss,
  nllLoss,
  type Reduction,
} from "./losses.ts";
export { type Generator, generator } from "./generator.ts";
export { DataLoader, type DataLoaderOptions, TensorDataset } from "./data_loader.ts";
export * as nn from "./nn/mod.ts";
export * as optim from "./optim/mod.ts";
export {
  buildModel,
  type LayerSpec,
  type LossSpec,
  type ManualStep,
  type ModelSpec,
  type OptimizerSpec,
  runKey,
  train,
  type TrainConfig,
  type TrainDivergence,
  type TrainRecord,
} from "./train.ts";
