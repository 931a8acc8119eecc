/**
 * Numbers that lecture 2's prose states, computed by the engine when the site is built, so the
 * text cannot drift from the charts: `{{ lecture2.exp1.mseAt2 }}` in a page.
 */
import { arange, mse, residuals, sweepW, sweepWB } from "../engine/mod.ts";
import { COURSE_AXIS, courseData } from "../_components/_chart/course.ts";
import { fmt } from "../_components/_chart/format.ts";

const axis = COURSE_AXIS;
const linear = courseData("linear");
const affine = courseData("affine");
const ws = arange(axis.start, axis.stop, axis.step);
// Python prints a float with the shortest digits that read back the same; so does JavaScript.
const longTail = Array.from(ws).filter((w) =>
  String(w).length > String(Number(w.toFixed(1))).length
);
const exp1 = sweepW(linear, axis);
const exp2 = sweepWB(affine, axis, axis);
const meanX2 = linear.x.reduce((s, x) => s + x * x, 0) / linear.x.length;
// The course's mistake: a w-outer list reshaped as (len(b), len(w)) puts the value of
// (w, b) at row w, column b; the drawn valley is where the transposed grid is lowest.
const n = exp2.w.length;
/** Position (row b, column w) of the drawn grid where the transposed surface is lowest. */
let low = 0;
for (let k = 0; k < exp2.mse.length; k++) {
  const transposed = exp2.mse[(k % n) * n + Math.floor(k / n)];
  if (transposed < exp2.mse[(low % n) * n + Math.floor(low / n)]) low = k;
}

export default {
  /** Candidates of `np.arange(0.0, 4.1, 0.1)`. */
  count: ws.length,
  /** How many of them print with a long binary tail, e.g. 0.30000000000000004. */
  longTail: longTail.length,
  /** The first two such values, as Python prints them. */
  tails: longTail.slice(0, 2).map(String),
  exp1: {
    bestW: fmt(exp1.best.w),
    bestMse: fmt(exp1.best.mse),
    mseAt0: String(Number(mse(linear, 0).toPrecision(12))),
    mseAt2: fmt(mse(linear, 2)),
    /** Σ x² over N, the parabola's coefficient: 14/3. */
    sumX2: linear.x.reduce((s, x) => s + x * x, 0),
    meanX2: fmt(meanX2),
    /** Each candidate w with its predictions, losses and MSE: what the first listing prints. */
    rows: Array.from(ws, (w) => {
      const r = residuals(linear, w);
      return { w, yHat: r.map((e) => e.yPred), loss: r.map((e) => e.loss), mse: mse(linear, w) };
    }),
  },
  exp2: {
    cells: exp2.mse.length,
    cellsText: exp2.mse.length.toLocaleString("en-US"),
    bestW: fmt(exp2.best.w),
    bestB: fmt(exp2.best.b),
    bestMse: exp2.best.mse.toFixed(4),
    /** The largest MSE of the grid, at its corner (w, b) = (0, 0). */
    max: String(Number(Math.max(...exp2.mse).toPrecision(12))),
    /** Where the transposed surface draws its valley. */
    wrongW: fmt(exp2.w[low % n]),
    wrongB: fmt(exp2.b[Math.floor(low / n)]),
    /** The MSE at that wrong point, which the transposed grid stores where the best should be. */
    mseAtWrong: fmt(mse(affine, exp2.w[low % n], exp2.b[Math.floor(low / n)])),
  },
};
