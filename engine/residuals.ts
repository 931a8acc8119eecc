import type { Dataset } from "./types.ts";
import { checkData, checkFinite } from "./validate.ts";

/** One row of the per-sample table: prediction and squared error. */
export interface Residual {
  x: number;
  y: number;
  /** `w * x + b` */
  yPred: number;
  /** `(yPred - y)^2` */
  loss: number;
}

/**
 * The per-sample table the course prints for each candidate w: x, y, prediction and loss.
 *
 * @example
 * residuals({ x: [1, 2, 3], y: [3, 6, 9] }, 2);
 * // [{ x: 1, y: 3, yPred: 2, loss: 1 }, { x: 2, y: 6, yPred: 4, loss: 4 }, ...]
 *
 * @param b intercept, 0 by default.
 */
export function residuals(data: Dataset, w: number, b: number = 0): Residual[] {
  const fn = "residuals";
  checkFinite(fn, "w", w);
  checkFinite(fn, "b", b);
  const { x, y, n } = checkData(fn, data);
  const rows: Residual[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const yPred = x[i] * w + b;
    const e = yPred - y[i];
    rows[i] = { x: x[i], y: y[i], yPred, loss: e * e };
  }
  return rows;
}
