/**
 * comp.FunctionPlot in Chromium: it comes alive with no console error, keys and the mouse move
 * the readout along the samples, and the readout shows the values the page's data holds.
 */
import assert from "node:assert/strict";
import { launch, staticServer, watchProblems } from "../browser.ts";
import { fmt } from "../../_components/_chart/format.ts";
import { buildSite, CHROMIUM, fixture, hasChromium } from "../helpers.ts";

if (!hasChromium) console.warn(`function_plot_browser.test.ts: SKIPPED — ${CHROMIUM} not found`);

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

Deno.test({
  name: "FunctionPlot in Chromium",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const built = await buildSite({ src: fixture("sites", "classifier") });
    const server = staticServer(built.dest);
    const url = `http://127.0.0.1:${server.addr.port}/en/function-plot/`;
    const chromium = await launch();
    const page = await chromium.browser.newPage();
    const readout = () => page.$eval(".function-plot output", (o) => o.textContent!.trim());
    try {
      const problems = watchProblems(page);
      await page.setViewport({ width: 1000, height: 900 });
      await page.goto(url, { waitUntil: "networkidle0" });
      assert.deepEqual(problems, []);
      assert.equal(await page.$$eval(".function-plot.live", (l) => l.length), 1);

      await t.step("the readout starts at x = 0; End and Home jump to the ends", async () => {
        assert.equal(await readout(), "x = 0.0 · σ(x) = 0.5 · tanh′(x) = 1.0");
        await page.$eval(".function-plot svg", (s) => (s as SVGElement).focus());
        await page.keyboard.press("End");
        assert.equal(
          await readout(),
          `x = 6.0 · σ(x) = ${fmt(sigmoid(6))} · tanh′(x) = ${fmt(1 - Math.tanh(6) ** 2)}`,
        );
        await page.keyboard.press("Home");
        await page.keyboard.press("ArrowRight");
        // 121 samples over [−6, 6]: one step is 0.1.
        const x = -5.9;
        assert.equal(
          await readout(),
          `x = ${fmt(x)} · σ(x) = ${fmt(sigmoid(x))} · tanh′(x) = ${fmt(1 - Math.tanh(x) ** 2)}`,
        );
        assert.equal(
          await page.$eval(".function-plot svg", (s) => s.getAttribute("aria-valuetext")),
          await readout(),
        );
      });

      await t.step("the mouse over x = 2 moves the guide and the readout there", async () => {
        const box = await page.$eval(".function-plot svg", (s) => {
          const r = s.getBoundingClientRect();
          return { left: r.left, top: r.top, width: r.width, height: r.height };
        });
        // The frame: 480 wide, plot from x = 58 to 462 over [−6, 6].
        const px = box.left + (58 + ((2 + 6) / 12) * 404) * (box.width / 480);
        await page.mouse.move(px, box.top + box.height / 2);
        assert.match(await readout(), /^x = 2\.0 · σ\(x\) = 0\.8808 · /);
        const guideX = await page.$eval(
          ".function-plot .hover .guide",
          (l) => l.getAttribute("x1"),
        );
        assert.ok(Math.abs(Number(guideX) - (58 + (8 / 12) * 404)) < 0.01, String(guideX));
      });

      await t.step("a reference line's label stays readable over the guide", async () => {
        // x = 5.5: the guide runs through the label "y = 0.5" at the right end of its line.
        await page.$eval(".function-plot svg", (s) => (s as SVGElement).focus());
        await page.keyboard.press("End");
        for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowLeft");
        assert.match(await readout(), /^x = 5\.5 /);
        const top = await page.evaluate(() => {
          const label = document.querySelector(".function-plot .ref text")!.getBoundingClientRect();
          const guide = document.querySelector(".function-plot .hover .guide")!
            .getBoundingClientRect();
          const x = guide.left + guide.width / 2, y = label.top + label.height / 2;
          if (x < label.left || x > label.right) return `the guide misses the label (${x})`;
          return document.elementFromPoint(x, y)?.textContent ?? "nothing";
        });
        assert.equal(top, "y = 0.5");
      });
    } finally {
      await page.close();
      await chromium.close();
      await server.shutdown();
    }
  },
});
