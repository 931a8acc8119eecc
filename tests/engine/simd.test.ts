import assert from "node:assert/strict";
import { sigmoidArray } from "../../engine/exp_array.ts";
import { firstNaN, mm, mmNT, mmTN } from "../../engine/gemm.ts";
import { generator, nn, sigmoid, tensor } from "../../engine/mod.ts";
import { sigmoidGradSimd, simd } from "../../engine/wasm/simd.ts";

// The WebAssembly SIMD kernels against the JS loops they stand in for, bit for bit: each
// computation is run twice, with `simd.enabled` on and off.

/** `fn()` with the SIMD kernels, then without: [simd, js]. */
function both<T>(fn: () => T): [T, T] {
  simd.enabled = true;
  const fast = fn();
  simd.enabled = false;
  try {
    return [fast, fn()];
  } finally {
    simd.enabled = true;
  }
}

function same(actual: Float64Array, expected: Float64Array, what: string): void {
  assert.equal(actual.length, expected.length, what);
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      assert.fail(`${what}: element ${i} is ${actual[i]} with SIMD, ${expected[i]} without`);
    }
  }
}

/** Random values with zeros of both signs, −1s and some large and tiny magnitudes. */
function values(g: ReturnType<typeof generator>, n: number): Float64Array {
  return Float64Array.from({ length: n }, () => {
    const r = g.next();
    if (r < 0.1) return 0;
    if (r < 0.2) return -0;
    if (r < 0.25) return -1;
    if (r < 0.3) return g.uniform(-1, 1) * 1e300;
    if (r < 0.35) return g.uniform(-1, 1) * 1e-300;
    return g.uniform(-1, 1);
  });
}

Deno.test("the SIMD kernels compile here (Deno), so these tests compare both paths", () => {
  assert.equal(simd.available, true);
});

Deno.test("SIMD gemm tiles give the JS kernels' bits: mm, mmNT with a bias, mmTN", () => {
  const g = generator(21);
  const shapes = [
    [759, 8, 6],
    [759, 6, 4],
    [759, 1, 4],
    [1, 759, 4],
    [4, 759, 6],
    [6, 759, 8],
    [759, 4, 6],
    [1, 300, 7],
    [1, 1, 300],
    [300, 1, 1],
    [301, 1, 3],
    [2, 128, 2],
    [33, 9, 11],
    [17, 16, 10],
    [5, 60, 13],
    [64, 3, 16],
    [7, 7, 9],
    [3, 100, 5],
  ];
  for (let t = 0; t < 40; t++) {
    const dim = () => 1 + Math.floor(g.next() * (g.next() < 0.5 ? 12 : 80));
    shapes.push([dim(), dim(), dim()]);
  }
  for (const [m, k, n] of shapes) {
    const A = values(g, m * k), B = values(g, k * n), bias = values(g, n);
    const shape = `${m}×${k}×${n}`;
    same(...both(() => mm(A, B, m, k, n, false)), `mm ${shape}`);
    same(...both(() => mmNT(A, B, m, k, n, false, bias)), `mmNT ${shape} + bias`);
    same(...both(() => mmNT(A, B, m, k, n, false)), `mmNT ${shape}`);
    same(...both(() => mmTN(A, B, m, k, n, false)), `mmTN ${shape}`);
  }
});

/** The index of the first NaN of `a`, or −1, by a plain scan. */
function scan(a: Float64Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== a[i]) return i;
  return -1;
}

Deno.test("firstNaN after a product finds the first NaN, whichever path made it", () => {
  const g = generator(23);
  const specials = [NaN, Infinity, -Infinity, 1e300, -1e300];
  for (const [m, k, n] of [[759, 8, 6], [759, 6, 4], [33, 9, 11], [17, 16, 7], [5, 60, 13]]) {
    for (let trial = 0; trial < 12; trial++) {
      const A = values(g, m * k), B = values(g, k * n), bias = values(g, n);
      // None, or a few specials in A, B or the bias (an odd n's padded column sees them too).
      for (let s = 0; s < trial % 4; s++) {
        const target = [A, B, bias][Math.floor(g.next() * 3)];
        target[Math.floor(g.next() * target.length)] = specials[Math.floor(g.next() * 5)];
      }
      const shape = `${m}×${k}×${n}, trial ${trial}`;
      for (const enabled of [true, false]) {
        simd.enabled = enabled;
        try {
          // firstNaN right after each product, as linear and matmul call it.
          let out = mm(A, B, m, k, n, false);
          assert.equal(firstNaN(out), scan(out), `mm ${shape}, SIMD ${enabled}`);
          out = mmNT(A, B, m, k, n, false, bias);
          assert.equal(firstNaN(out), scan(out), `mmNT ${shape}, SIMD ${enabled}`);
        } finally {
          simd.enabled = true;
        }
      }
    }
  }
});

Deno.test("linear and matmul report a NaN result at the same index with and without SIMD", () => {
  const x = tensor(Array.from({ length: 40 }, (_, i) => [i, 1, -1, 2, 0.5, i % 3, -i, 1]));
  const layer = new nn.Linear(8, 6);
  layer.weight.data[9] = Infinity; // row 1 of the weight: output column 1
  layer.weight.data[10] = Infinity; // row 0 of x: 1·∞ + (−1)·∞ is NaN
  const messages = both(() => {
    const errors: string[] = [];
    for (const run of [() => layer.call(x), () => x.matmul(layer.weight.t())]) {
      try {
        run();
        errors.push("no error");
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    return errors;
  });
  assert.deepEqual(messages[0], messages[1]);
  assert.match(messages[0][0], /^linear: the result is NaN at flat index 1 /);
  assert.match(messages[0][1], /^matmul: the result is NaN at flat index 1 /);
});

Deno.test("SIMD sigmoid gives the JS loop's bits and first NaN, odd lengths and edges too", () => {
  const g = generator(22);
  const edges = [0, -0, Infinity, -Infinity, 707.9, -707.9, 708, -708, 745.2, -745.2, 800, -800];
  edges.push(5e-324, -5e-324, 1e-300, 37, -37, 36.7, 1e308, -1e308);
  for (const n of [16, 17, 31, 64, 101, 759, 3036, 4555]) {
    for (const spread of [1, 8, 40, 1000]) {
      const X = Float64Array.from({ length: n }, () => g.uniform(-spread, spread));
      for (let i = 0; i < n; i += 7) X[i] = edges[(i / 7) % edges.length];
      const run = () => {
        const out = new Float64Array(n);
        return { out, nan: sigmoidArray(X, out) };
      };
      const [fast, js] = both(run);
      same(fast.out, js.out, `sigmoid of ${n} in ±${spread}`);
      assert.equal(fast.nan, -1);
      X[n - 1] = NaN;
      X[n >> 1] = NaN;
      const [fastNaN, jsNaN] = both(run);
      same(fastNaN.out, jsNaN.out, `sigmoid of ${n} with NaNs`);
      assert.equal(fastNaN.nan, n >> 1);
      assert.equal(jsNaN.nan, n >> 1);
    }
  }
});

Deno.test("SIMD sigmoid gradient gives the JS loop's bits: through backward(), odd lengths", () => {
  const g = generator(24);
  // Inputs whose sigmoids are 0, subnormal, 1/2, 1 and all between.
  const edges = [0, -0, -800, -740, -720, 800, 40, -40, 1e-300, 5e-324];
  for (const n of [31, 32, 33, 64, 101, 759, 4554, 4555]) {
    const X = Float64Array.from({ length: n }, (_, i) => edges[i] ?? g.uniform(-30, 30));
    const G = values(g, n);
    G[n - 1] = -5e-324;
    const [fast, js] = both(() => {
      const x = tensor(X, { shape: [n], requiresGrad: true });
      sigmoid(x).backward(tensor(G, { shape: [n] }));
      return x.grad!.data;
    });
    same(fast, js, `sigmoid's gradient, ${n} elements`);
  }
});

Deno.test("SIMD sigmoid gradient kernel: NaN, ±Infinity, ±0 and subnormals as the JS loop has them", () => {
  const specials = [NaN, Infinity, -Infinity, 0, -0, 5e-324, -5e-324, 2.2e-308, 1, -1, 0.5, 1e308];
  const m = specials.length, n = m * m + 1; // every pair (g, y), and an odd length
  const G = new Float64Array(n), Y = new Float64Array(n);
  for (let i = 0; i < m * m; i++) [G[i], Y[i]] = [specials[i % m], specials[Math.floor(i / m)]];
  const fast = new Float64Array(n), js = new Float64Array(n);
  sigmoidGradSimd(G, Y, fast);
  for (let i = 0; i < n; i++) {
    const y = Y[i];
    js[i] = G[i] * (1 - y) * y; // unary_ops.ts's loop
  }
  same(fast, js, "g·(1 − y)·y");
});
