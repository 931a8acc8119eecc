// The engine in real use, not only warm: a fresh process first calls sweepWB with plain arrays
// (as components do with data from YAML), then 31 times with typed arrays on a 1001 × 1001 grid
// over 10^6 points. Prints the first and the median call, with a new result array and with a
// reused one ({ out }), beside numpy's vectorised closed form on the same machine when python3
// with numpy is installed. Goal: median ≤ 0.5 × numpy, first call ≤ 2 × numpy.
//   deno bench -A bench/engine_mixed_bench.ts   (or deno task bench)
import { sweepWB } from "../engine/mod.ts";

const N = 1_000_000;
const GRID = { start: 0, stop: 4.0005, step: 0.004 }; // 1001 values

/** Seeded data on a noisy line, the same in JavaScript and Python. */
function data(): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(N), y = new Float64Array(N);
  let s = 1;
  const r = () => ((s = (s * 48271) % 2147483647) / 2147483647);
  for (let i = 0; i < N; i++) {
    x[i] = 4 * r();
    y[i] = 3 * x[i] + 1 + r() - 0.5;
  }
  return { x, y };
}

/** One fresh-process measurement: `{ first, median }` in ms. */
function once(reuse: boolean) {
  for (let k = 0; k < 20; k++) sweepWB({ x: [1, 2, 3], y: [2, 4, 6 + k / 100] }, GRID, GRID);
  const d = data();
  const out = new Float64Array(1001 * 1001);
  const times: number[] = [];
  for (let k = 0; k < 31; k++) {
    const t = performance.now();
    sweepWB(d, GRID, GRID, reuse ? { out } : undefined);
    times.push(performance.now() - t);
  }
  const first = times[0];
  return { first, median: times.sort((a, b) => a - b)[15] };
}

const NUMPY = `
import time, numpy as np
rng = np.random.default_rng(1)
x = 4 * rng.random(${N}); y = 3 * x + 1 + rng.random(${N}) - 0.5
w = np.arange(0, 4.0005, 0.004); b = np.arange(0, 4.0005, 0.004)
def closed():
    mx, my = x.mean(), y.mean(); dx, dy = x - mx, y - my
    vx = (dx * dx).mean(); slope = (dx * dy).mean() / vx; rss = ((dy - slope * dx) ** 2).mean()
    r = (w * mx)[None, :] + (b - my)[:, None]
    return vx * (w - slope)[None, :] ** 2 + rss + r * r
t = []
for _ in range(31):
    s = time.perf_counter(); closed(); t.append((time.perf_counter() - s) * 1000)
print(sorted(t)[15])
`;

async function numpyMedian(): Promise<number | undefined> {
  try {
    const { success, stdout } = await new Deno.Command("python3", {
      args: ["-c", NUMPY],
      stderr: "null",
    }).output();
    return success ? Number(new TextDecoder().decode(stdout).trim()) : undefined;
  } catch {
    return undefined;
  }
}

if (Deno.args[0] === "once") {
  console.log(JSON.stringify(once(Deno.args[1] === "out")));
} else {
  const run = async (reuse: boolean) => {
    const { stdout } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL(import.meta.url).pathname, "once", reuse ? "out" : "new"],
      stderr: "inherit",
    }).output();
    return JSON.parse(new TextDecoder().decode(stdout)) as { first: number; median: number };
  };
  const fresh = await run(false), reused = await run(true);
  const numpy = await numpyMedian();
  const ratio = (ms: number) => (numpy ? ` (${(ms / numpy).toFixed(2)} × numpy)` : "");
  console.log("\nsweepWB 1001 × 1001 over 10^6 points, after plain-array calls (fresh process):");
  for (const [label, r] of [["new result array", fresh], ["reused { out }", reused]] as const) {
    console.log(
      `  ${label}: first ${r.first.toFixed(1)} ms${ratio(r.first)}, median of 31 ` +
        `${r.median.toFixed(1)} ms${ratio(r.median)}`,
    );
  }
  console.log(
    `  numpy closed form: ${numpy ? `median ${numpy.toFixed(1)} ms` : "not installed"}\n`,
  );
  // The same use warm, in this process, for deno bench's statistics: plain-array calls first.
  for (let k = 0; k < 20; k++) sweepWB({ x: [1, 2, 3], y: [2, 4, 6 + k / 100] }, GRID, GRID);
  const d = data();
  const out = new Float64Array(1001 * 1001);
  Deno.bench({
    name: "sweepWB 1001 × 1001 over 10^6 points after plain-array calls, warm, reused { out }",
    n: 31,
    warmup: 3,
    fn: () => {
      sweepWB(d, GRID, GRID, { out });
    },
  });
}
