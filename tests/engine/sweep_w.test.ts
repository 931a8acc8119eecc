import assert from "node:assert/strict";
import { arange, mse, sweepW } from "../../engine/mod.ts";
import { assertClose, directMse, probePoints, randomDatasets } from "./reference.ts";

const course = { x: [1.0, 2.0, 3.0], y: [3.0, 6.0, 9.0] };
const courseAxis = { start: 0.0, stop: 4.1, step: 0.1 };

Deno.test("sweepW(data, arange(0, 4.1, 0.1)) reproduces the course's experiment 1", () => {
  const s = sweepW(course, courseAxis);
  assert.equal(s.w.length, 41);
  assert.equal(s.mse.length, 41);
  assert.equal(s.mse[0], 42);
  assert.deepEqual(s.best, { index: 30, w: 3.0, mse: 0 });
  for (let j = 0; j < 41; j++) assertClose(s.mse[j], (14 / 3) * (s.w[j] - 3) ** 2, `w ${s.w[j]}`);
});

Deno.test("sweepW(data, { start, stop, step }) is the same as sweepW(data, arange(...))", () => {
  const a = sweepW(course, courseAxis), b = sweepW(course, arange(0, 4.1, 0.1));
  assert.deepEqual(a, b);
  assert.deepEqual([...sweepW(course, [0, 1, 2]).w], [0, 1, 2]);
});

Deno.test("sweepW(data, w, b) cells are bit-identical to mse(data, w, b)", () => {
  const data = { x: [0.5, 1.7, 2.2, 3.9], y: [1.1, 4.2, 5.0, 9.7] };
  const s = sweepW(data, courseAxis, 0.3);
  for (let j = 0; j < s.w.length; j++) assert.equal(s.mse[j], mse(data, s.w[j], 0.3));
});

Deno.test("sweepW(data, w) agrees with a compensated direct sum on random data", () => {
  for (const { name, data } of randomDatasets(3, 200)) {
    const { w, b } = probePoints(data, 4);
    const s = sweepW(data, w, b[1]);
    for (let j = 0; j < w.length; j++) assertClose(s.mse[j], directMse(data, w[j], b[1]), name);
  }
});

Deno.test("sweepW(data, w) picks the first of equal minima", () => {
  // MSE(2) = MSE(4) = 14/3 for y = 3x: the earlier one wins.
  assert.deepEqual(sweepW(course, [4, 2, 5]).best, { index: 0, w: 4, mse: 14 / 3 });
  assert.deepEqual(sweepW(course, [5, 2, 4]).best, { index: 1, w: 2, mse: 14 / 3 });
});

Deno.test("sweepW(data, w) ranks overflowing cells last and still reports one", () => {
  assert.equal(sweepW(course, [1e300, 1]).best.index, 1);
  assert.deepEqual(sweepW(course, [1e300, 1e301]).best, { index: 0, w: 1e300, mse: Infinity });
});

Deno.test("sweepW(data, w, b, { maxCells }) refuses long axes before allocating", () => {
  assert.throws(() => sweepW(course, { start: 0, stop: 1, step: 1e-300 }), {
    name: "RangeError",
    message: /^sweepW: [0-9.e+]+ w values exceed maxCells 4000000/,
  });
  assert.throws(() => sweepW(course, [1, 2, 3], 0, { maxCells: 2 }), /exceed maxCells 2/);
  assert.equal(sweepW(course, [1, 2, 3], 0, { maxCells: 3 }).mse.length, 3);
});

Deno.test("sweepW(data, w, b) rejects bad axes, naming the rule", () => {
  const cases: [unknown, unknown, ErrorConstructor, RegExp][] = [
    [{ start: 0, stop: 1, step: 0 }, 0, RangeError, /^sweepW: w.step must be non-zero, got 0$/],
    [{ start: 0, stop: NaN, step: 1 }, 0, RangeError, /^sweepW: w.stop must be finite, got NaN$/],
    [{ start: 1, stop: 0, step: 0.1 }, 0, RangeError, /^sweepW: the w axis must not be empty$/],
    [[], 0, RangeError, /^sweepW: the w axis must not be empty$/],
    [[1, NaN], 0, RangeError, /^sweepW: w\[1\] must be finite, got NaN$/],
    [Float64Array.of(1, -Infinity), 0, RangeError, /^sweepW: w\[1\] must be finite/],
    [3, 0, TypeError, /^sweepW: w must be an array of numbers or \{ start, stop, step \}/],
    [[1, 2], NaN, RangeError, /^sweepW: b must be finite, got NaN$/],
  ];
  for (const [w, b, type, message] of cases) {
    assert.throws(() => sweepW(course, w as never, b as number), { name: type.name, message });
  }
});
