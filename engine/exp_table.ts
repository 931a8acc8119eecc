// The constants of expArray's and sigmoidArray's e^x (exp_array.ts, whose header gives the
// method and its error bound), shared with their SIMD twin in wasm/kernels.ts.

export const N = 256;
const SPLIT = 134217729; // 2^27 + 1, Dekker's splitter

/** [a·b rounded, its rounding error], exactly (no fused multiply-add in JavaScript). */
function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b), bl = b - bh;
  return [p, ((ah * bh - p) + ah * bl + al * bh) + al * bl];
}

function ddMul(a: [number, number], b: [number, number]): [number, number] {
  const [p, e] = twoProduct(a[0], b[0]);
  const lo = e + (a[0] * b[1] + a[1] * b[0]), hi = p + lo;
  return [hi, lo - (hi - p)];
}

function ddSqrt(a: [number, number]): [number, number] {
  const s = Math.sqrt(a[0]), [p, e] = twoProduct(s, s);
  const t = (((a[0] - p) - e) + a[1]) / (2 * s), hi = s + t;
  return [hi, t - (hi - s)];
}

/** 2^(i/256) as hi, lo pairs (interleaved), from repeated double-double square roots of 2. */
export const TABLE = (() => {
  const roots: [number, number][] = []; // roots[j] = 2^(2^-(j+1))
  let root: [number, number] = [2, 0];
  for (let j = 0; j < 8; j++) roots.push(root = ddSqrt(root));
  const table = new Float64Array(2 * N);
  for (let i = 0; i < N; i++) {
    let v: [number, number] = [1, 0];
    for (let j = 0; j < 8; j++) if ((i >> (7 - j)) & 1) v = ddMul(v, roots[j]);
    table[2 * i] = v[0];
    table[2 * i + 1] = v[1];
  }
  return table;
})();

/** 2^e at index e + 1022, e in [−1022, 1023] (the rest of the 2048 entries unused). */
export const POW2 = (() => {
  const pow2 = new Float64Array(2048);
  for (let e = -1022; e <= 1023; e++) pow2[e + 1022] = 2 ** e;
  return pow2;
})();

export const INV_L = N / Math.LN2;
// ln2/256 = L_HI + L_LO, L_HI with 34 significant bits so that k·L_HI is exact for |k| < 2^19;
// ln 2 = Math.LN2 + 2.3190468138462996e-17 to double-double precision.
export const L_HI = Math.round((Math.LN2 / N) * 2 ** 42) / 2 ** 42;
export const L_LO = (Math.LN2 - L_HI * N) / N + 2.3190468138462996e-17 / N;
export const SHIFT = 6755399441055744; // 1.5·2^52: (z + SHIFT) − SHIFT rounds z to an integer
export const C3 = 1 / 6, C4 = 1 / 24, C5 = 1 / 120;
export const E = 2 ** -59;
