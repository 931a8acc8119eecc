// The autograd engine against PyTorch 1.13 (Debian's /usr/bin/python3, float64, one thread) on
// the same machine, side by side in one run, on the course's tiny models where per-operation
// overhead is all there is:
//   (a) lecture 4's loop: ŷ = x·w, 100 epochs × 3 samples of forward, backward and the manual
//       update w.data −= 0.01 · w.grad.data;               target: engine ≤ 0.1 × PyTorch
//   (b) an 8 → 6 → 4 → 1 sigmoid network, BCELoss, SGD, full batch of 759 × 8 (seeded
//       synthetic data), 100 epochs;                       target: engine ≤ 0.6 × PyTorch
// Both sides time one whole loop inside their own process (performance.now here,
// time.perf_counter in bench/autograd_bench.py) after warm-up, the model built before the clock
// starts, so process start-up does not count. Rounds alternate engine, PyTorch, engine, … and
// the ratio is taken round by round, so a drift of the machine's speed moves both sides alike.
// Each figure is given by the wall clock and by the CPU time of its process (which a busy
// machine disturbs less: time spent waiting for a core is not in it).
// Also printed: lecture 5's train() (Linear(1, 1), MSE sum, SGD lr 0.01, 1000 epochs), which a
// page re-trains in the browser within one 16 ms frame, and the heap's growth over a long run.
//   deno task bench:autograd      (deno task bench runs the engine's loops alone)
import { generator, nn, noGrad, optim, type Tensor, tensor, train } from "../engine/mod.ts";
import type { TrainConfig } from "../engine/mod.ts";
import process from "node:process";

const ROUNDS = 31;
const WARMUP = 20;
const PYTHON = "/usr/bin/python3";

/** Lecture 4's loop, the twin of the listing; returns the loop, which returns the last loss. */
function lecture4(): () => number {
  const xData = [1, 2, 3], yData = [2, 4, 6];
  const w = tensor([1], { requiresGrad: true });
  return () => {
    let l: Tensor | null = null;
    for (let epoch = 0; epoch < 100; epoch++) {
      for (let i = 0; i < 3; i++) {
        l = w.mul(xData[i]).sub(yData[i]).pow(2);
        l.backward();
        noGrad(() => w.assign(w.sub(w.grad!.mul(0.01))));
        w.grad!.zero();
      }
    }
    return l!.item();
  };
}

const N = 759, FEATURES = 8, LR = 0.1;

/** 759 rows of 8 features in [−1, 1) and 0/1 labels from a noisy linear rule, seeded. */
function networkData() {
  const g = generator(16);
  const v = Array.from({ length: FEATURES }, () => g.uniform(-1, 1));
  const x: number[][] = [], y: number[][] = [];
  for (let i = 0; i < N; i++) {
    const row = Array.from({ length: FEATURES }, () => g.uniform(-1, 1));
    const score = row.reduce((s, xi, j) => s + xi * v[j], 0) + g.uniform(-0.5, 0.5);
    x.push(row);
    y.push([score > 0 ? 1 : 0]);
  }
  return { x, y };
}

function makeNetwork(g = generator(0)) {
  return new nn.Sequential(
    new nn.Linear(8, 6, { generator: g }),
    new nn.Sigmoid(),
    new nn.Linear(6, 4, { generator: g }),
    new nn.Sigmoid(),
    new nn.Linear(4, 1, { generator: g }),
    new nn.Sigmoid(),
  );
}

const data = networkData();
const xB = tensor(data.x), yB = tensor(data.y);

/** (b), the twin of the PyTorch loop: forward, loss, zero_grad, backward, step. */
function network(): () => number {
  const model = makeNetwork();
  const criterion = new nn.BCELoss();
  const optimizer = new optim.SGD(model.parameters(), { lr: LR });
  return () => {
    let loss: Tensor | null = null;
    for (let epoch = 0; epoch < 100; epoch++) {
      const yPred = model.call(xB);
      loss = criterion.call(yPred, yB);
      optimizer.zeroGrad();
      loss.backward();
      optimizer.step();
    }
    return loss!.item();
  };
}

/** Lecture 5's run as a page re-trains it when the reader moves the learning rate. */
const lecture5: TrainConfig = {
  x: [[1], [2], [3]],
  y: [[2], [4], [6]],
  model: { layers: [{ linear: [1, 1], weight: [[1]], bias: [0] }] },
  loss: { name: "mse", reduction: "sum" },
  optimizer: { name: "sgd", lr: 0.01 },
  epochs: 1000,
};

/** Milliseconds one call of `run` takes: wall clock, and CPU time of the process. */
function time(run: () => unknown): { wall: number; cpu: number } {
  const cpu = process.cpuUsage(), start = performance.now();
  run();
  const wall = performance.now() - start, { user, system } = process.cpuUsage(cpu);
  return { wall, cpu: (user + system) / 1000 };
}

/** Milliseconds of each round, by clock. */
type Times = { wall: number[]; cpu: number[] };

function stats(values: number[]) {
  const s = values.slice().sort((a, b) => a - b);
  return { min: s[0], median: s[s.length >> 1], max: s[s.length - 1] };
}

function ms(v: number): string {
  return v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3);
}

function triple(values: number[]): string {
  const { min, median, max } = stats(values);
  return `${ms(min)} / ${ms(median)} / ${ms(max)}`;
}

/** A PyTorch process that runs one timed round per request. */
class Torch {
  #child: Deno.ChildProcess;
  #writer: WritableStreamDefaultWriter<Uint8Array>;
  #lines: AsyncIterator<string>;

  constructor(setup: unknown) {
    const script = new URL("./autograd_bench.py", import.meta.url).pathname;
    this.#child = new Deno.Command(PYTHON, {
      args: [script],
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    this.#writer = this.#child.stdin.getWriter();
    this.#lines = lines(this.#child.stdout)[Symbol.asyncIterator]();
    this.send(JSON.stringify(setup));
  }

  send(line: string): Promise<void> {
    return this.#writer.write(new TextEncoder().encode(line + "\n"));
  }

  async read<T>(): Promise<T> {
    const next = await this.#lines.next();
    if (next.done) throw new Error("autograd_bench.py ended early (see its error above)");
    return JSON.parse(next.value);
  }

  /** One round of run `name`: its seconds (wall and CPU) and last loss. */
  async round(name: "a" | "b"): Promise<{ seconds: number; cpu: number; loss: number }> {
    await this.send(name);
    return this.read();
  }

  async close(): Promise<void> {
    await this.send("quit");
    await this.#writer.close();
    await this.#child.status;
  }
}

async function* lines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  let buffer = "";
  const decoder = new TextDecoder();
  for await (const chunk of stream) {
    buffer += decoder.decode(chunk, { stream: true });
    let at;
    while ((at = buffer.indexOf("\n")) >= 0) {
      yield buffer.slice(0, at);
      buffer = buffer.slice(at + 1);
    }
  }
}

function hasTorch(): boolean {
  try {
    return new Deno.Command(PYTHON, {
      args: ["-c", "import torch"],
      stdout: "null",
      stderr: "null",
    })
      .outputSync().success;
  } catch {
    return false;
  }
}

/**
 * Bytes in use after a full collection (needs --v8-flags=--expose-gc), or null: the JS heap
 * plus the memory of typed arrays, which lives outside it.
 */
function heapAfterGc(): number | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return null;
  gc();
  gc();
  const { heapUsed, external } = Deno.memoryUsage();
  return heapUsed + external;
}

/** Heap growth per step from `short` to `long` rounds of `prepare()`'s loop. */
function growth(prepare: () => () => number, steps: number, short: number, long: number) {
  const loop = prepare();
  for (let i = 0; i < short; i++) loop();
  const before = heapAfterGc();
  for (let i = short; i < long; i++) loop();
  const after = heapAfterGc();
  if (before === null || after === null) return null;
  return { steps: (long - short) * steps, bytes: after - before, heap: after };
}

async function main() {
  const cores = navigator.hardwareConcurrency;
  console.log(
    `autograd engine vs PyTorch, ${cores} cores (${Deno.build.os} ${Deno.build.arch}), ` +
      `Deno ${Deno.version.deno}; ms per whole loop, min / median / max of ${ROUNDS} rounds`,
  );
  const runs = { a: lecture4, b: network };
  const torch = hasTorch()
    ? new Torch({
      x: data.x,
      y: data.y,
      parameters: makeNetwork().parameters().map((p) => p.toArray()),
      lr: LR,
      warmup: WARMUP,
    })
    : null;
  for (const prepare of Object.values(runs)) {
    for (let i = 0; i < WARMUP; i++) prepare()();
  }
  if (torch === null) console.log(`PyTorch: not installed for ${PYTHON}; engine figures only`);
  else {
    const about = await torch.read<{ torch: string; threads: number }>();
    console.log(`PyTorch ${about.torch}, float64, ${about.threads} thread`);
  }
  const labels = {
    a: "(a) lecture 4 loop, 100 epochs × 3 samples",
    b: "(b) 8→6→4→1 sigmoid, BCE, SGD, 759 × 8, 100 epochs",
  };
  const targets = { a: 0.1, b: 0.6 };
  for (const name of ["a", "b"] as const) {
    const engine: Times = { wall: [], cpu: [] }, py: Times = { wall: [], cpu: [] };
    let engineLoss = NaN, torchLoss = NaN;
    for (let r = 0; r < ROUNDS; r++) {
      const loop = runs[name]();
      const t = time(() => (engineLoss = loop()));
      engine.wall.push(t.wall);
      engine.cpu.push(t.cpu);
      if (torch !== null) {
        const { seconds, cpu, loss } = await torch.round(name);
        py.wall.push(seconds * 1000);
        py.cpu.push(cpu * 1000);
        torchLoss = loss;
      }
    }
    console.log(labels[name]);
    for (const clock of ["wall", "cpu"] as const) {
      console.log(`  ${clock.padEnd(4)} engine   ${triple(engine[clock])} ms`);
      if (torch === null) continue;
      console.log(`       PyTorch  ${triple(py[clock])} ms`);
      const ratio = stats(engine[clock].map((t, r) => t / py[clock][r]));
      console.log(
        `       ratio    ${ratio.median.toFixed(3)} (round by round ${ratio.min.toFixed(3)} … ` +
          `${ratio.max.toFixed(3)}); target ≤ ${targets[name]}`,
      );
    }
    if (torch !== null) {
      const rel = Math.abs(engineLoss - torchLoss) / Math.abs(torchLoss);
      console.log(
        `  last loss: engine ${engineLoss}, PyTorch ${torchLoss} (relative difference ${
          rel.toExponential(1)
        })`,
      );
    }
  }
  await torch?.close();

  for (let i = 0; i < WARMUP; i++) train(lecture5);
  const frames: Times = { wall: [], cpu: [] };
  for (let r = 0; r < ROUNDS; r++) {
    const t = time(() => train(lecture5));
    frames.wall.push(t.wall);
    frames.cpu.push(t.cpu);
  }
  console.log("lecture 5 train(): Linear(1, 1), MSE sum, SGD lr 0.01, 1000 epochs (a 16 ms frame)");
  console.log(`  wall engine   ${triple(frames.wall)} ms`);
  console.log(`  cpu  engine   ${triple(frames.cpu)} ms`);

  const a = growth(lecture4, 300, 10, 1010), b = growth(network, 100, 10, 210);
  if (a === null || b === null) {
    console.log("memory: run with --v8-flags=--expose-gc to measure it");
  } else {
    console.log("memory in use after a full collection (JS heap + typed arrays), long runs:");
    for (const [label, g] of [["(a)", a], ["(b)", b]] as const) {
      const mib = (g.heap / 2 ** 20).toFixed(1), sign = g.bytes >= 0 ? "+" : "";
      console.log(
        `  ${label} ${sign}${g.bytes} bytes over ${g.steps} more steps ` +
          `(${(g.bytes / g.steps).toFixed(2)} bytes per step), ${mib} MiB in all`,
      );
    }
  }
}

if (import.meta.main) await main();
else {
  const a = lecture4(), b = network();
  Deno.bench({ name: "(a) lecture 4 loop, 100 epochs × 3 samples", fn: () => void a() });
  Deno.bench({ name: "(b) 8→6→4→1 sigmoid, BCE, SGD, 759 × 8, 100 epochs", fn: () => void b() });
  Deno.bench({ name: "lecture 5 train(), 1000 epochs", fn: () => void train(lecture5) });
}
