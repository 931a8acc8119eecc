/**
 * Optimizers with PyTorch 1.13's names, defaults and update formulas (`torch.optim`):
 * `optim.SGD`, `optim.Adam`, `optim.Adagrad`, `optim.RMSprop`, each with `step()` and
 * `zeroGrad()`.
 *
 * @module
 */
export { Optimizer } from "./optimizer.ts";
export { SGD, type SGDOptions } from "./sgd.ts";
export { Adam, type AdamOptions } from "./adam.ts";
export { Adagrad, type AdagradOptions } from "./adagrad.ts";
export { RMSprop, type RMSpropOptions } from "./rmsprop.ts";
