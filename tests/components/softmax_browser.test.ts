/**
 * The Softmax chart in Chromium: editing a logit (keys on a bar, typing in the table, dragging)
 * and choosing the true class recompute the probabilities and the loss to the engine's values;
 * without JavaScript the server's SVG and table show the same numbers.
 */
import assert from "node:assert/strict";
import type { Page } from "../deps.ts";
import { launch, staticServer, watchProblems } from "../browser.ts";
import { buildSite, CHROMIUM, fixture, hasChromium } from "../helpers.ts";
import { compute, num, readout } from "../../_components/softmax/marks.ts";

if (!hasChromium) {
  console.warn(`softmax_browser.test.ts: SKIPPED — ${CHROMIUM} not found`);
}

/** What the first softmax chart shows: its table's p column, footer, readout, bar heights. */
function shown(page: Page, nth = 0) {
  return page.evaluate((n) => {
    const fig = document.querySelectorAll(".softmax")[n];
    const rows = [...fig.querySelectorAll(".softmax-table tbody tr")];
    return {
      p: rows.map((r) => r.querySelectorAll("td")[2].textContent),
      exp: rows.map((r) => r.querySelectorAll("td")[1].textContent),
      target: rows.findIndex((r) => r.classList.contains("target")),
      loss: fig.querySelector(".softmax-table tr.loss td")!.textContent,
      sum: fig.querySelectorAll(".softmax-table tfoot tr td")[1].textContent,
      readout: fig.querySelector("output")!.textContent,
      probHeights: [...fig.querySelectorAll("rect.prob")].map((r) =>
        Number(r.getAttribute("height"))
      ),
      barTexts: [...fig.querySelectorAll(".marks text:not(.label)")].map((t) => t.textContent),
    };
  }, nth);
}

/** What the engine says the chart should show for logits z and true class t. */
function expected(z: number[], t: number) {
  const r = compute(z, t);
  return {
    p: r.p.map((v) => num(v)),
    exp: r.exp.map((v) => num(v)),
    loss: num(r.loss),
    sum: num(r.sum),
    readout: readout(r, z.map((_, i) => String(i))),
  };
}

function assertShows(s: Awaited<ReturnType<typeof shown>>, z: number[], t: number) {
  const e = expected(z, t);
  assert.deepEqual(s.p, e.p);
  assert.deepEqual(s.exp, e.exp);
  assert.equal(s.loss, e.loss);
  assert.equal(s.sum, e.sum);
  assert.equal(s.readout, e.readout);
  assert.equal(s.target, t);
}

Deno.test({
  name: "Softmax in Chromium",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const built = await buildSite({ src: fixture("sites", "charts") });
    const server = staticServer(built.dest);
    const url = `http://127.0.0.1:${server.addr.port}/en/softmax/`;
    const chromium = await launch();
    const browser = chromium.browser;
    try {
      await t.step("renders with no console error; the course's sample gives 0.9729", async () => {
        const page = await browser.newPage();
        const problems = watchProblems(page);
        await page.goto(url, { waitUntil: "networkidle0" });
        assert.deepEqual(problems, []);
        assert.equal(await page.$$eval(".softmax.live", (l) => l.length), 2);
        const s = await shown(page);
        assertShows(s, [0.2, 0.1, -0.1], 0);
        assert.equal(s.loss, "0.9729", "the course's −log softmax(z)₀");
        await page.close();
      });

      await t.step("keys on a logit bar change it, and p and the loss follow", async () => {
        const page = await browser.newPage();
        await page.goto(url, { waitUntil: "networkidle0" });
        await page.$eval(".softmax .handle", (h) => (h as SVGElement).focus());
        for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowUp");
        assertShows(await shown(page), [0.5, 0.1, -0.1], 0);
        await page.keyboard.press("PageUp");
        const s = await shown(page);
        assertShows(s, [1.5, 0.1, -0.1], 0);
        assert.ok(s.probHeights[0] > s.probHeights[1], "the tallest probability bar is class 0");
        assert.equal(
          await page.$eval(".softmax .handle", (h) => h.getAttribute("aria-valuenow")),
          "1.5",
        );
        // Space on the third bar makes class 2 the true class.
        await page.keyboard.press("Tab");
        await page.keyboard.press("Tab");
        await page.keyboard.press("Space");
        assertShows(await shown(page), [1.5, 0.1, -0.1], 2);
        await page.close();
      });

      await t.step("typing a logit in the table and picking a radio recompute", async () => {
        const page = await browser.newPage();
        await page.goto(url, { waitUntil: "networkidle0" });
        const input = (await page.$$(".softmax-table input[type=number]"))[1];
        await input.click({ count: 3 });
        await input.type("2.3");
        assertShows(await shown(page), [0.2, 2.3, -0.1], 0);
        const radios = await page.$$(".softmax-table input[type=radio]");
        await radios[1].click();
        const s = await shown(page);
        assertShows(s, [0.2, 2.3, -0.1], 1);
        assert.ok(Number(s.loss) < 0.9729, "the loss falls when the true class has the top logit");
        await page.close();
      });

      await t.step("dragging a bar to the top sets its logit to the limit", async () => {
        const page = await browser.newPage();
        await page.setViewport({ width: 900, height: 900 });
        await page.goto(url, { waitUntil: "networkidle0" });
        const box = await page.$eval(".softmax svg", (svg) => {
          svg.scrollIntoView({ block: "center" });
          const r = svg.getBoundingClientRect();
          return { left: r.left, top: r.top, width: r.width };
        });
        const k = box.width / 480;
        // Column 2 of 3 spans x 44 + 2·141.33 … 468; the logit panel y 30 (z = 3) … 140 (z = −3).
        const x = box.left + (44 + 141.33 * 2.5) * k;
        await page.mouse.move(x, box.top + 85 * k);
        await page.mouse.down();
        await page.mouse.move(x, box.top + 60 * k, { steps: 4 });
        await page.mouse.move(x, box.top + 10 * k, { steps: 4 });
        await page.mouse.up();
        assertShows(await shown(page), [0.2, 0.1, 3], 0);
        await page.close();
      });

      await t.step(
        "without JavaScript the SVG and the table show the engine's numbers",
        async () => {
          const page = await browser.newPage();
          await page.setJavaScriptEnabled(false);
          await page.goto(url, { waitUntil: "networkidle0" });
          assert.equal(await page.$$eval(".softmax.live", (l) => l.length), 0);
          const s = await shown(page);
          assertShows(s, [0.2, 0.1, -0.1], 0);
          assert.deepEqual(s.barTexts.slice(0, 2), ["0.2", "0.38"]);
          assert.equal(await page.$$eval(".softmax-table input", (l) => l.length), 0);
          await page.close();
        },
      );
    } finally {
      await chromium.close();
      await server.shutdown();
    }
  },
});
