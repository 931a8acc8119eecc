/**
 * Loss surface redraw in headless Chromium: builds a page per grid size, turns the surface
 * for a few seconds (one arrow key per frame, as a reader holding a key would) and prints
 * the time each frame takes, median and 95th percentile. A frame is measured from the first
 * animation-frame callback to after the surface's redraw, the canvas rasterised and the
 * SVG axes laid out (paint of the page itself is not included).
 *
 * Run: deno task bench (or deno run -A bench/surface_bench.ts [seconds]).
 *
 * Goals: ≤ 8 ms a frame at 41 × 41, ≤ 16 ms at 101 × 101.
 */
import { launch } from "../tests/browser.ts";
import { buildSite, CHROMIUM, hasChromium, tempDir } from "../tests/helpers.ts";

if (!hasChromium) {
  console.warn(`surface_bench.ts: skipped, ${CHROMIUM} not found`);
  Deno.exit(0);
}

const seconds = Number(Deno.args[0] ?? 3);
const grids = [
  { name: "41 × 41", axis: { start: 0, stop: 4.1, step: 0.1 }, goal: 8 },
  { name: "101 × 101", axis: { start: 0, stop: 4.04, step: 0.04 }, goal: 16 },
];

await using tmp = await tempDir("surface-bench-");
await Deno.mkdir(`${tmp.path}/src`);
for (const [n, g] of grids.entries()) {
  const axis = JSON.stringify(g.axis);
  await Deno.writeTextFile(
    `${tmp.path}/src/grid-${n}.md`,
    `---\ntitle: Surface ${g.name}\n---\n\n{{ comp.LossSurface({ data: "affine", w: ${axis}, b: ${axis} }) }}\n`,
  );
}
const built = await buildSite({ src: `${tmp.path}/src`, dest: `${tmp.path}/site` });
const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
  let path = new URL(req.url).pathname;
  if (path.endsWith("/")) path += "index.html";
  try {
    const type = path.endsWith(".js")
      ? "text/javascript"
      : path.endsWith(".css")
      ? "text/css"
      : "text/html";
    return new Response(await Deno.readFile(`${built.dest}${path}`), {
      headers: { "content-type": type },
    });
  } catch {
    return new Response("not found", { status: 404 });
  }
});
const chromium = await launch();
const browser = chromium.browser;
try {
  for (const [n, g] of grids.entries()) {
    const page = await browser.newPage();
    await page.setViewport({ width: 900, height: 800 });
    await page.goto(`http://127.0.0.1:${server.addr.port}/grid-${n}/`, { waitUntil: "load" });
    await page.waitForSelector(".loss-surface.live");
    const times: number[] = await page.evaluate(async (ms: number) => {
      const svg = document.querySelector<SVGSVGElement>(".loss-surface svg[tabindex]")!;
      const canvas = document.querySelector<HTMLCanvasElement>(".loss-surface canvas")!;
      const ctx = canvas.getContext("2d")!;
      const frame = () =>
        new Promise<number>((resolve) => {
          let t0 = 0;
          requestAnimationFrame(() => (t0 = performance.now()));
          svg.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowLeft", bubbles: true }));
          requestAnimationFrame(() => {
            ctx.getImageData(0, 0, 1, 1);
            svg.getBoundingClientRect();
            resolve(performance.now() - t0);
          });
        });
      const out: number[] = [];
      const end = performance.now() + ms;
      while (performance.now() < end) out.push(await frame());
      return out;
    }, seconds * 1000);
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
    console.log(
      `loss surface ${g.name}: ${times.length} frames, median ${q(0.5).toFixed(2)} ms, ` +
        `p95 ${q(0.95).toFixed(2)} ms (goal ≤ ${g.goal} ms)`,
    );
    await page.close();
  }
} finally {
  await chromium.close();
  await server.shutdown();
}
