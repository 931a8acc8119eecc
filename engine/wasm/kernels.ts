import { C3, C4, C5, E, INV_L, L_HI, L_LO, SHIFT } from "../exp_table.ts";
import { Body, encodeModule, type Func, i32, Op, Simd, v128 } from "./encode.ts";

// The engine's WebAssembly kernels, with 128-bit SIMD: each f64x2 instruction does two
// float64 operations, each rounded exactly as the scalar one, so a lane that performs a
// scalar loop's operations in the scalar loop's order gives its bits. Pointers and strides
// are byte offsets into the module's memory (simd.ts copies operands in and results out).

/** Bytes at the start of memory that hold expArray's table: 256 × (hi, lo). */
export const TABLE_BYTES = 4096;

/**
 * A gemm tile: `rows` rows by `vectors` pairs of columns of `out[i, j] = Σ_p A[i, p]·B[p, j]`
 * (+ bias[j]) over an `m`-row panel, each pair of columns one f64x2 sum per row: it starts at
 * +0 and adds its products in order of p, then the bias, like gemm.ts's loops. B's rows are
 * contiguous (pairs of columns load as one v128); A's element (i, p) is at A + i·ai + p·ap.
 * Parameters: A, ai, ap, B, bp (B's row stride), out, on (out's row stride), m (a multiple of
 * `rows`), j (the panel's first column, in bytes), k, bias (0 for none). Returns 1 if a sum it
 * stored is NaN, else 0, so that the caller need not scan the product for one.
 */
function gemmTile(rows: number, vectors: number): Func {
  const f = new Body(11);
  const [A, ai, ap, B, bp, out, on, m, j, k, bias] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const pa = f.local(i32), pb = f.local(i32), p = f.local(i32);
  const sums = Array.from(
    { length: rows },
    () => Array.from({ length: vectors }, () => f.local(v128)),
  );
  const a = Array.from({ length: rows }, () => f.local(v128));
  const b = Array.from({ length: vectors }, () => f.local(v128));
  const nan = f.local(v128); // lanes set where a sum was NaN (locals start at zero)
  /** Pushes base + r·stride. */
  const at = (base: number, r: number, stride: number) => {
    f.get(base);
    if (r > 0) f.get(stride);
    if (r > 1) f.i32(r).op(Op.i32Mul);
    if (r > 0) f.op(Op.i32Add);
  };
  f.begin(Op.block).begin(Op.loop); // for each group of `rows` rows
  f.get(m).op(Op.i32Eqz, Op.brIf, 1);
  for (const row of sums) for (const s of row) f.splat(0).set(s);
  f.get(A).set(pa).get(B).get(j).op(Op.i32Add).set(pb).get(k).set(p);
  f.begin(Op.block).begin(Op.loop); // for p = 0 … k − 1
  f.get(p).op(Op.i32Eqz, Op.brIf, 1);
  for (let r = 0; r < rows; r++) {
    at(pa, r, ai);
    f.simd(Simd.load64Splat).mem(3, 0).set(a[r]); // (A[i + r, p], A[i + r, p])
  }
  for (let v = 0; v < vectors; v++) f.get(pb).simd(Simd.load).mem(3, 16 * v).set(b[v]);
  for (let r = 0; r < rows; r++) {
    for (let v = 0; v < vectors; v++) {
      const s = sums[r][v];
      f.get(s).get(a[r]).get(b[v]).simd(Simd.f64x2Mul).simd(Simd.f64x2Add).set(s);
    }
  }
  f.get(pa).get(ap).op(Op.i32Add).set(pa);
  f.get(pb).get(bp).op(Op.i32Add).set(pb);
  f.get(p).i32(1).op(Op.i32Sub).set(p).op(Op.br, 0).end().end();
  f.get(bias).begin(Op.if);
  for (let v = 0; v < vectors; v++) {
    f.get(bias).get(j).op(Op.i32Add).simd(Simd.load).mem(3, 16 * v).set(b[v]);
    for (const row of sums) f.get(row[v]).get(b[v]).simd(Simd.f64x2Add).set(row[v]);
  }
  f.end();
  for (let r = 0; r < rows; r++) {
    for (let v = 0; v < vectors; v++) {
      const s = sums[r][v];
      at(out, r, on);
      f.get(j).op(Op.i32Add).get(s).simd(Simd.store).mem(3, 16 * v);
      f.get(nan).get(s).get(s).simd(Simd.f64x2Ne).simd(Simd.or).set(nan);
    }
  }
  f.get(A).get(ai).i32(rows).op(Op.i32Mul, Op.i32Add).set(A);
  f.get(out).get(on).i32(rows).op(Op.i32Mul, Op.i32Add).set(out);
  f.get(m).i32(rows).op(Op.i32Sub).set(m).op(Op.br, 0).end().end();
  f.get(nan).simd(Simd.anyTrue);
  return { name: `gemm${rows}x${vectors}`, params: Array(11).fill(i32), results: [i32], body: f };
}

const SIGN = -(2n ** 63n); // the sign bit of a double
const EXPONENT = -(2n ** 52n); // sign and exponent bits
// t = x·INV_L + SHIFT holds k in its low bits: bits(t) = bits(SHIFT) + k. Adding SCALE and
// shifting left by 44 puts (k >> 8) + 1023 in the exponent field (the mantissa, k's low 8
// bits, is then cleared): 2^(k >> 8), what exp_array.ts's POW2 holds.
const SCALE = BigInt.asIntN(64, 1023n * 256n - 0x4338000000000000n);

/**
 * sigmoidArray's loop (exp_array.ts) two elements at a time, the same operations in the same
 * order: `out[i] = (v >= 0 ? 1 : e) / (1 + e)` with e = e^−|v|. Parameters: X, out, pairs (X
 * has 2·pairs elements), list; returns how many indices it wrote to list (i32s): the elements
 * whose e^−|v| is not certain (or v is NaN, or −|v| <= −708), for Math.exp to redo.
 */
function sigmoidPairs(): Func {
  const f = new Body(4);
  const [X, out, pairs, list] = [0, 1, 2, 3];
  const j = f.local(i32), count = f.local(i32), bits = f.local(i32);
  // Constants live in locals, set once before the loop.
  const constants = new Map<number | bigint, number>(), setup = new Body(0);
  const K = (value: number | bigint) => {
    if (!constants.has(value)) {
      constants.set(value, f.local(v128));
      setup.splat(value).set(constants.get(value)!);
    }
    return constants.get(value)!;
  };
  const [v, x, t, kd, r, p, e0, e1, th, c, hi, bad, e] = Array.from(
    { length: 13 },
    () => f.local(v128),
  );
  const start = f.bytes.length;
  f.begin(Op.block).begin(Op.loop);
  f.get(j).get(pairs).op(Op.i32GeS, Op.brIf, 1);
  // x = −|v| (the sign bit set); kd = round(x·256/ln2) as a double, t keeps it as an integer.
  f.get(X).simd(Simd.load).mem(3, 0).tee(v).get(K(SIGN)).simd(Simd.or).set(x);
  f.get(x).get(K(INV_L)).simd(Simd.f64x2Mul).get(K(SHIFT)).simd(Simd.f64x2Add).tee(t);
  f.get(K(SHIFT)).simd(Simd.f64x2Sub).set(kd);
  // The table's (hi, lo) for each lane at (k & 255)·16, then th = both hi, lo pair in e0, e1.
  for (const [lane, entry] of [[0, e0], [2, e1]]) {
    f.get(t).simd(Simd.i32x4ExtractLane, lane).i32(255).op(Op.i32And).i32(4).op(Op.i32Shl);
    f.simd(Simd.load).mem(3, 0).set(entry);
  }
  const low = [0, 1, 2, 3, 4, 5, 6, 7], high = [8, 9, 10, 11, 12, 13, 14, 15];
  f.get(e0).get(e1).simd(Simd.shuffle, ...low, ...low.map((i) => i + 16)).set(th);
  // r = (x − kd·L_HI) − kd·L_LO; p = r + r·r·(0.5 + r·(C3 + r·(C4 + r·C5)))
  f.get(x).get(kd).get(K(L_HI)).simd(Simd.f64x2Mul).simd(Simd.f64x2Sub);
  f.get(kd).get(K(L_LO)).simd(Simd.f64x2Mul).simd(Simd.f64x2Sub).set(r);
  f.get(r).get(r).get(r).simd(Simd.f64x2Mul);
  f.get(K(0.5)).get(r).get(K(C3)).get(r).get(K(C4)).get(r).get(K(C5)).simd(Simd.f64x2Mul);
  f.simd(Simd.f64x2Add).simd(Simd.f64x2Mul).simd(Simd.f64x2Add).simd(Simd.f64x2Mul);
  f.simd(Simd.f64x2Add).simd(Simd.f64x2Mul).simd(Simd.f64x2Add).set(p);
  // c = th·p + tl; hi = th + (c + E), lo = th + (c − E); bad where they differ (NaN too) or
  // x <= −708.
  f.get(th).get(p).simd(Simd.f64x2Mul);
  f.get(e0).get(e1).simd(Simd.shuffle, ...high, ...high.map((i) => i + 16));
  f.simd(Simd.f64x2Add).set(c);
  f.get(th).get(c).get(K(E)).simd(Simd.f64x2Add).simd(Simd.f64x2Add).tee(hi);
  f.get(th).get(c).get(K(E)).simd(Simd.f64x2Sub).simd(Simd.f64x2Add).simd(Simd.f64x2Ne);
  f.get(x).get(K(-708)).simd(Simd.f64x2Le).simd(Simd.or).set(bad);
  // e = hi · 2^(k >> 8); out = (v >= 0 ? 1 : e) / (1 + e)
  f.get(hi).get(t).get(K(SCALE)).simd(Simd.i64x2Add).i32(44).simd(Simd.i64x2Shl);
  f.get(K(EXPONENT)).simd(Simd.and).simd(Simd.f64x2Mul).set(e);
  f.get(out).get(K(1)).get(e).get(v).get(K(0)).simd(Simd.f64x2Ge).simd(Simd.bitselect);
  f.get(K(1)).get(e).simd(Simd.f64x2Add).simd(Simd.f64x2Div).simd(Simd.store).mem(3, 0);
  // Rarely (one pair in thirty or so): list the uncertain lanes.
  f.get(bad).simd(Simd.anyTrue).begin(Op.if);
  f.get(bad).simd(Simd.i64x2Bitmask).set(bits);
  for (const lane of [0, 1]) {
    f.get(bits).i32(1 << lane).op(Op.i32And).begin(Op.if);
    f.get(list).get(count).i32(2).op(Op.i32Shl, Op.i32Add);
    f.get(j).i32(1).op(Op.i32Shl).i32(lane).op(Op.i32Add).op(Op.i32Store).mem(2, 0);
    f.get(count).i32(1).op(Op.i32Add).set(count).end();
  }
  f.end();
  f.get(X).i32(16).op(Op.i32Add).set(X).get(out).i32(16).op(Op.i32Add).set(out);
  f.get(j).i32(1).op(Op.i32Add).set(j).op(Op.br, 0).end().end();
  f.get(count);
  f.bytes.splice(start, 0, ...setup.bytes);
  return { name: "sigmoid", params: [i32, i32, i32, i32], results: [i32], body: f };
}

/**
 * sigmoid's gradient (unary_ops.ts) two elements at a time, in PyTorch's order:
 * `out = g·(1 − y)·y` from the incoming gradient g and the sigmoid's output y. Parameters: G,
 * Y, out, pairs (each array has 2·pairs elements).
 */
function sigmoidGradPairs(): Func {
  const f = new Body(4);
  const [G, Y, out, pairs] = [0, 1, 2, 3];
  const one = f.local(v128), y = f.local(v128);
  f.splat(1).set(one);
  f.begin(Op.block).begin(Op.loop);
  f.get(pairs).op(Op.i32Eqz, Op.brIf, 1);
  f.get(out).get(G).simd(Simd.load).mem(3, 0);
  f.get(one).get(Y).simd(Simd.load).mem(3, 0).tee(y).simd(Simd.f64x2Sub).simd(Simd.f64x2Mul);
  f.get(y).simd(Simd.f64x2Mul).simd(Simd.store).mem(3, 0);
  for (const pointer of [G, Y, out]) f.get(pointer).i32(16).op(Op.i32Add).set(pointer);
  f.get(pairs).i32(1).op(Op.i32Sub).set(pairs).op(Op.br, 0).end().end();
  return { name: "sigmoidGrad", params: [i32, i32, i32, i32], results: [], body: f };
}

/** Tile widths, in pairs of columns, that gemm tiles come in. */
export const TILE_VECTORS = [1, 2, 3, 4];

/**
 * The module's bytes: gemm tiles of 2 and 1 rows by 1 to 4 column pairs, sigmoid and its
 * gradient.
 */
export function kernelModule(): Uint8Array<ArrayBuffer> {
  const funcs: Func[] = [];
  for (const rows of [2, 1]) for (const v of TILE_VECTORS) funcs.push(gemmTile(rows, v));
  funcs.push(sigmoidPairs(), sigmoidGradPairs());
  return encodeModule(funcs, 1);
}
