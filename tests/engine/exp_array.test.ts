import assert from "node:assert/strict";
import { generator } from "../../engine/mod.ts";
import { expArray, sigmoidArray } from "../../engine/exp_array.ts";

/** expArray of one value. */
function exp1(x: number): number {
  return expArray(Float64Array.of(x), new Float64Array(1))[0];
}

/** The stable sigmoid from Math.exp, as the engine computed it before it had expArray. */
function sigmoidOf(x: number): number {
  const e = Math.exp(-Math.abs(x));
  return (x >= 0 ? 1 : e) / (1 + e);
}

Deno.test("expArray(x) is e^x correctly rounded, where a 1-ulp exp (fdlibm's) is off by one", () => {
  // Reference: mpmath 1.2.1 at 300 bits, rounded to the nearest double.
  const cases: [number, number][] = [
    [-12.817566802447008, 2.7126981191498837e-06],
    [-0.1385904133615613, 0.8705845352363254],
    [-0.9960055718004209, 0.36935184793911696],
    [272.6319658239514, 2.5267271549514837e+118],
    [1.8483720903288647, 6.349474733370083],
    [0.5000000000000001, 1.6487212707001284],
    [1, 2.718281828459045],
    [-1, 0.36787944117144233],
    [0.5, 1.6487212707001282],
    [700, 1.0142320547350045e+304],
    [-700, 9.85967654375977e-305],
    [1e-10, 1.0000000001],
    [2 ** -30, 1.0000000009313226],
    [-707.9, 3.655411389615008e-308],
    [709.7, 1.6549840276802644e+308],
    [-745, 5e-324],
  ];
  for (const [x, want] of cases) assert.equal(exp1(x), want, `e^${x}`);
});

Deno.test("expArray and sigmoidArray give Math.exp's bits (V8's exp is correctly rounded)", () => {
  const g = generator(7), n = 100_000;
  const X = new Float64Array(4 * n);
  for (let i = 0; i < n; i++) {
    X[4 * i] = g.uniform(-6, 6); // a sigmoid's inputs
    X[4 * i + 1] = g.uniform(-750, 750); // the whole range, overflow and underflow included
    X[4 * i + 2] = g.uniform(-1e-6, 1e-6); // near 0, where e^x rounds to 1 ± a few ulps
    X[4 * i + 3] = g.uniform(-0.01, 0.01);
  }
  const out = expArray(X, new Float64Array(X.length));
  for (let i = 0; i < X.length; i++) {
    if (!Object.is(out[i], Math.exp(X[i]))) {
      assert.fail(`e^${X[i]}: expArray ${out[i]}, Math.exp ${Math.exp(X[i])}`);
    }
  }
  assert.equal(sigmoidArray(X, out), -1);
  for (let i = 0; i < X.length; i++) {
    if (!Object.is(out[i], sigmoidOf(X[i]))) {
      assert.fail(`σ(${X[i]}): sigmoidArray ${out[i]}, from Math.exp ${sigmoidOf(X[i])}`);
    }
  }
});

Deno.test("expArray(x), sigmoidArray(x) at the edges: ±0, ±Infinity, NaN, overflow, subnormals", () => {
  const edges = [0, -0, Infinity, -Infinity, NaN, 708, -708, 707.9999999999999, -708.0000000000001];
  edges.push(709.782712893384, 709.7827128933841, -745.1332191019411, -745.1332191019412, -740);
  edges.push(1e-300, -1e-300, 5e-324, 2 ** -28, -(2 ** -28), Math.LN2 / 512, -Math.LN2 / 512);
  for (const x of edges) {
    assert.ok(Object.is(exp1(x), Math.exp(x)), `e^${x}: ${exp1(x)} vs ${Math.exp(x)}`);
    const s = sigmoidArray(Float64Array.of(x), new Float64Array(1));
    assert.ok(Object.is(s, Number.isNaN(x) ? 0 : -1), `σ(${x}) reports NaN`);
  }
  assert.equal(exp1(-0), 1);
  assert.ok(Number.isNaN(exp1(NaN)));
  const out = new Float64Array(4);
  assert.equal(sigmoidArray(Float64Array.of(0, 800, -800, NaN), out), 3);
  assert.deepEqual([...out], [0.5, 1, 0, NaN]);
  assert.equal(sigmoidArray(Float64Array.of(1, NaN, 2, NaN), out), 1);
});

Deno.test("expArray(X, out) fills exactly X.length elements of out and returns it", () => {
  const out = new Float64Array(4).fill(-1);
  assert.equal(expArray(Float64Array.of(0, 1, 2), out), out);
  assert.deepEqual([...out], [1, Math.E, Math.exp(2), -1]);
});
