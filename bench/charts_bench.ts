// Chart benchmark. Run: deno task bench (or deno bench -A bench/charts_bench.ts).
// Prints the JS each chart page loads (gzip; budget 25 KB for the 2D charts), then, in
// headless Chromium, the time from navigation to every chart being interactive and the time
// to update all linked charts for one change of w (goal ≤ 4 ms). deno bench then times the
// server render of the four 2D charts for a 41-value axis and a 41 × 41 grid (goal ≤ 5 ms).
import { loadData } from "../ssg/core/load.ts";
import { render } from "../ssg/core/build.ts";
import { loadSite } from "../ssg/cli/cli.ts";
import { writeOutput } from "../ssg/core/build.ts";
import type { ComponentContext } from "../ssg/mod.ts";
import LossCurve from "../_components/loss_curve/mod.ts";
import SweepTable from "../_components/sweep_table/mod.ts";
import DataFit from "../_components/data_fit/mod.ts";
import LossHeatmap from "../_components/loss_heatmap/mod.ts";
import { launch, staticServer } from "../tests/browser.ts";

const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const src = `${root}/tests/fixtures/sites/charts`;
const dir = await Deno.makeTempDir({ prefix: "ssg-bench-charts-" });
const site = await loadSite(`${root}/_config.ts`, { src, dest: `${dir}/site` });
const result = await render(site);
await writeOutput(result.output, site.options.destDir);
console.log("\nJS per page (gzip):");
console.table(
  [...result.weight].filter(([, w]) => w.js > 0).map(([page, w]) => ({
    page,
    "JS kB": +(w.js / 1024).toFixed(1),
    "JS gzip kB": +(w.jsGzip / 1024).toFixed(1),
  })),
);

const server = staticServer(site.options.destDir);
const url = `http://127.0.0.1:${server.addr.port}/linked/`;
const chromium = await launch();
try {
  const page = await chromium.browser.newPage();
  const ready: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    await page.goto(url, { waitUntil: "domcontentloaded" });
    await page.waitForFunction(() => document.querySelectorAll(".chart.live").length === 3, {
      polling: "raf",
    });
    ready.push(performance.now() - t0);
  }
  const perChange = await page.evaluate(() => {
    const svg = document.querySelector(".loss-curve svg") as SVGElement;
    const key = (k: string) => svg.dispatchEvent(new KeyboardEvent("keydown", { key: k }));
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      key(i % 40 < 20 ? "ArrowRight" : "ArrowLeft");
      // Style and layout of what changed, as the next frame would need them.
      document.body.getBoundingClientRect();
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b);
  });
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  console.log(
    `Chromium, ${url.replace(/^.*\/\/[^/]+/, "")}: navigation → all charts interactive ` +
      `${med(ready.slice(1)).toFixed(0)} ms median (5 loads after a warm-up); one change of w ` +
      `through 4 linked views ${med(perChange).toFixed(2)} ms median, ` +
      `p95 ${perChange[Math.floor(perChange.length * 0.95)].toFixed(2)} ms\n`,
  );
} finally {
  await chromium.close();
  await server.shutdown();
  await Deno.remove(dir, { recursive: true });
}

const data = (await loadData([`${root}/_data`])).values;
const ctx = (id: string): ComponentContext => ({
  page: { url: "/bench/", lang: "zh", src: "bench.md" },
  data,
  id,
  tex: () => "",
  components: new Map(),
});
const axis = { start: 0, stop: 4.1, step: 0.1 };
Deno.bench({
  name: "server render: LossCurve + SweepTable + DataFit + LossHeatmap (41, 41 × 41)",
  warmup: 20,
}, () => {
  LossCurve({ data: "linear", w: axis, b: 0 }, ctx("a"));
  SweepTable({ data: "linear", w: axis, b: 0 }, ctx("b"));
  DataFit({ data: "linear", w: axis, b: 0 }, ctx("c"));
  LossHeatmap({ data: "affine", w: axis, b: axis }, ctx("d"));
});
