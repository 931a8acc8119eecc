import assert from "node:assert/strict";
import { mse, sweepWB } from "../../engine/mod.ts";
import { assertClose, directMse, probePoints, randomDatasets } from "./reference.ts";

const line = { x: [1.0, 2.0, 3.0], y: [4.0, 7.0, 10.0] }; // y = 3x + 1
const courseAxis = { start: 0.0, stop: 4.1, step: 0.1 };

Deno.test("sweepWB(data, w, b) reproduces the course's experiment 2", () => {
  const s = sweepWB(line, courseAxis, courseAxis);
  assert.equal(s.w.length, 41);
  assert.equal(s.b.length, 41);
  assert.equal(s.mse.length, 41 * 41);
  assert.deepEqual(s.best, { index: 10 * 41 + 30, w: 3.0, b: 1.0, mse: 0 });
});

Deno.test("sweepWB(data, w, b) puts b on rows and w on columns", () => {
  // Asymmetric axes: a transposed grid would have the wrong length or the wrong values.
  const w = [0.5, 2, 3.5], b = [-1, 4];
  const s = sweepWB(line, w, b);
  assert.equal(s.mse.length, 6);
  for (let i = 0; i < b.length; i++) {
    for (let j = 0; j < w.length; j++) {
      assert.equal(s.mse[i * w.length + j], mse(line, w[j], b[i]), `w ${w[j]}, b ${b[i]}`);
    }
  }
});

Deno.test("sweepWB(data, w, b) draws the valley at (w 3, b 1), not at (w 1, b 3)", () => {
  // The course notes' w-outer loop reshaped to (len(b), len(w)) moves the valley to (1, 3).
  const s = sweepWB(line, courseAxis, courseAxis);
  const at = (w: number, b: number) => s.mse[Math.round(b * 10) * 41 + Math.round(w * 10)];
  assert.equal(at(3, 1), 0);
  assert.equal(at(1, 3), mse(line, 1, 3));
  assert.ok(at(1, 3) > 1);
});

Deno.test("sweepWB(data, w, b) reports the first minimum in row-major order", () => {
  // y = 3x: MSE(2, 0) = MSE(4, 0); they share row b = 0, and w = 4 comes first.
  const s = sweepWB({ x: [1, 2, 3], y: [3, 6, 9] }, [4, 2], [0, 100]);
  assert.deepEqual(s.best, { index: 0, w: 4, b: 0, mse: 14 / 3 });
});

Deno.test("sweepWB(data, w, b) agrees with a compensated direct sum on random data", () => {
  for (const { name, data } of randomDatasets(5, 300)) {
    const { w, b } = probePoints(data, 6);
    const s = sweepWB(data, w, b);
    for (let i = 0; i < b.length; i++) {
      for (let j = 0; j < w.length; j++) {
        assertClose(s.mse[i * w.length + j], directMse(data, w[j], b[i]), name);
      }
    }
  }
});

Deno.test("sweepWB(data, w, b) with x ≈ 1e6 ± 5 on a fine grid around the fit", () => {
  const x = Float64Array.from({ length: 101 }, (_, i) => 1e6 - 5 + i / 10);
  const y = x.map((xi, i) => 0.02 * (xi - 1e6) + Math.sin(i));
  const data = { x, y };
  const w = { start: 0.015, stop: 0.025, step: 0.001 };
  const b = { start: -0.02 * 1e6 - 0.5, stop: -0.02 * 1e6 + 0.5, step: 0.05 };
  const s = sweepWB(data, w, b);
  for (let i = 0; i < s.b.length; i++) {
    for (let j = 0; j < s.w.length; j++) {
      const expected = directMse(data, s.w[j], s.b[i]);
      assertClose(s.mse[i * s.w.length + j], expected, `w ${s.w[j]}, b ${s.b[i]}`);
    }
  }
});

Deno.test("sweepWB(data, w, b, { maxCells }) checks the grid size before allocating", () => {
  const big = { start: 0, stop: 2001, step: 1 };
  assert.throws(() => sweepWB(line, big, big), {
    name: "RangeError",
    message: "sweepWB: grid of 2001 b × 2001 w = 4004001 cells exceeds maxCells 4000000 " +
      "(raise it with { maxCells })",
  });
  const typo = { start: 0, stop: 4, step: 1e-300 };
  assert.throws(() => sweepWB(line, typo, typo), /exceeds maxCells/);
  assert.throws(() => sweepWB(line, [1, 2, 3], [1, 2], { maxCells: 5 }), /6 cells exceeds/);
  assert.equal(sweepWB(line, [1, 2, 3], [1, 2], { maxCells: 6 }).mse.length, 6);
});

Deno.test("sweepWB(data, w, b) rejects bad input, naming the rule", () => {
  const ok = [1, 2];
  const cases: [unknown, unknown, unknown, unknown, ErrorConstructor, RegExp][] = [
    [
      line,
      { start: 0, stop: 1, step: 0 },
      ok,
      undefined,
      RangeError,
      /^sweepWB: w.step must be non-zero, got 0$/,
    ],
    [
      line,
      ok,
      { start: 0, stop: 1, step: 0 },
      undefined,
      RangeError,
      /^sweepWB: b.step must be non-zero, got 0$/,
    ],
    [line, ok, [], undefined, RangeError, /^sweepWB: the b axis must not be empty$/],
    [line, ok, [0, Infinity], undefined, RangeError, /^sweepWB: b\[1\] must be finite/],
    [
      { x: [1], y: [1, 2] },
      ok,
      ok,
      undefined,
      RangeError,
      /^sweepWB: x and y must have the same length, got 1 and 2$/,
    ],
    [{ x: [], y: [] }, ok, ok, undefined, RangeError, /^sweepWB: data must not be empty/],
    [
      line,
      ok,
      ok,
      { maxCells: 0 },
      RangeError,
      /^sweepWB: maxCells must be an integer >= 1, got 0$/,
    ],
    [line, ok, ok, { maxcells: 9 }, TypeError, /^sweepWB: unknown option "maxcells"/],
  ];
  for (const [data, w, b, options, type, message] of cases) {
    assert.throws(() => sweepWB(data as never, w as never, b as never, options as never), {
      name: type.name,
      message,
    });
  }
});
