import assert from "node:assert/strict";
import { mse } from "../../engine/mod.ts";
import { assertClose, directMse, probePoints, randomDatasets } from "./reference.ts";

const course = { x: [1, 2, 3], y: [3, 6, 9] };

Deno.test("mse(data, w) is the course's (14/3)(w - 3)^2 for y = 3x", () => {
  assert.equal(mse(course, 0), 42);
  assert.equal(mse(course, 3), 0);
  for (const w of [0.5, 1, 2, 2.9, 3.1, 4]) {
    assertClose(mse(course, w), (14 / 3) * (w - 3) ** 2, `w = ${w}`);
  }
});

Deno.test("mse(data, w, b) is 0 on the line y = 3x + 1", () => {
  assert.equal(mse({ x: [1, 2, 3], y: [4, 7, 10] }, 3, 1), 0);
});

Deno.test("mse(data, w, b) defaults b to 0", () => {
  assert.equal(mse(course, 2), mse(course, 2, 0));
  assert.notEqual(mse(course, 2), mse(course, 2, 1));
});

Deno.test("mse(data, w, b) agrees with a compensated direct sum on random data", () => {
  for (const { name, data } of randomDatasets(1, 300)) {
    const { w, b } = probePoints(data, 2);
    for (const wj of w) {
      for (const bi of b) assertClose(mse(data, wj, bi), directMse(data, wj, bi), name);
    }
  }
});

Deno.test("mse(data, w, b) stays accurate with x ≈ 1e6 ± 5 and y of order 1", () => {
  // The textbook expansion w^2 Σx^2 - 2w Σxy + Σy^2 loses ~12 digits on this data.
  const x = [1e6 - 5, 1e6 - 2, 1e6, 1e6 + 1, 1e6 + 4, 1e6 + 5];
  const y = [0.3, -0.7, 0.1, 0.9, -0.2, 0.4];
  const data = { x, y };
  for (const w of [0, 1e-3, 0.05, -0.02, 3]) {
    for (const b of [0, 1, -1e6 * w, -1e6 * w + 0.01]) {
      assertClose(mse(data, w, b), directMse(data, w, b), `w ${w}, b ${b}`);
    }
  }
});

Deno.test("mse(data, w, b) handles all x equal and a single point", () => {
  const flat = { x: [2, 2, 2], y: [1, 2, 6] };
  for (const w of [0, 1, -3]) assertClose(mse(flat, w, 0.5), directMse(flat, w, 0.5), `w ${w}`);
  assert.equal(mse({ x: [2], y: [5] }, 2, 1), 0);
  assert.equal(mse({ x: [2], y: [5] }, 1, 1), 4);
});

Deno.test("mse(data, w, b) accepts typed arrays and plain arrays alike", () => {
  const typed = { x: Float64Array.of(1, 2, 3), y: Float32Array.of(3, 6, 9) };
  assert.equal(mse(typed, 2), mse(course, 2));
  assert.equal(mse({ x: Int32Array.of(1, 2, 3), y: [3, 6, 9] }, 2), mse(course, 2));
});

Deno.test("mse(data, w, b) rejects bad input, naming the function and the rule", () => {
  const cases: [unknown, unknown, unknown, ErrorConstructor, RegExp][] = [
    [
      { x: [1, 2, 3], y: [1, 2] },
      1,
      0,
      RangeError,
      /^mse: x and y must have the same length, got 3 and 2$/,
    ],
    [{ x: [], y: [] }, 1, 0, RangeError, /^mse: data must not be empty/],
    [{ x: [1, NaN], y: [1, 2] }, 1, 0, RangeError, /^mse: x\[1\] must be finite, got NaN$/],
    [
      { x: Float64Array.of(1, 2), y: Float64Array.of(1, Infinity) },
      1,
      0,
      RangeError,
      /^mse: y\[1\] must be finite, got Infinity$/,
    ],
    [{ x: [1, "2"], y: [1, 2] }, 1, 0, TypeError, /^mse: x\[1\] must be a number, got "2"$/],
    [{ x: [1, null], y: [1, 2] }, 1, 0, TypeError, /^mse: x\[1\] must be a number, got null$/],
    [{ x: 5, y: [1] }, 1, 0, TypeError, /^mse: x must be an array of numbers, got 5$/],
    [null, 1, 0, TypeError, /^mse: data must be an object/],
    [course, NaN, 0, RangeError, /^mse: w must be finite, got NaN$/],
    [course, 1, Infinity, RangeError, /^mse: b must be finite, got Infinity$/],
    [{ x: [1e308, 1e308], y: [1, 2] }, 1, 0, RangeError, /^mse: data too large for float64/],
  ];
  for (const [data, w, b, type, message] of cases) {
    assert.throws(() => mse(data as never, w as number, b as number), { name: type.name, message });
  }
});
