import assert from "node:assert/strict";
import { alloc, withScratch } from "../../engine/alloc.ts";
import { mm, mmNT, mmTN } from "../../engine/gemm.ts";
import { generator, linear, tensor } from "../../engine/mod.ts";

/** The definition: Σ_p a(i, p)·b(p, j) added in order of p from 0, then + bias[j]. */
function naive(
  a: (i: number, p: number) => number,
  b: (p: number, j: number) => number,
  m: number,
  k: number,
  n: number,
  bias: Float64Array | null = null,
): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a(i, p) * b(p, j);
      out[i * n + j] = bias === null ? s : s + bias[j];
    }
  }
  return out;
}

/** Random values with zeros of both signs and −1s, so that sums of −0 products occur. */
function values(g: ReturnType<typeof generator>, n: number): Float64Array {
  return Float64Array.from({ length: n }, () => {
    const r = g.next();
    return r < 0.15 ? 0 : r < 0.3 ? -0 : r < 0.35 ? -1 : g.uniform(-1, 1);
  });
}

function same(actual: Float64Array, expected: Float64Array, what: string): void {
  assert.equal(actual.length, expected.length, what);
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      assert.fail(`${what}: element ${i} is ${actual[i]}, the in-order sum is ${expected[i]}`);
    }
  }
}

Deno.test("mm, mmNT (with a bias), mmTN in float64 give the in-order sums' bits, any shape", () => {
  const g = generator(11), dims = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13];
  for (const m of dims) {
    for (const k of dims) {
      for (const n of dims) {
        const A = values(g, m * k),
          B = values(g, k * n),
          bias = values(g, n),
          shape = `${m}×${k}×${n}`;
        // A is m×k (and, read transposed, k×m for mmTN); B is k×n (and n×k for mmNT).
        same(
          mm(A, B, m, k, n, false),
          naive((i, p) => A[i * k + p], (p, j) => B[p * n + j], m, k, n),
          `mm ${shape}`,
        );
        const nt = naive((i, p) => A[i * k + p], (p, j) => B[j * k + p], m, k, n, bias);
        same(mmNT(A, B, m, k, n, false, bias), nt, `mmNT ${shape}`);
        const tn = naive((i, p) => A[p * m + i], (p, j) => B[p * n + j], m, k, n);
        same(mmTN(A, B, m, k, n, false), tn, `mmTN ${shape}`);
      }
    }
  }
});

Deno.test("mm in a backward pass writes every element of its result, over what scratch held", () => {
  const g = generator(12);
  for (const [m, k, n] of [[759, 4, 6], [759, 1, 4], [759, 6, 1], [6, 759, 8], [5, 3, 7]]) {
    const A = values(g, m * k), B = values(g, k * n);
    const expected = naive((i, p) => A[i * k + p], (p, j) => B[p * n + j], m, k, n);
    withScratch(() => alloc(4 * m * n).fill(NaN)); // what an earlier pass left behind
    withScratch(() => same(mm(A, B, m, k, n, false), expected, `mm ${m}×${k}×${n}`));
  }
});

Deno.test("linear(x, w, b).backward(g): b.grad holds the column sums of g, added row by row", () => {
  const g = generator(13);
  for (const dtype of ["float64", "float32"] as const) {
    const r = dtype === "float32" ? Math.fround : (v: number) => v;
    for (const [N, inF, outF] of [[759, 8, 6], [759, 6, 4], [759, 4, 1], [5, 3, 7], [1, 2, 9]]) {
      const x = tensor(values(g, N * inF), { shape: [N, inF], dtype });
      const w = tensor(values(g, outF * inF), { shape: [outF, inF], dtype, requiresGrad: true });
      const b = tensor(values(g, outF), { dtype, requiresGrad: true });
      const G = tensor(values(g, N * outF), { shape: [N, outF], dtype });
      linear(x, w, b).backward(G);
      const expected = new Float64Array(outF);
      for (let i = 0; i < N; i++) {
        for (let j = 0; j < outF; j++) expected[j] = r(expected[j] + G.data[i * outF + j]);
      }
      same(b.grad!.data, expected, `${dtype} bias of linear ${N}×${inF} → ${outF}`);
    }
  }
});
