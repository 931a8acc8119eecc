/**
 * comp.TrainingCurve in Chromium: hover and keys choose an epoch and the readout says the
 * engine's loss there, a data-fit chart of the same group follows the epoch's w and b, the
 * learning-rate and optimizer controls re-train in the page and redraw with the engine's
 * numbers, the URL's hash restores an epoch, and without JavaScript the SVG is the chart.
 */
import assert from "node:assert/strict";
import type { Page } from "../deps.ts";
import { train, type TrainConfig } from "../../engine/mod.ts";
import { fmtLoss, fmtParam, FRAME } from "../../_components/training_curve/marks.ts";
import { launch, staticServer, watchProblems } from "../browser.ts";
import { buildSite, CHROMIUM, fixture, hasChromium } from "../helpers.ts";

if (!hasChromium) {
  console.warn(`training_curve_browser.test.ts: SKIPPED — ${CHROMIUM} not found`);
}

/** The run of tests/fixtures/sites/charts/training.md. */
const config: TrainConfig = {
  x: [[1], [2], [3]],
  y: [[2], [4], [6]],
  model: { layers: [{ linear: [1, 1], weight: [[1]], bias: [0] }] },
  loss: { name: "mse", reduction: "sum" },
  optimizer: { name: "sgd", lr: 0.01 },
  epochs: 1000,
};
const sig = (v: number) => Number(v.toPrecision(6));

/** The readouts of the page's charts. */
function readouts(page: Page) {
  return page.evaluate(() => ({
    curves: [...document.querySelectorAll(".training-curve output.readout")].map((e) =>
      e.textContent!
    ),
    fit: document.querySelector(".data-fit output")!.textContent!,
  }));
}

/** Moves the mouse over the nth training curve at an epoch (its x axis runs over 0..1000). */
async function hoverAt(page: Page, epoch: number, nth = 0) {
  const box = await page.evaluate((n) => {
    const svg = document.querySelectorAll(".training-curve svg")[n] as SVGSVGElement;
    svg.scrollIntoView({ block: "center" });
    const r = svg.getBoundingClientRect();
    return { left: r.left, top: r.top, width: r.width, height: r.height };
  }, nth);
  const { width, margin } = FRAME, plot = width - margin.left - margin.right;
  const x = box.left + (margin.left + (epoch / 1000) * plot) * (box.width / width);
  await page.mouse.move(x, box.top + box.height / 2);
}

/**
 * Sets a control of the nth curve as a reader would (value, then an input event), and waits
 * until the chart has re-trained (the engine loads on first use).
 */
async function setControl(page: Page, control: string, value: number, nth = 0) {
  const before = await page.evaluate(
    (c, v, n) => {
      const fig = document.querySelectorAll<HTMLElement>(".training-curve")[n];
      const el = fig.querySelector<HTMLInputElement>(`[data-control="${c}"]`)!;
      const count = Number(fig.dataset.trained ?? 0);
      el.value = String(v);
      el.dispatchEvent(new Event("input", { bubbles: true }));
      return count;
    },
    control,
    value,
    nth,
  );
  await page.waitForFunction(
    (n, b) =>
      Number(document.querySelectorAll<HTMLElement>(".training-curve")[n].dataset.trained ?? 0) >
        b,
    {},
    nth,
    before,
  );
}

Deno.test({
  name: "TrainingCurve in Chromium",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const built = await buildSite({ src: fixture("sites", "charts") });
    const server = staticServer(built.dest);
    const url = `http://127.0.0.1:${server.addr.port}/en/training/`;
    const chromium = await launch();
    const browser = chromium.browser;
    const sgd = train(config);
    try {
      await t.step("both curves come alive with no console error", async () => {
        const page = await browser.newPage();
        const problems = watchProblems(page);
        await page.goto(url, { waitUntil: "networkidle0" });
        assert.deepEqual(problems, []);
        assert.equal(await page.$$eval(".training-curve.live", (l) => l.length), 2);
        assert.equal(
          await page.$$eval(".train-controls:not([hidden])", (l) => l.length),
          2,
          "the controls show once the script runs",
        );
        await page.close();
      });

      await t.step(
        "hovering epoch 10 reads the engine's loss, w and b; the fit follows",
        async () => {
          const page = await browser.newPage();
          await page.setViewport({ width: 1000, height: 900 });
          await page.goto(url, { waitUntil: "networkidle0" });
          await hoverAt(page, 10);
          const r = await readouts(page);
          const [w, b] = sgd.parameters.subarray(20, 22);
          assert.equal(
            r.curves[0],
            `epoch 10 · loss ${fmtLoss(sgd.epochLoss[10])} · w = ${fmtParam(sig(w))}, b = ${
              fmtParam(sig(b))
            }`,
          );
          assert.match(r.fit, new RegExp(`^w = ${w.toFixed(4).replace(/0+$/, "")}`), r.fit);
          // The four-run chart reads each run at its own epoch 10.
          await hoverAt(page, 10, 1);
          const adam = train({ ...config, optimizer: { name: "adam", lr: 0.1 } });
          const four = (await readouts(page)).curves[1];
          assert.ok(
            four.startsWith(`epoch 10 · SGD, α = 0.01: ${fmtLoss(sgd.epochLoss[10])}`),
            four,
          );
          assert.ok(four.includes(`Adam, α = 0.1: ${fmtLoss(adam.epochLoss[10])}`), four);
          await page.close();
        },
      );

      await t.step("keys move the epoch: arrows by one, Home and End to the ends", async () => {
        const page = await browser.newPage();
        await page.goto(url, { waitUntil: "networkidle0" });
        await page.$eval(".training-curve svg", (s) => (s as SVGElement).focus());
        await page.keyboard.press("Home");
        assert.match((await readouts(page)).curves[0], /^epoch 0 · loss 14 · w = 1, b = 0$/);
        await page.keyboard.press("ArrowRight");
        assert.match((await readouts(page)).curves[0], /^epoch 1 · /);
        await page.keyboard.press("PageUp");
        assert.match((await readouts(page)).curves[0], /^epoch 101 · /);
        await page.keyboard.press("End");
        const svg = await page.$eval(".training-curve svg", (s) => ({
          role: s.getAttribute("role"),
          now: s.getAttribute("aria-valuenow"),
          text: s.getAttribute("aria-valuetext"),
        }));
        assert.equal(svg.role, "slider");
        assert.equal(svg.now, "1000");
        assert.equal(svg.text, (await readouts(page)).curves[0]);
        await page.close();
      });

      await t.step(
        "changing the learning rate re-trains and redraws with the engine's numbers",
        async () => {
          const page = await browser.newPage();
          await page.goto(url, { waitUntil: "networkidle0" });
          const path = () => page.$eval(".training-curve path.run-0", (p) => p.getAttribute("d"));
          const before = await path();
          const lrs: number[] = await page.$eval(
            ".training-curve script.chart-data",
            (s) => JSON.parse(s.textContent!).controls.lr,
          );
          await setControl(page, "lr", lrs.indexOf(0.05));
          const fast = train({ ...config, optimizer: { name: "sgd", lr: 0.05 } });
          assert.equal(fast.status, "ok");
          const r = await readouts(page);
          const [w, b] = fast.parameters.subarray(2000, 2002);
          assert.equal(
            r.curves[0],
            `epoch 1000 · loss ${fmtLoss(fast.epochLoss[1000])} · w = ${fmtParam(sig(w))}, b = ${
              fmtParam(sig(b))
            }`,
          );
          assert.notEqual(await path(), before);
          assert.equal(await page.$eval(".training-curve output.lr", (o) => o.textContent), "0.05");
          // A rate past the edge diverges: the legend says so.
          await setControl(page, "lr", lrs.indexOf(0.5));
          const wild = train({ ...config, optimizer: { name: "sgd", lr: 0.5 } });
          assert.equal(wild.status, "diverged");
          assert.match(
            await page.$eval(".training-curve .legend", (l) => l.textContent!),
            new RegExp(`diverges at epoch ${wild.divergence!.epoch + 1}`),
          );
          // The optimizer control: Adam at lr 0.01.
          await setControl(page, "lr", lrs.indexOf(0.01));
          await setControl(page, "optimizer", 1);
          const adam = train({ ...config, optimizer: { name: "adam", lr: 0.01 } });
          assert.match(
            (await readouts(page)).curves[0],
            new RegExp(
              `^epoch 1000 · loss ${fmtLoss(adam.epochLoss[1000]).replace(/[.×]/g, "\\$&")}`,
            ),
          );
          assert.equal(
            await page.$eval(".training-curve .legend li", (l) => l.textContent),
            "Adam, α = 0.01",
          );
          await page.close();
        },
      );

      await t.step(
        "the chosen epoch is in the URL's hash, and loading it restores the epoch",
        async () => {
          const page = await browser.newPage();
          await page.goto(`${url}#fit.epoch=50`, { waitUntil: "networkidle0" });
          const r = await readouts(page);
          assert.match(r.curves[0], /^epoch 50 · /);
          const w = sgd.parameters[100];
          assert.match(r.fit, new RegExp(`^w = ${w.toFixed(4).replace(/0+$/, "")}`), r.fit);
          await page.close();
        },
      );

      await t.step("with JavaScript off the SVG, legend and table are the chart", async () => {
        const page = await browser.newPage();
        await page.setJavaScriptEnabled(false);
        await page.goto(url, { waitUntil: "load" });
        const r = await page.evaluate(() => ({
          paths: document.querySelectorAll(".training-curve path.run").length,
          legend: [...document.querySelectorAll(".training-curve .legend li")].length,
          controls: [...document.querySelectorAll(".train-controls")].every((c) =>
            (c as HTMLElement).offsetHeight === 0
          ),
          rows: document.querySelectorAll(".training-curve .chart-table tbody tr").length,
        }));
        assert.deepEqual(r, { paths: 5, legend: 5, controls: true, rows: 22 });
        await page.close();
      });
    } finally {
      await chromium.close();
      await server.shutdown();
      await Deno.remove(built.dir, { recursive: true });
    }
  },
});
