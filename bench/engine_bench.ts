// Benchmarks of the numeric engine. Run: deno bench -A bench/engine_bench.ts
// Target: sweepWB on a 1001 × 1001 grid over 10^6 points in <= 8 ms median, the data
// reduction included (numpy's vectorised closed form takes 7.6 ms on the same machine).
import { arange, mse, sweepW, sweepWB } from "../engine/mod.ts";
import type { Dataset } from "../engine/mod.ts";

/** Seeded uniform [0, 1) generator (mulberry32), so every run sees the same data. */
function uniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n points on y = 3x + 1 with x in [0, 4) and uniform noise of ±noise / 2. */
function line(n: number, seed: number, noise = 1): Dataset {
  const random = uniform(seed);
  const x = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = 4 * random();
    y[i] = 3 * x[i] + 1 + noise * (random() - 0.5);
  }
  return { x, y };
}

/** The direct O(N × cells) double loop, as the course's Python writes it. */
function naiveSweepWB(data: Dataset, w: Float64Array, b: Float64Array): Float64Array {
  const { x, y } = data;
  const n = x.length, out = new Float64Array(w.length * b.length);
  for (let i = 0; i < b.length; i++) {
    for (let j = 0; j < w.length; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) {
        const e = x[k] * w[j] + b[i] - y[k];
        sum += e * e;
      }
      out[i * w.length + j] = sum / n;
    }
  }
  return out;
}

const million = line(1_000_000, 1);
const grid1001 = arange(0, 4.002, 0.004); // 1001 values
if (grid1001.length !== 1001) throw new Error(`expected 1001 grid values, got ${grid1001.length}`);

Deno.bench({
  name: "sweepWB 1001 × 1001 grid over 10^6 points",
  group: "large",
  baseline: true,
  fn: () => {
    sweepWB(million, grid1001, grid1001);
  },
});

// An exact line makes the closed-form residual variance cancel, so the reduction takes its
// third, direct pass over the data.
const exact = line(1_000_000, 3, 0);

Deno.bench({
  name: "sweepWB 1001 × 1001 grid over 10^6 points on an exact line",
  group: "large",
  fn: () => {
    sweepWB(exact, grid1001, grid1001);
  },
});

Deno.bench({
  name: "sweepW 1001 values over 10^6 points",
  group: "large",
  fn: () => {
    sweepW(million, grid1001, 1);
  },
});

Deno.bench({
  name: "mse over 10^6 points (the O(N) reduction alone)",
  group: "large",
  fn: () => {
    mse(million, 3, 1);
  },
});

const small = line(10_000, 2);
const course = arange(0, 4.1, 0.1); // 41 values, the course's axis

Deno.bench({
  name: "naive O(N × cells): 41 × 41 grid over 10^4 points",
  group: "naive vs closed form",
  baseline: true,
  fn: () => {
    naiveSweepWB(small, course, course);
  },
});

Deno.bench({
  name: "sweepWB O(N + cells): 41 × 41 grid over 10^4 points",
  group: "naive vs closed form",
  fn: () => {
    sweepWB(small, course, course);
  },
});
