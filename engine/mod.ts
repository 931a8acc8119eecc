/**
 * The numeric engine: MSE loss curves and surfaces of the line y = w x + b, and gradient
 * descent trajectories. Pure TypeScript, no DOM; components call it at build time.
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
