import assert from "node:assert/strict";
import { residuals } from "../../engine/mod.ts";

Deno.test("residuals(data, w) is the course's per-sample table", () => {
  assert.deepEqual(residuals({ x: [1, 2, 3], y: [3, 6, 9] }, 2), [
    { x: 1, y: 3, yPred: 2, loss: 1 },
    { x: 2, y: 6, yPred: 4, loss: 4 },
    { x: 3, y: 9, yPred: 6, loss: 9 },
  ]);
});

Deno.test("residuals(data, w, b) adds the intercept", () => {
  assert.deepEqual(residuals({ x: [1, 2], y: [4, 7] }, 3, 0.5), [
    { x: 1, y: 4, yPred: 3.5, loss: 0.25 },
    { x: 2, y: 7, yPred: 6.5, loss: 0.25 },
  ]);
});

Deno.test("residuals(data, w) keeps binary floating point visible, as Python prints it", () => {
  const [row] = residuals({ x: [3], y: [9] }, 0.1);
  assert.equal(row.yPred, 0.30000000000000004);
});

Deno.test("residuals(data, w, b) rejects bad input, naming the rule", () => {
  assert.throws(() => residuals({ x: [1, 2], y: [1] }, 1), {
    name: "RangeError",
    message: "residuals: x and y must have the same length, got 2 and 1",
  });
  assert.throws(() => residuals({ x: Float64Array.of(NaN), y: [1] }, 1), {
    name: "RangeError",
    message: "residuals: x[0] must be finite, got NaN",
  });
  assert.throws(() => residuals({ x: [1], y: [1] }, NaN), /^RangeError: residuals: w must be/);
});
