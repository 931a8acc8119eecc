// TrainingCurve benchmark. Run: deno bench -A bench/training_curve_bench.ts (or deno task bench).
// In headless Chromium, on tests/fixtures/sites/charts/training.md: the time one change of the
// learning rate takes to re-train lecture 5's model (Linear(1, 1), MSELoss sum, 1,000 epochs)
// with the engine and redraw the chart, up to the next frame, beside the 16.7 ms a frame has at
// 60 Hz; the same for the chart of four optimizers side by side; and PyTorch 1.13's time for the
// same 1,000 epochs on this machine (Debian's /usr/bin/python3, when it has torch). deno bench
// then times train() for that run in Deno.
import { render, writeOutput } from "../ssg/core/build.ts";
import { loadSite } from "../ssg/core/load_site.ts";
import { train, type TrainConfig } from "../engine/mod.ts";
import { launch, staticServer } from "../tests/browser.ts";
import { gzipSync } from "node:zlib";

const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const src = `${root}/tests/fixtures/sites/charts`;
const dir = await Deno.makeTempDir({ prefix: "ssg-bench-training-" });
const site = await loadSite(`${root}/_config.ts`, { src, dest: `${dir}/site` });
const result = await render(site);
await writeOutput(result.output, site.options.destDir);
const weight = result.weight.get("en/training/index.html")!;
// The engine's chunk (train() names maxRecord), which the page imports only when a control is
// first used, so it is not counted in the page's weight.
const engineKb = (() => {
  for (const [path, f] of result.output) {
    if (!/^components\/chunk-.*\.js$/.test(path)) continue;
    const bytes = typeof f === "string" ? new TextEncoder().encode(f) : f;
    if (new TextDecoder().decode(bytes).includes("maxRecord")) {
      return (gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1);
    }
  }
  return "?";
})();

const config: TrainConfig = {
  x: [[1], [2], [3]],
  y: [[2], [4], [6]],
  model: { layers: [{ linear: [1, 1], weight: [[1]], bias: [0] }] },
  loss: { name: "mse", reduction: "sum" },
  optimizer: { name: "sgd", lr: 0.01 },
  epochs: 1000,
};

/** PyTorch's time for the same run, median of 20, or why there is none. */
function torchTime(): string {
  const script = `
import time, torch
torch.set_num_threads(1)
x = torch.tensor([[1.0], [2.0], [3.0]]); y = torch.tensor([[2.0], [4.0], [6.0]])
times = []
for r in range(21):
    model = torch.nn.Linear(1, 1)
    with torch.no_grad():
        model.weight.fill_(1.0); model.bias.fill_(0.0)
    loss_fn = torch.nn.MSELoss(reduction="sum")
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    t0 = time.perf_counter()
    for epoch in range(1000):
        loss = loss_fn(model(x), y)
        opt.zero_grad(); loss.backward(); opt.step()
    times.append((time.perf_counter() - t0) * 1000)
times = sorted(times[1:])
print(f"{times[len(times) // 2]:.1f}")
`;
  try {
    const out = new Deno.Command("/usr/bin/python3", { args: ["-c", script] }).outputSync();
    if (!out.success) {
      return `not measured (${new TextDecoder().decode(out.stderr).trim().split("\n").pop()})`;
    }
    return `${new TextDecoder().decode(out.stdout).trim()} ms (train loop only, no drawing)`;
  } catch (e) {
    return `not measured (${(e as Error).message})`;
  }
}

const server = staticServer(site.options.destDir);
const chromium = await launch();
try {
  const page = await chromium.browser.newPage();
  await page.goto(`http://127.0.0.1:${server.addr.port}/en/training/`, {
    waitUntil: "networkidle0",
  });
  /** For the nth curve: ms from an lr change to the end of its handler, and to the next frame. */
  const measure = (nth: number) =>
    page.evaluate(async (n) => {
      const fig = document.querySelectorAll(".training-curve")[n];
      const range = fig.querySelector<HTMLInputElement>('[data-control="lr"]')!;
      const lrs: number[] = JSON.parse(fig.querySelector("script.chart-data")!.textContent!)
        .controls.lr;
      // Rates that train without diverging, so every change runs all 1,000 epochs.
      const usable = lrs.map((lr, i) => [lr, i]).filter(([lr]) => lr <= 0.05).map(([, i]) => i);
      const handler: number[] = [], frame: number[] = [];
      const trained = () => Number((fig as HTMLElement).dataset.trained ?? 0);
      const change = async (i: number) => {
        const before = trained();
        range.value = String(i);
        const t0 = performance.now();
        range.dispatchEvent(new Event("input", { bubbles: true }));
        // The engine is loaded after the first change: the redraw runs in the next microtask.
        while (trained() === before) await new Promise((r) => setTimeout(r, 0));
        document.body.getBoundingClientRect();
        return t0;
      };
      await change(usable[0]); // loads the engine chunk
      for (let k = 0; k < 60; k++) {
        const t0 = await change(usable[(k + 1) % usable.length]);
        handler.push(performance.now() - t0);
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        frame.push(performance.now() - t0);
      }
      const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
      const p95 = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length * 0.95)];
      const min = (a: number[]) => Math.min(...a);
      return {
        handler: med(handler.slice(10)),
        p95: p95(handler.slice(10)),
        min: min(handler),
        frame: med(frame),
      };
    }, nth);
  const one = await measure(0), four = await measure(1);
  const row = (what: string, r: typeof one) =>
    `  ${what}: re-train + redraw + layout ${r.handler.toFixed(1)} ms median ` +
    `(min ${r.min.toFixed(1)}, p95 ${r.p95.toFixed(1)}), to the next frame ${
      r.frame.toFixed(1)
    } ms median`;
  console.log(
    `\nTrainingCurve in Chromium (page JS ${
      (weight.jsGzip / 1024).toFixed(1)
    } kB gzip, budget 40; the engine's chunk, ${engineKb} kB gzip, loads when a control is ` +
      `first used; load average ${
        Deno.loadavg()[0].toFixed(1)
      } on ${navigator.hardwareConcurrency} cores):\n` +
      row("lecture 5, 1 run × 1,000 epochs", one) + "  | one frame at 60 Hz: 16.7 ms\n" +
      row("4 optimizers × 1,000 epochs", four) + "\n" +
      `  PyTorch 1.13, same run, 1,000 epochs: ${torchTime()}\n`,
  );
} finally {
  await chromium.close();
  await server.shutdown();
  await Deno.remove(dir, { recursive: true });
}

Deno.bench({ name: "train(): lecture 5, Linear(1, 1), SGD, 1,000 epochs", warmup: 20 }, () => {
  train(config);
});
