/**
 * comp.Classifier in Chromium: keys, a drag and the sliders change w and b, the readout's
 * threshold is always −b/w of the parameters the sliders hold, the epoch slider replays the
 * training run, and a second classifier of the same data set follows.
 */
import assert from "node:assert/strict";
import type { Page } from "../deps.ts";
import { fmt } from "../../_components/_chart/format.ts";
import { launch, staticServer, wakeCharts, watchProblems } from "../browser.ts";
import { buildSite, CHROMIUM, fixture, hasChromium } from "../helpers.ts";

if (!hasChromium) console.warn(`classifier_browser.test.ts: SKIPPED — ${CHROMIUM} not found`);

/** The first classifier's readout and its sliders' values. */
function state(page: Page) {
  return page.evaluate(() => {
    const f = document.querySelectorAll(".classifier")[0];
    const v = (n: string) => Number(f.querySelector<HTMLInputElement>(`input[name="${n}"]`)!.value);
    return {
      readout: f.querySelector("output")!.textContent!,
      other: document.querySelectorAll(".classifier")[1].querySelector("output")!.textContent!,
      w: v("w"),
      b: v("b"),
      epoch: v("epoch"),
      guide: Number(f.querySelector(".threshold .guide")!.getAttribute("x1")),
    };
  });
}

/** The threshold a readout states. */
const stated = (readout: string) => readout.match(/x = −b\/w = (-?[\d.]+)/)?.[1];

Deno.test({
  name: "Classifier in Chromium",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const built = await buildSite({ src: fixture("sites", "classifier") });
    const server = staticServer(built.dest);
    const chromium = await launch();
    const page = await chromium.browser.newPage();
    try {
      const problems = watchProblems(page);
      await page.setViewport({ width: 1000, height: 900 });
      await page.goto(`http://127.0.0.1:${server.addr.port}/en/classifier/`, {
        waitUntil: "networkidle0",
      });
      await wakeCharts(page);
      assert.deepEqual(problems, []);
      assert.equal(await page.$$eval(".classifier.live", (l) => l.length), 2);

      await t.step(
        "it starts at the last epoch, and the second chart shows the same model",
        async () => {
          const s = await state(page);
          assert.equal(s.epoch, 1000);
          assert.equal(await page.evaluate(() => location.hash), "", "loading writes no state");
          assert.equal(
            await page.$eval(".classifier svg", (e) => e.getAttribute("aria-valuenow")),
            String(-s.b / s.w),
            "the threshold is the slider's value",
          );
          assert.match(
            s.readout,
            /^epoch 1000 · w = 1\.2762, b = -3\.0802 · threshold x = −b\/w = 2\.4136/,
          );
          assert.equal(stated(s.readout), fmt(-s.b / s.w));
          assert.equal(
            s.other.replace(/^epoch 1000 · /, ""),
            s.readout.replace(/^epoch 1000 · /, ""),
          );
        },
      );

      await t.step(
        "←/→ move the threshold by 0.1 with w kept; ↑/↓ change w with the threshold kept",
        async () => {
          await page.$eval(".classifier svg", (s) => (s as SVGElement).focus());
          const before = await state(page);
          await page.keyboard.press("ArrowRight");
          const right = await state(page);
          assert.equal(right.w, before.w);
          assert.equal(stated(right.readout), fmt(-right.b / right.w));
          assert.ok(Math.abs(-right.b / right.w - (-before.b / before.w + 0.1)) < 1e-3);
          assert.ok(right.guide > before.guide, "the threshold line moved right");
          await page.keyboard.press("ArrowUp");
          const up = await state(page);
          assert.ok(Math.abs(up.w - (right.w + 0.1)) < 1e-9, `w ${right.w} → ${up.w}`);
          assert.ok(Math.abs(-up.b / up.w - -right.b / right.w) < 1e-3, "threshold kept");
          assert.equal(stated(up.readout), fmt(-up.b / up.w));
          assert.doesNotMatch(up.readout, /^epoch/, "a hand-set model is no epoch of the run");
          assert.equal(up.other, up.readout, "the linked chart follows");
        },
      );

      await t.step("a press on the chart at x = 5 puts the threshold there", async () => {
        const box = await page.$eval(".classifier svg", (s) => {
          const r = s.getBoundingClientRect();
          return { left: r.left, top: r.top, width: r.width, height: r.height };
        });
        // The frame: 480 wide, plot from x = 58 to 462 over [0, 10].
        await page.mouse.click(
          box.left + (58 + 0.5 * 404) * (box.width / 480),
          box.top + box.height / 2,
        );
        const s = await state(page);
        assert.ok(Math.abs(-s.b / s.w - 5) < 0.02, String(-s.b / s.w));
        assert.equal(stated(s.readout), fmt(-s.b / s.w));
      });

      await t.step(
        "the epoch slider replays the run: epoch 0 is the start w = 1, b = 0",
        async () => {
          const set = (name: string, v: number) =>
            page.$eval(`.classifier input[name="${name}"]`, (el, v) => {
              (el as HTMLInputElement).value = String(v);
              el.dispatchEvent(new Event("input", { bubbles: true }));
            }, v);
          await set("epoch", 0);
          let s = await state(page);
          assert.match(
            s.readout,
            /^epoch 0 · w = 1\.0, b = 0\.0 · threshold x = −b\/w = 0\.0 · loss = /,
          );
          await set("epoch", 1000);
          s = await state(page);
          assert.match(s.readout, /^epoch 1000 · w = 1\.2762, b = -3\.0802/);
          await set("b", -5);
          s = await state(page);
          assert.equal(s.b, -5);
          assert.equal(stated(s.readout), fmt(5 / s.w));
        },
      );

      await t.step(
        "choosing an epoch on a TrainingCurve of the same run moves the classifier",
        async () => {
          const linked = await chromium.browser.newPage();
          const problems = watchProblems(linked);
          await linked.goto(`http://127.0.0.1:${server.addr.port}/en/linked/`, {
            waitUntil: "networkidle0",
          });
          assert.deepEqual(problems, []);
          const readout = () => linked.$eval(".classifier output", (o) => o.textContent!);
          assert.match(await readout(), /^epoch 1000 · w = 1\.2762, b = -3\.0802/);
          await linked.$eval(".training-curve svg", (s) => (s as SVGElement).focus());
          await linked.keyboard.press("Home");
          assert.match(
            await readout(),
            /^epoch 0 · w = 1\.0, b = 0\.0 · threshold x = −b\/w = 0\.0/,
          );
          await linked.keyboard.press("ArrowRight");
          const r = await readout();
          assert.match(r, /^epoch 1 · /);
          const epoch = await linked.$eval(
            '.classifier input[name="epoch"]',
            (el) => (el as HTMLInputElement).value,
          );
          assert.equal(epoch, "1", "the epoch slider follows");
          await linked.close();
        },
      );
    } finally {
      await page.close();
      await chromium.close();
      await server.shutdown();
    }
  },
});
