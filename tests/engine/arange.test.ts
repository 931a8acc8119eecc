import assert from "node:assert/strict";
import { arange } from "../../engine/mod.ts";

Deno.test("arange(1, 1.3, 0.1) matches numpy bit for bit", () => {
  // numpy 2.4: np.arange(1, 1.3, 0.1)
  assert.deepEqual([...arange(1, 1.3, 0.1)], [1.0, 1.1, 1.2000000000000002, 1.3000000000000003]);
});

Deno.test("arange(0, 4.1, 0.1) is the course's 41 candidates", () => {
  const w = arange(0, 4.1, 0.1);
  assert.equal(w.length, 41);
  // numpy 2.4 prints np.arange(0.0, 4.1, 0.1)[3] and [6] as these.
  assert.equal(w[3], 0.30000000000000004);
  assert.equal(w[6], 0.6000000000000001);
  assert.equal(w[0], 0);
  assert.equal(w[30], 3);
  assert.equal(w[40], 4);
});

Deno.test("arange(start, stop, step) fills start + i * ((start + step) - start)", () => {
  // numpy's rule, derived independently: value 1 is start + step, value i >= 2 uses delta.
  for (const [start, stop, step] of [[0.1, 5, 0.7], [-2, 3, 0.3], [1e6, 1e6 + 1, 0.01]]) {
    const values = arange(start, stop, step);
    const delta = (start + step) - start;
    assert.equal(values[0], start);
    assert.equal(values[1], start + step);
    for (let i = 2; i < values.length; i++) assert.equal(values[i], start + i * delta);
  }
});

Deno.test("arange(start, stop, step) has numpy's length ceil((stop - start) / step)", () => {
  const cases: [number, number, number, number][] = [
    [0, 10, 1, 10],
    [0, 10, 3, 4],
    [0, 1, 0.1, 10],
    [10, 0, -1, 10],
    [10, 0, -3, 4],
    [0, 0, 1, 0],
    [1, 0, 1, 0],
    [0, 1, -1, 0],
    [0, 1e-300, 1e300, 1], // the quotient underflows to +0: numpy counts one value
    [0, -1e-300, 1e300, 0], // underflow to -0: none
  ];
  for (const [start, stop, step, length] of cases) {
    assert.equal(arange(start, stop, step).length, length, `arange(${start}, ${stop}, ${step})`);
  }
});

Deno.test("arange(10, 0, -2.5) counts down", () => {
  assert.deepEqual([...arange(10, 0, -2.5)], [10, 7.5, 5, 2.5]);
});

Deno.test("arange(start, stop, step) rejects bad arguments, naming the rule", () => {
  const cases: [() => unknown, ErrorConstructor, RegExp][] = [
    [() => arange(0, 1, 0), RangeError, /^arange: step must be non-zero, got 0$/],
    [() => arange(NaN, 1, 0.1), RangeError, /^arange: start must be finite, got NaN$/],
    [() => arange(0, Infinity, 1), RangeError, /^arange: stop must be finite, got Infinity$/],
    [() => arange(0, 1, "0.1" as unknown as number), TypeError, /^arange: step must be a number/],
    [
      () => arange(0, 1, 1e-300),
      RangeError,
      /^arange: length [0-9.e+]+ exceeds maxLength 10000000/,
    ],
    [() => arange(0, 100, 1, { maxLength: 99 }), RangeError, /exceeds maxLength 99/],
    [() => arange(0, 1, 1, { max: 5 } as never), TypeError, /^arange: unknown option "max"/],
  ];
  for (const [call, type, message] of cases) assert.throws(call, { name: type.name, message });
});

Deno.test("arange(start, stop, step, { maxLength }) raises the limit", () => {
  assert.equal(arange(0, 100, 1, { maxLength: 100 }).length, 100);
});
