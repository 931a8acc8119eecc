/**
 * comp.LossSurface in Chromium (puppeteer-core, /usr/bin/chromium), on a built page that
 * also holds the heatmap of the same data set: no console errors, no layout shift when the
 * canvas takes over, drag and keys turn the view, hover reads the MSE of the cell under the
 * pointer, a click selects (w, b) for the linked charts and the URL, the marker follows the
 * hash and the heatmap, the canvas is anti-aliased at every angle and pixel ratio, axis titles
 * stay clear of tick labels, printing shows the view turned to, and with JavaScript off the
 * SVG (axes and the server's picture) is the chart.
 */
import assert from "node:assert/strict";
import type { KeyInput, Page } from "../deps.ts";
import {
  boxCoord,
  boxZ,
  camera,
  DEFAULT_VIEW,
  STAGE,
} from "../../_components/loss_surface/projection.ts";
import { launch, staticServer, watchProblems } from "../browser.ts";
import { buildSite, fixture, hasChromium } from "../helpers.ts";

const SURFACE = "#loss-surface-1", HEATMAP = "#loss-heatmap-1";
const SVG = `${SURFACE} svg.chart-svg:not(.back-layer)`;
const axis = Array.from({ length: 41 }, (_, i) => i / 10);
/** MSE of ŷ = w·x + b on the "affine" data set (x = 1, 2, 3; y = 4, 7, 10). */
const mse = (w: number, b: number) =>
  [[1, 4], [2, 7], [3, 10]].reduce((s, [x, y]) => s + (w * x + b - y) ** 2, 0) / 3;
const ZMAX = mse(0, 0);

/** Where the surface point (w, b) is drawn in the default view, in SVG units. */
function drawnAt(w: number, b: number): [number, number] {
  const grid = { w: axis, b: axis, mse: [], zmax: ZMAX };
  return camera(DEFAULT_VIEW).point(boxCoord(axis, w), boxCoord(axis, b), boxZ(grid, mse(w, b)));
}

/** The same point in the page's client coordinates. */
async function onScreen(page: Page, w: number, b: number): Promise<{ x: number; y: number }> {
  const [x, y] = drawnAt(w, b);
  const r = await page.$eval(SVG, (e) => {
    const { left, top, width, height } = e.getBoundingClientRect();
    return { left, top, width, height };
  });
  return { x: r.left + (x * r.width) / STAGE.width, y: r.top + (y * r.height) / STAGE.height };
}

/** A short fingerprint of the canvas pixels. */
const pixels = (page: Page) =>
  page.$eval(`${SURFACE} canvas`, (c) => {
    const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
    let h = 2166136261;
    for (let i = 0; i < data.length; i++) h = Math.imul(h ^ data[i], 16777619);
    return (h >>> 0).toString(16);
  });
const readout = (page: Page, id = SURFACE) => page.$eval(`${id} output`, (e) => e.textContent);
const ring = (page: Page) =>
  page.$eval(
    `${SVG} .selection .dot`,
    (c) => [Number(c.getAttribute("cx")), Number(c.getAttribute("cy"))],
  );

function near(actual: number[], expected: number[], label: string) {
  assert.ok(
    Math.hypot(actual[0] - expected[0], actual[1] - expected[1]) < 0.5,
    `${label}: at ${actual}, expected ${expected.map((v) => v.toFixed(1))}`,
  );
}

Deno.test({
  name: "browser: comp.LossSurface in Chromium",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const built = await buildSite({ src: fixture("sites", "surface") });
    const server = staticServer(built.dest);
    const url = `http://127.0.0.1:${server.addr.port}/02-surface/`;
    let chromium: Awaited<ReturnType<typeof launch>> | undefined;
    const open = async (hash = "", js = true, width = 900) => {
      const page = await chromium!.browser.newPage();
      const problems = watchProblems(page);
      await page.setJavaScriptEnabled(js);
      await page.setViewport({ width, height: 900 });
      await page.goto(url + hash, { waitUntil: "networkidle0" });
      if (js) await page.waitForSelector(`${SURFACE}.live`);
      await page.$eval(SURFACE, (e) => e.scrollIntoView({ block: "center" }));
      return { page, problems };
    };
    try {
      chromium = await launch();

      await t.step(
        "loads with no console errors; the canvas takes over without a layout shift",
        async () => {
          const { page, problems } = await open();
          const off = await open("", false);
          const box = (p: Page, sel: string) =>
            p.$eval(sel, (e) => {
              const r = e.getBoundingClientRect();
              return [r.x, r.y, r.width, r.height].map(Math.round);
            });
          assert.deepEqual(await box(page, SURFACE), await box(off.page, SURFACE));
          assert.deepEqual(await box(page, `${SURFACE} canvas`), await box(page, SVG));
          assert.equal(
            await page.$$eval(`${SVG} .surface`, (g) => g.length),
            0,
            "the SVG quads gave way",
          );
          assert.equal(await readout(page), "w = 3.0, b = 1.0 · MSE = 0.0");
          near(await ring(page), drawnAt(3, 1), "the ring marks the selected best point");
          assert.deepEqual(problems, []);
          await off.page.close();
          await page.close();
        },
      );

      await t.step(
        "dragging turns the view; the reset control returns to the first one",
        async () => {
          const { page } = await open();
          const first = await pixels(page);
          const axes = await page.$eval(`${SVG} .front .axis`, (g) => g.innerHTML);
          assert.ok(
            await page.$eval(`${SURFACE} .surface-reset`, (b) => (b as HTMLElement).hidden),
            "no reset at first",
          );
          const c = await onScreen(page, 2, 2);
          await page.mouse.move(c.x, c.y);
          await page.mouse.down();
          for (let i = 1; i <= 8; i++) await page.mouse.move(c.x + i * 12, c.y + i * 3);
          await page.mouse.up();
          await page.evaluate(() => new Promise(requestAnimationFrame));
          assert.notEqual(await pixels(page), first, "the canvas shows another view");
          assert.notEqual(await page.$eval(`${SVG} .front .axis`, (g) => g.innerHTML), axes);
          assert.equal(page.url(), url, "a drag selects nothing");
          await page.click(`${SURFACE} .surface-reset`);
          await page.evaluate(() => new Promise(requestAnimationFrame));
          assert.equal(await pixels(page), first, "reset draws the first view again");
          await page.close();
        },
      );

      await t.step("arrow keys turn the view; Home returns", async () => {
        const { page } = await open();
        const first = await pixels(page);
        await page.$eval(SVG, (e) => (e as SVGElement).focus());
        const seen = new Set([first]);
        for (const key of ["ArrowLeft", "ArrowLeft", "ArrowUp", "ArrowRight"] as const) {
          await page.keyboard.press(key);
          await page.evaluate(() => new Promise(requestAnimationFrame));
          seen.add(await pixels(page));
        }
        assert.equal(seen.size, 5, "every key press drew a new view");
        await page.keyboard.press("Home");
        await page.evaluate(() => new Promise(requestAnimationFrame));
        assert.equal(await pixels(page), first);
        await page.close();
      });

      await t.step("hover shows (w, b, MSE) of the cell under the pointer", async () => {
        const { page } = await open();
        for (
          const [w, b, text] of [
            [2, 1, "w = 2.0, b = 1.0 · MSE = 4.6667"],
            [1, 3, "w = 1.0, b = 3.0 · MSE = 6.6667"],
            [3.5, 0.5, "w = 3.5, b = 0.5 · MSE = 0.4167"],
          ] as const
        ) {
          const p = await onScreen(page, w, b);
          await page.mouse.move(p.x, p.y);
          assert.equal(await readout(page), text);
        }
        await page.close();
      });

      await t.step("a click selects (w, b) for the heatmap and the URL", async () => {
        const { page } = await open();
        const p = await onScreen(page, 1, 3);
        await page.mouse.click(p.x, p.y);
        await page.waitForFunction(() => location.hash.includes("affine.w=1&affine.b=3"), {
          timeout: 5000,
        });
        assert.equal(await readout(page, HEATMAP), "w = 1.0, b = 3.0 · MSE = 6.6667");
        await page.evaluate(() => new Promise(requestAnimationFrame));
        near(await ring(page), drawnAt(1, 3), "the ring moved to the click");
        await page.close();
      });

      await t.step("Shift + arrow keys move the selected (w, b) a grid step", async () => {
        const { page } = await open("#affine.w=2&affine.b=2");
        const first = await pixels(page);
        await page.$eval(SVG, (e) => (e as SVGElement).focus());
        await page.keyboard.down("Shift");
        for (const key of ["ArrowLeft", "ArrowLeft", "ArrowUp"] as const) {
          await page.keyboard.press(key);
        }
        await page.keyboard.up("Shift");
        await page.waitForFunction(() => location.hash.includes("affine.w=1.8&affine.b=2.1"), {
          timeout: 5000,
        });
        await page.evaluate(() => new Promise(requestAnimationFrame));
        near(await ring(page), drawnAt(1.8, 2.1), "the ring moved");
        assert.equal(await readout(page, HEATMAP), "w = 1.8, b = 2.1 · MSE = 2.65");
        assert.equal(await pixels(page), first, "the view did not turn");
        await page.close();
      });

      await t.step("the marker follows the URL hash and the heatmap", async () => {
        const { page } = await open("#affine.w=2&affine.b=3");
        near(await ring(page), drawnAt(2, 3), "from the hash at load");
        await page.evaluate(() => (location.hash = "#affine.w=0.5&affine.b=1"));
        await page.waitForFunction(
          (sel) =>
            document.querySelector(sel)?.getAttribute("cx") !== null &&
            location.hash.includes("0.5"),
          {},
          `${SVG} .selection .dot`,
        );
        await page.evaluate(() => new Promise(requestAnimationFrame));
        near(await ring(page), drawnAt(0.5, 1), "after a hash change");
        assert.equal(await readout(page), "w = 0.5, b = 1.0 · MSE = 29.1667");
        await page.$eval(`${HEATMAP} svg`, (e) => (e as SVGElement).focus());
        await page.keyboard.press("ArrowLeft");
        await page.keyboard.press("ArrowUp");
        await page.evaluate(() => new Promise(requestAnimationFrame));
        near(await ring(page), drawnAt(0.4, 1.1), "after keys on the heatmap");
        assert.equal(await readout(page), "w = 0.4, b = 1.1 · MSE = 30.5167");
        await page.close();
      });

      await t.step("printing shows the surface in the view turned to", async () => {
        const { page, problems } = await open();
        await page.emulateMediaType("print");
        const print = () =>
          page.evaluate(
            (svg, surface) => ({
              pictures: document.querySelectorAll(`${svg} .surface`).length,
              canvas: getComputedStyle(document.querySelector(`${surface} canvas`)!).display,
            }),
            SVG,
            SURFACE,
          );
        assert.deepEqual(await print(), { pictures: 0, canvas: "block" });
        await page.emulateMediaType("screen");
        const first = await pixels(page);
        await page.$eval(SVG, (e) => (e as SVGElement).focus());
        await page.keyboard.press("ArrowLeft");
        await page.evaluate(() => new Promise(requestAnimationFrame));
        await page.emulateMediaType("print");
        assert.deepEqual(await print(), { pictures: 0, canvas: "block" });
        assert.notEqual(await pixels(page), first, "the printed canvas is the turned view");
        assert.deepEqual(problems, []);
        await page.close();
      });

      await t.step("with JavaScript off the server's SVG is the chart", async () => {
        const { page, problems } = await open("", false);
        const picture = await page.$eval(`${SVG} image.surface`, (i) => {
          const r = i.getBoundingClientRect();
          return { width: r.width, src: new URL(i.getAttribute("href") ?? "", location.href).href };
        });
        assert.ok(picture.width > 200, JSON.stringify(picture));
        // The picture is a PNG file beside the page (dataUrls()), which the page loaded.
        const png = new Uint8Array(await (await fetch(picture.src)).arrayBuffer());
        assert.ok(png.length > 1000, `${picture.src}: ${png.length} bytes`);
        assert.deepEqual([...png.slice(1, 4)], [0x50, 0x4e, 0x47], "a PNG");
        assert.equal(await page.$$eval(`${SVG} .surface path`, (p) => p.length), 0);
        assert.equal(await page.$$eval(`${SURFACE} canvas`, (c) => c.length), 0);
        assert.ok(await page.$eval(`${SURFACE} .surface-reset`, (b) => (b as HTMLElement).hidden));
        assert.ok(
          await page.$eval(`${SVG} .best circle`, (c) => c.getBoundingClientRect().width > 0),
        );
        assert.deepEqual(problems, []);
        await page.close();
      });

      await t.step(
        "the canvas is anti-aliased at every angle, at one and two device pixels per CSS pixel",
        async () => {
          // From 2.5 (phones) a device pixel is at most 0.4 CSS pixel and the canvas takes
          // one sample a pixel: finer steps than the server's picture, at a phone's budget.
          for (const dpr of [1, 2]) {
            const page = await chromium!.browser.newPage();
            await page.setViewport({ width: 900, height: 900, deviceScaleFactor: dpr });
            await page.goto(url, { waitUntil: "networkidle0" });
            await page.waitForSelector(`${SURFACE}.live`);
            await page.$eval(SVG, (e) => (e as SVGElement).focus());
            for (
              const keys of [[], ["ArrowDown", "ArrowDown", "ArrowDown", "ArrowDown"], [
                "ArrowLeft",
                "ArrowLeft",
                "ArrowLeft",
                "ArrowLeft",
                "ArrowLeft",
                "ArrowLeft",
              ], ["ArrowUp", "ArrowUp", "ArrowUp", "ArrowUp", "ArrowUp", "ArrowUp", "ArrowUp"]]
            ) {
              for (const key of keys) await page.keyboard.press(key as KeyInput);
              // A dense screen draws the still view again, smoother, a moment after it stops.
              await new Promise((r) => setTimeout(r, 400));
              const edge = await page.$eval(`${SURFACE} canvas`, (c) => {
                const a = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
                let opaque = 0, partial = 0;
                for (let k = 3; k < a.length; k += 4) {
                  if (a[k] === 255) opaque++;
                  else if (a[k] > 0) partial++;
                }
                return { opaque, partial };
              });
              assert.ok(
                edge.partial > 0.5 * Math.sqrt(edge.opaque),
                `dpr ${dpr}, after ${keys}: ${edge.partial} partly covered pixels along an edge ` +
                  `of ${edge.opaque} opaque ones`,
              );
            }
            await page.close();
          }
        },
      );

      await t.step("axis titles never run into tick labels, down to the lowest angle", async () => {
        const { page } = await open();
        await page.$eval(SVG, (e) => (e as SVGElement).focus());
        const overlaps = async () =>
          await page.$eval(`${SVG} .front .axis`, (g) => {
            const box = (t: SVGTextElement) => t.getBBox();
            const texts = [...g.querySelectorAll("text")].filter((t) =>
              !t.hasAttribute("transform")
            );
            const titles = texts.filter((t) => t.classList.contains("title"));
            const out: string[] = [];
            for (const a of titles) {
              for (const b of texts) {
                if (a === b) continue;
                const p = box(a), q = box(b);
                if (
                  p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height &&
                  q.y < p.y + p.height
                ) {
                  out.push(`${a.textContent} over ${b.textContent}`);
                }
              }
            }
            return out;
          });
        for (let n = 0; n < 6; n++) await page.keyboard.press("ArrowDown");
        const seen: string[] = [];
        for (let step = 0; step < 24; step++) {
          await page.evaluate(() => new Promise(requestAnimationFrame));
          const o = await overlaps();
          if (o.length) seen.push(`after ${step * 15}°: ${o.join(", ")}`);
          for (let n = 0; n < 3; n++) await page.keyboard.press("ArrowLeft");
        }
        assert.deepEqual(seen, []);
        await page.close();
      });

      await t.step(
        "a 360 px phone: no sideways scroll; a sideways touch drag turns the view",
        async () => {
          const page = await chromium!.browser.newPage();
          await page.setViewport({ width: 360, height: 800, isMobile: true, hasTouch: true });
          await page.goto(url, { waitUntil: "networkidle0" });
          await page.waitForSelector(`${SURFACE}.live`);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= 360, `page is ${width} px wide`);
          await page.$eval(`${SURFACE} details`, (d) => ((d as HTMLDetailsElement).open = true));
          const open = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(open <= 360, `with the table open the page is ${open} px wide`);
          await page.$eval(SURFACE, (e) => e.scrollIntoView({ block: "center" }));
          const first = await pixels(page);
          const c = await onScreen(page, 2, 2);
          await page.touchscreen.touchStart(c.x, c.y);
          for (let i = 1; i <= 10; i++) await page.touchscreen.touchMove(c.x + i * 8, c.y + 1);
          await page.touchscreen.touchEnd();
          await page.evaluate(() => new Promise(requestAnimationFrame));
          assert.notEqual(await pixels(page), first, "the canvas shows another view");
          assert.equal(page.url(), url, "a drag selects nothing");
          await page.close();
        },
      );
    } finally {
      await chromium?.close();
      await server.shutdown();
      await Deno.remove(built.dir, { recursive: true }).catch(() => {});
    }
  },
});
