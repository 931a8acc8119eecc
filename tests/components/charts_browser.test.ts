/**
 * The chart components in Chromium: they render with no console error, hover and keys select,
 * linked views follow, the URL hash restores a state, the heatmap's drawn minimum sits under
 * its marker, and without JavaScript the server-rendered SVGs are the charts.
 */
import assert from "node:assert/strict";
import type { Page } from "../deps.ts";
import { launch, staticServer, wakeCharts, watchProblems } from "../browser.ts";
import { buildSite, CHROMIUM, fixture, hasChromium } from "../helpers.ts";

if (!hasChromium) {
  console.warn(`charts_browser.test.ts: SKIPPED — ${CHROMIUM} not found`);
}

/** Text of the readouts, tables and formulas a reader sees, per chart. */
function state(page: Page) {
  return page.evaluate(() => {
    const q = (s: string) => [...document.querySelectorAll(s)].map((e) => e.textContent!.trim());
    return {
      curves: q(".loss-curve output"),
      table: q(".sweep-table .model")[0],
      tableMse: q(".sweep-table .mse")[0],
      tableYHat: q(".sweep-table tbody tr td:nth-child(3)"),
      fits: q(".data-fit output"),
      heatmap: q(".loss-heatmap output")[0],
    };
  });
}

/** Moves the mouse over the loss curve at the given w (its x scale read from the page). */
async function hoverCurveAt(page: Page, w: number, nth = 0) {
  const box = await page.evaluate((n) => {
    const svg = document.querySelectorAll(".loss-curve svg")[n] as SVGSVGElement;
    svg.scrollIntoView({ block: "center" });
    const r = svg.getBoundingClientRect();
    return { left: r.left, top: r.top, width: r.width, height: r.height };
  }, nth);
  // The curve's frame: 480 wide, plot from x = 58 to 462 over w in [0, 4].
  const x = box.left + (58 + (w / 4) * 404) * (box.width / 480);
  await page.mouse.move(x, box.top + box.height / 2);
}

Deno.test({
  name: "charts in Chromium",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const built = await buildSite({ src: fixture("sites", "charts") });
    const server = staticServer(built.dest);
    const url = `http://127.0.0.1:${server.addr.port}/linked/`;
    const chromium = await launch();
    const browser = chromium.browser;
    try {
      await t.step("every chart renders with no console error or failed request", async () => {
        const page = await browser.newPage();
        const problems = watchProblems(page);
        await page.goto(url, { waitUntil: "networkidle0" });
        await wakeCharts(page);
        assert.deepEqual(problems, []);
        const live = await page.$$eval(".chart.live", (l) => l.length);
        assert.equal(live, 3, "both loss curves and the heatmap are interactive");
        await page.close();
      });

      await t.step(
        "hovering the curve at w = 2 shows MSE 4.6667, and the linked views follow",
        async () => {
          const page = await browser.newPage();
          await page.setViewport({ width: 1000, height: 900 });
          await page.goto(url, { waitUntil: "networkidle0" });
          await wakeCharts(page);
          const before = await state(page);
          assert.equal(before.curves[0], "w = 1.0 · MSE = 18.6667");
          await hoverCurveAt(page, 2);
          const s = await state(page);
          assert.equal(s.curves[0], "w = 2.0 · MSE = 4.6667");
          assert.equal(s.table, "w = 2.0");
          assert.equal(s.tableMse, "4.6667");
          assert.deepEqual(s.tableYHat, ["2.0", "4.0", "6.0"]);
          assert.equal(s.fits[0], "w = 2.0 · MSE = 4.6667");
          assert.equal(s.curves[1], before.curves[1], "the other group did not move");
          assert.equal(s.heatmap, before.heatmap, "nor did the (w, b) group");
          await page.close();
        },
      );

      await t.step("arrow keys, Home and End move the selection by one step", async () => {
        const page = await browser.newPage();
        await page.goto(url, { waitUntil: "networkidle0" });
        await wakeCharts(page);
        await page.$eval(".loss-curve svg", (s) => (s as SVGElement).focus());
        await page.keyboard.press("ArrowRight");
        assert.equal((await state(page)).curves[0], "w = 1.1 · MSE = 16.8467");
        await page.keyboard.press("ArrowLeft");
        await page.keyboard.press("ArrowLeft");
        assert.equal((await state(page)).curves[0], "w = 0.9 · MSE = 20.58");
        await page.keyboard.press("End");
        assert.equal((await state(page)).curves[0], "w = 4.0 · MSE = 4.6667");
        assert.equal((await state(page)).table, "w = 4.0");
        await page.keyboard.press("Home");
        assert.equal((await state(page)).curves[0], "w = 0.0 · MSE = 42.0");
        assert.equal(
          await page.$eval(".loss-curve svg", (s) => s.getAttribute("aria-valuetext")),
          "w = 0.0 · MSE = 42.0",
        );
        await page.$eval(".loss-heatmap svg", (s) => (s as SVGElement).focus());
        await page.keyboard.press("ArrowLeft");
        await page.keyboard.press("ArrowUp");
        const s = await state(page);
        assert.equal(s.heatmap, "w = 2.9, b = 1.1 · MSE = 0.0167");
        assert.equal(s.fits[1], "w = 2.9, b = 1.1 · MSE = 0.0167");
        await page.close();
      });

      await t.step(
        "the selection is in the URL's hash, and loading that URL restores it",
        async () => {
          const page = await browser.newPage();
          await page.goto(url, { waitUntil: "networkidle0" });
          await wakeCharts(page);
          await page.$eval(".loss-curve svg", (s) => (s as SVGElement).focus());
          await page.keyboard.press("ArrowRight");
          await page.waitForFunction(() => location.hash.includes("linear.w=1.1"));
          const page2 = await browser.newPage();
          await page2.goto(`${url}#linear.w=2.5&affine.w=1&affine.b=3`, {
            waitUntil: "networkidle0",
          });
          await wakeCharts(page2);
          const s = await state(page2);
          assert.equal(s.curves[0], "w = 2.5 · MSE = 1.1667");
          assert.equal(s.table, "w = 2.5");
          assert.equal(s.heatmap, "w = 1.0, b = 3.0 · MSE = 6.6667");
          assert.equal(s.curves[1], "w = 4.0 · MSE = 4.6667", "group 'other' kept its own state");
          await page.close();
          await page2.close();
        },
      );

      await t.step(
        "an address whose hash is not a selection (#50%, a heading) leaves the charts working",
        async () => {
          for (const hash of ["#50%", "#experiment-1", "#%E5%&w=zz"]) {
            const page = await browser.newPage();
            const problems = watchProblems(page);
            await page.goto(url + hash, { waitUntil: "networkidle0" });
            await wakeCharts(page);
            assert.deepEqual(problems, [], hash);
            assert.equal(await page.$$eval(".chart.live", (l) => l.length), 3, hash);
            assert.equal((await state(page)).curves[0], "w = 1.0 · MSE = 18.6667", hash);
            await page.close();
          }
        },
      );

      await t.step("hovering the heatmap shows a cell's values; a click selects it", async () => {
        const page = await browser.newPage();
        await page.setViewport({ width: 1000, height: 900 });
        await page.goto(url, { waitUntil: "networkidle0" });
        await wakeCharts(page);
        const at = await page.$eval(".loss-heatmap svg", (svg) => {
          svg.scrollIntoView({ block: "center" });
          const r = svg.getBoundingClientRect();
          // Plot area 58..396 × 24..314 over w, b in [-0.05, 4.05]: the centre of cell (w 1, b 3).
          const k = r.width / 480;
          const x = 58 + ((1 + 0.05) / 4.1) * (396 - 58), y = 314 - ((3 + 0.05) / 4.1) * (314 - 24);
          return { x: r.left + x * k, y: r.top + y * k };
        });
        await page.mouse.move(at.x, at.y);
        assert.equal((await state(page)).heatmap, "w = 1.0, b = 3.0 · MSE = 6.6667");
        assert.equal((await state(page)).fits[1], "w = 3.0, b = 1.0 · MSE = 0.0", "hover only");
        await page.mouse.down();
        await page.mouse.up();
        assert.equal((await state(page)).fits[1], "w = 1.0, b = 3.0 · MSE = 6.6667");
        await page.close();
      });

      await t.step(
        "the heatmap's darkest drawn cell sits under its best-point marker",
        async () => {
          const page = await browser.newPage();
          await page.goto(url, { waitUntil: "networkidle0" });
          await wakeCharts(page);
          const r = await page.$eval(".loss-heatmap svg", async (svg) => {
            const img = svg.querySelector("image.cells")!;
            const el = new Image();
            el.src = img.getAttribute("href")!;
            await el.decode();
            const c = document.createElement("canvas");
            c.width = el.width;
            c.height = el.height;
            const ctx = c.getContext("2d")!;
            ctx.drawImage(el, 0, 0);
            const px = ctx.getImageData(0, 0, c.width, c.height).data;
            let best = 0, min = Infinity;
            for (let k = 0; k < c.width * c.height; k++) {
              const lum = px[4 * k] + px[4 * k + 1] + px[4 * k + 2];
              if (lum < min) [min, best] = [lum, k];
            }
            // The pixel's centre in SVG units, and the marker's.
            const x = Number(img.getAttribute("x")), y = Number(img.getAttribute("y"));
            const w = Number(img.getAttribute("width")), h = Number(img.getAttribute("height"));
            const cx = x + ((best % c.width) + 0.5) * (w / c.width);
            const cy = y + (Math.floor(best / c.width) + 0.5) * (h / c.height);
            const dot = svg.querySelector(".best circle")!;
            return {
              cx,
              cy,
              mx: Number(dot.getAttribute("cx")),
              my: Number(dot.getAttribute("cy")),
              cell: w / c.width,
            };
          });
          assert.ok(Math.abs(r.cx - r.mx) < r.cell / 2, JSON.stringify(r));
          assert.ok(Math.abs(r.cy - r.my) < r.cell / 2, JSON.stringify(r));
          await page.close();
        },
      );

      await t.step(
        "with JavaScript off the SVG charts, their readouts and tables are there",
        async () => {
          const page = await browser.newPage();
          await page.setJavaScriptEnabled(false);
          await page.goto(url, { waitUntil: "load" });
          const r = await page.evaluate(() => ({
            svgs: document.querySelectorAll("figure.chart svg").length,
            curve: document.querySelector(".loss-curve path.curve")?.getAttribute("d")?.length ?? 0,
            best: document.querySelector(".loss-curve .best text")?.textContent,
            ticks: document.querySelectorAll(".loss-curve .axis text").length,
            table: document.querySelector(".sweep-table .mse")?.textContent,
            heat: document.querySelector(".loss-heatmap image")?.getBoundingClientRect().width ?? 0,
          }));
          assert.equal(r.svgs, 5);
          assert.ok(r.curve > 200);
          assert.equal(r.best, "最小值 w = 3.0");
          assert.ok(r.ticks > 10);
          assert.equal(r.table, "18.6667");
          assert.ok(r.heat > 100);
          await page.close();
        },
      );

      await t.step("nothing moves when the scripts take over (no layout shift)", async () => {
        const page = await browser.newPage();
        // A window taller than the page: every block is laid out, none is a placeholder of the
        // size it is given until it nears the viewport (content-visibility: auto).
        await page.setViewport({ width: 800, height: 12_000 });
        await page.setJavaScriptEnabled(false);
        await page.goto(url, { waitUntil: "load" });
        // Each chart's size, and its offset from the first (the header above may change).
        const boxes = () =>
          page.$$eval("figure.chart", (l) => {
            const top = l[0].getBoundingClientRect().top;
            return l.map((f) => {
              const r = f.getBoundingClientRect();
              return [r.width, r.height, r.top - top];
            });
          });
        const off = await boxes();
        await page.setJavaScriptEnabled(true);
        await page.goto(url, { waitUntil: "networkidle0" });
        await wakeCharts(page);
        assert.deepEqual(await boxes(), off);
        await page.close();
      });

      await t.step(
        "on a 360 px phone a sideways touch drag along the curve selects w",
        async () => {
          const page = await browser.newPage();
          await page.setViewport({ width: 360, height: 740, isMobile: true, hasTouch: true });
          await page.goto(url, { waitUntil: "networkidle0" });
          await wakeCharts(page);
          const box = await page.$eval(".loss-curve svg", (svg) => {
            svg.scrollIntoView({ block: "center" });
            const r = svg.getBoundingClientRect();
            return { left: r.left, top: r.top, width: r.width, height: r.height };
          });
          const at = (w: number) => box.left + (58 + (w / 4) * 404) * (box.width / 480);
          const y = box.top + box.height / 2;
          await page.touchscreen.touchStart(at(0.5), y);
          await page.touchscreen.touchMove(at(1.5), y);
          await page.touchscreen.touchMove(at(2.5), y);
          await page.touchscreen.touchEnd();
          assert.equal((await state(page)).curves[0], "w = 2.5 · MSE = 1.1667");
          assert.equal(
            await page.evaluate(() => document.documentElement.scrollWidth),
            360,
            "no sideways scroll on a phone",
          );
          await page.close();
        },
      );

      await t.step("the learning-rate control switches between precomputed runs", async () => {
        const page = await browser.newPage();
        await page.goto(url.replace("linked/", "en/descent/"), { waitUntil: "networkidle0" });
        await wakeCharts(page);
        const shown = () =>
          page.evaluate(() => ({
            visible: [...document.querySelectorAll(".trajectory")].map((g) =>
              g.getAttribute("display") !== "none"
            ),
            label: document.querySelector(".run-readout")!.textContent,
          }));
        assert.deepEqual(await shown(), {
          visible: [true, false, false],
          label: "α = 0.01 · w = 1.99994 after 100 epochs",
        });
        await page.click("fieldset.runs label:nth-of-type(3) input");
        const s = await shown();
        assert.deepEqual(s.visible, [false, false, true]);
        assert.equal(s.label, "α = 0.22 · diverges: w = -178.544 after 100 epochs");
        await page.close();
      });

      await t.step(
        "a value from the URL is snapped to its axis once, and every view shows that point",
        async () => {
          const page = await browser.newPage();
          await page.goto(`${url}#linear.w=9&affine.b=-3`, { waitUntil: "networkidle0" });
          await wakeCharts(page);
          const s = await state(page);
          assert.equal(s.curves[0], "w = 4.0 · MSE = 4.6667");
          assert.equal(s.table, "w = 4.0");
          assert.equal(s.fits[0], "w = 4.0 · MSE = 4.6667");
          assert.equal(s.heatmap, "w = 3.0, b = 0.0 · MSE = 1.0");
          assert.equal(s.fits[1], "w = 3.0, b = 0.0 · MSE = 1.0");
          await page.waitForFunction(() => location.hash === "#linear.w=4&affine.b=0");
          await page.close();
        },
      );

      await t.step(
        "the URL holds only what the reader changed, each value as its axis writes it",
        async () => {
          const page = await browser.newPage();
          const at = url.replace("linked/", "en/state/");
          await page.goto(at, { waitUntil: "networkidle0" });
          await wakeCharts(page);
          await page.$eval(".loss-heatmap svg", (s) => (s as SVGElement).focus());
          for (let k = 0; k < 5; k++) await page.keyboard.press("ArrowDown");
          assert.equal((await state(page)).heatmap, "w = 2.0, b = 0.0 · MSE = 0.0");
          await page.waitForFunction(() => location.hash === "#wb.b=0");
          for (let k = 0; k < 5; k++) await page.keyboard.press("ArrowUp");
          await page.waitForFunction(() =>
            location.hash === "" && location.href.endsWith("/en/state/")
          );
          await page.close();
        },
      );

      await t.step(
        "the chosen learning rate is kept in the URL, and a link restores it",
        async () => {
          const page = await browser.newPage();
          const at = url.replace("linked/", "en/state/");
          await page.goto(at, { waitUntil: "networkidle0" });
          await wakeCharts(page);
          await page.click("fieldset.runs label:nth-of-type(3) input");
          await page.waitForFunction(() => location.hash === "#descent.lr=0.22");
          const page2 = await browser.newPage();
          await page2.goto(`${at}#descent.lr=0.2`, { waitUntil: "networkidle0" });
          await wakeCharts(page2);
          const r = await page2.evaluate(() => ({
            visible: [...document.querySelectorAll(".loss-curve .trajectory")].map((g) =>
              g.getAttribute("display") !== "none"
            ),
            checked: document.querySelector<HTMLInputElement>("fieldset.runs input:checked")!.value,
            label: document.querySelector(".run-readout")!.textContent,
          }));
          assert.deepEqual(r, {
            visible: [false, true, false],
            checked: "1",
            label: "α = 0.2 · w = 2 after 100 epochs",
          });
          await page.close();
          await page2.close();
        },
      );

      await t.step(
        "the minimum's label stays clear of the curve and of every run, desktop and phone",
        async () => {
          const page = await browser.newPage();
          for (const viewport of [{ width: 1000, height: 900 }, { width: 390, height: 844 }]) {
            await page.setViewport(viewport);
            await page.goto(url.replace("linked/", "en/descent/"), { waitUntil: "networkidle0" });
            await wakeCharts(page);
            const hits = await page.$eval(".loss-curve svg", (svg) => {
              const box = (svg.querySelector(".best text") as SVGTextElement).getBBox();
              const inside = (x: number, y: number) =>
                x > box.x && x < box.x + box.width && y > box.y && y < box.y + box.height;
              const out: string[] = [];
              const paths = [
                svg.querySelector<SVGPathElement>("path.curve")!,
                ...svg.querySelectorAll<SVGPathElement>(".trajectory path"),
              ];
              paths.forEach((p, k) => {
                const n = p.getTotalLength();
                for (let l = 0; l < n; l += 0.5) {
                  const q = p.getPointAtLength(l);
                  if (inside(q.x, q.y)) {
                    out.push(`path ${k} at (${q.x.toFixed(1)}, ${q.y.toFixed(1)})`);
                    break;
                  }
                }
              });
              svg.querySelectorAll(".trajectory circle").forEach((c) => {
                const x = Number(c.getAttribute("cx")), y = Number(c.getAttribute("cy"));
                if (inside(x, y)) out.push(`dot at (${x}, ${y})`);
              });
              return out;
            });
            assert.deepEqual(hits, [], JSON.stringify(viewport));
          }
          await page.close();
        },
      );

      await t.step(
        "how to use a chart shows only where it can be used: not with JavaScript off, not in print",
        async () => {
          const at = url.replace("linked/", "en/state/");
          const seen = (page: Page) =>
            page.evaluate(() => ({
              caption: (document.querySelector(".loss-curve figcaption") as HTMLElement).innerText,
              prose: (document.querySelector("main p") as HTMLElement).innerText,
              control: getComputedStyle(document.querySelector("fieldset.runs")!).display,
            }));
          const page = await browser.newPage();
          await page.setJavaScriptEnabled(false);
          await page.goto(at, { waitUntil: "load" });
          let s = await seen(page);
          assert.doesNotMatch(s.caption, /Point at/);
          assert.match(s.caption, /^Three learning rates\./);
          assert.equal(s.prose, "The curve below shows the descent.");
          assert.equal(s.control, "none");
          await page.setJavaScriptEnabled(true);
          await page.goto(at, { waitUntil: "networkidle0" });
          await wakeCharts(page);
          s = await seen(page);
          assert.match(s.caption, /Three learning rates\. Point at the curve to pick a w\./);
          assert.equal(s.prose, "The curve below shows the descent. Drag along it to pick a w.");
          assert.notEqual(s.control, "none");
          await page.emulateMediaType("print");
          s = await seen(page);
          assert.doesNotMatch(s.caption, /Point at/);
          assert.equal(s.prose, "The curve below shows the descent.");
          assert.equal(s.control, "none", "the learning-rate buttons do not print");
          await page.close();
        },
      );

      await t.step(
        "a chart sets itself up as it nears the viewport, not before",
        async () => {
          const page = await browser.newPage();
          await page.setViewport({ width: 360, height: 300, isMobile: true });
          await page.goto(url, { waitUntil: "networkidle0" });
          const live = () =>
            page.$$eval("figure.chart", (l) => l.map((f) => f.classList.contains("live")));
          const before = await live();
          assert.equal(before[0], true, "the first chart, on screen, is interactive");
          assert.equal(before.at(-1), false, "the last, screens below, is still its SVG");
          await page.evaluate(() =>
            [...document.querySelectorAll("figure.chart")].at(-1)!.scrollIntoView()
          );
          await page.waitForFunction(() =>
            [...document.querySelectorAll("figure.chart")].at(-1)!.classList.contains("live")
          );
          await page.close();
        },
      );

      await t.step("a page with no chart loads no chart code", async () => {
        const page = await browser.newPage();
        const scripts: string[] = [];
        page.on("request", (r) => r.resourceType() === "script" && scripts.push(r.url()));
        await page.goto(url.replace("linked", "plain"), { waitUntil: "networkidle0" });
        await wakeCharts(page);
        assert.deepEqual(scripts.filter((s) => s.includes("/components/")), []);
        await page.close();
      });
    } finally {
      await chromium.close();
      await server.shutdown();
      await Deno.remove(built.dir, { recursive: true });
    }
  },
});
