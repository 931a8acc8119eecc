/**
 * The built site in Chromium (puppeteer-core, /usr/bin/chromium): a lecture
 * loads cleanly, the theme toggle and copy buttons work, the page reads
 * without JavaScript, phones get no sideways scroll, and the dev server shows
 * build errors in the page. Skipped, with a message, when Chromium is missing.
 */
import assert from "node:assert/strict";
import { serve } from "../../ssg/server/server.ts";
import { launch, staticServer, watchProblems } from "../browser.ts";
import {
  buildSite,
  CHROMIUM,
  CONFIG,
  copyDir,
  fixture,
  hasChromium,
  withTimeout,
} from "../helpers.ts";

if (!hasChromium) {
  console.warn(`browser.test.ts: SKIPPED — ${CHROMIUM} not found (apt-get install chromium)`);
}

const WAIT = 20_000;

Deno.test({
  name: "browser: a built lecture in Chromium",
  ignore: !hasChromium,
  // puppeteer keeps its websocket and child process handles until close(); closed in finally.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const built = await buildSite({ src: fixture("sites", "basic") });
    const server = staticServer(built.dest);
    const base = `http://127.0.0.1:${server.addr.port}/`;
    let chromium: Awaited<ReturnType<typeof launch>> | undefined;
    try {
      chromium = await launch();
      const browser = chromium.browser;

      await t.step(
        "loads with no console errors, failed requests or 404s, fonts included",
        async () => {
          const page = await browser.newPage();
          const problems = watchProblems(page);
          const fonts: string[] = [];
          page.on("response", (r) => {
            if (r.url().endsWith(".woff2")) fonts.push(r.url());
          });
          await page.goto(`${base}01-intro/`, { waitUntil: "networkidle0" });
          await page.evaluate(() => document.fonts.ready.then(() => {}));
          assert.deepEqual(problems, []);
          assert.ok(fonts.length > 0, "KaTeX fonts were fetched");
          assert.ok(await page.$eval(".katex", (e) => e.getBoundingClientRect().width > 0));
          await page.close();
        },
      );

      await t.step(
        "the theme toggle flips data-theme, and the choice survives a reload",
        async () => {
          const page = await browser.newPage();
          await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
          await page.goto(`${base}01-intro/`, { waitUntil: "load" });
          const theme = () => page.evaluate(() => document.documentElement.dataset.theme ?? null);
          assert.equal(await theme(), null);
          await page.click(".theme-toggle");
          assert.equal(await theme(), "dark");
          assert.equal(
            await page.$eval(".theme-toggle", (b) => b.getAttribute("aria-pressed")),
            "true",
          );
          await page.reload({ waitUntil: "load" });
          assert.equal(await theme(), "dark", "remembered across reloads");
          await page.click(".theme-toggle");
          assert.equal(await theme(), "light");
          await page.goto(`${base}03-middle/`, { waitUntil: "load" });
          assert.equal(await theme(), "light", "and across pages");
          await page.close();
        },
      );

      await t.step("copy buttons show with JavaScript", async () => {
        const page = await browser.newPage();
        await page.goto(`${base}01-intro/`, { waitUntil: "load" });
        const visible = await page.$$eval(
          ".code-block > button.copy",
          (bs) =>
            bs.map((b) => !(b as HTMLButtonElement).hidden && b.getBoundingClientRect().width > 0),
        );
        assert.deepEqual(visible, [true]);
        await page.close();
      });

      await t.step("without JavaScript, formulas and code are still there", async () => {
        const page = await browser.newPage();
        await page.setJavaScriptEnabled(false);
        await page.goto(`${base}01-intro/`, { waitUntil: "load" });
        const seen = await page.evaluate(() => ({
          katex: [...document.querySelectorAll(".katex-html")]
            .filter((e) => e.getBoundingClientRect().width > 0).length,
          code: (document.querySelector("pre code") as HTMLElement | null)?.innerText ?? "",
          copy: (document.querySelector("button.copy") as HTMLButtonElement).hidden,
          toggle: (document.querySelector(".theme-toggle") as HTMLButtonElement).hidden,
        }));
        assert.ok(seen.katex >= 4, `visible formulas: ${seen.katex}`);
        assert.match(seen.code, /def forward\(x\):\n {4}return x \* w/);
        assert.equal(seen.copy, true, "no dead copy button");
        assert.equal(seen.toggle, true, "no dead theme toggle");
        await page.close();
      });

      await t.step("at 360 px wide no page scrolls sideways", async () => {
        const page = await browser.newPage();
        await page.setViewport({ width: 360, height: 740, deviceScaleFactor: 1 });
        for (const path of ["", "01-intro/", "05-later/", "en/01-intro/", "404.html"]) {
          await page.goto(`${base}${path}`, { waitUntil: "load" });
          const { scroll, inner } = await page.evaluate(() => ({
            scroll: document.documentElement.scrollWidth,
            inner: innerWidth,
          }));
          assert.ok(scroll <= inner, `/${path}: scrollWidth ${scroll} > innerWidth ${inner}`);
        }
        await page.close();
      });
    } finally {
      await chromium?.close();
      await server.shutdown();
      await Deno.remove(built.dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "browser: serve mode shows a build error over the page, and reloads once fixed",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "ssg-serve-browser-" });
    await copyDir(fixture("sites", "basic"), dir);
    const file = `${dir}/03-middle.md`;
    const good = Deno.readTextFileSync(file);
    const server = serve(CONFIG, { src: dir, dest: `${dir}/_site`, port: 0, drafts: true }, {
      quiet: true,
    });
    let chromium: Awaited<ReturnType<typeof launch>> | undefined;
    try {
      await withTimeout(server.ready, WAIT, "first build");
      chromium = await launch();
      const browser = chromium.browser;
      const page = await browser.newPage();
      // Edit only once the page's event stream is open, so it cannot miss the error.
      const connected = new Promise<void>((resolve) =>
        page.on("response", (r) => {
          if (r.url().endsWith("/_ssg/events")) resolve();
        })
      );
      await page.goto(`${server.url}03-middle/`, { waitUntil: "load" });
      await withTimeout(connected, WAIT, "page connects to /_ssg/events");

      await Deno.writeTextFile(file, good + "\nBroken $\\frac{1}{$ formula.\n");
      await page.waitForSelector("#ssg-error", { timeout: WAIT });
      const overlay = await page.$eval("#ssg-error", (e) => ({
        where: e.querySelector(".where")?.textContent ?? "",
        message: e.querySelector(".message")?.textContent ?? "",
        text: (e as HTMLElement).innerText,
      }));
      const line = (good + "\nBroken").split("\n").length;
      assert.equal(overlay.where.replace(/:\d+$/, ""), `${file}:${line}`);
      assert.match(overlay.message, /^bad TeX: /);
      assert.match(overlay.text, /Build failed/);
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
        await page.evaluate((s) => document.documentElement.dataset.theme = s, scheme);
        const box = await page.$eval("#ssg-error", overlayLook);
        assert.equal(box.opaque, true, `${scheme}: the box hides the page behind it`);
        for (const [part, ratio] of Object.entries(box.contrast)) {
          assert.ok(ratio >= 4.5, `${scheme}: ${part} text contrast ${ratio.toFixed(2)} < 4.5`);
        }
        assert.ok(box.excerptLines >= 3, `${scheme}: the excerpt keeps its line breaks`);
      }

      await Deno.writeTextFile(file, good + "\nFixed now.\n");
      await page.waitForFunction(
        () =>
          !document.getElementById("ssg-error") && document.body.innerText.includes("Fixed now."),
        { timeout: WAIT },
      );
    } finally {
      await chromium?.close();
      await server.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

/** In the page: whether the error box is opaque, its text contrast, and the excerpt's lines. */
function overlayLook(host: Element) {
  const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
  const lum = (c: string) => {
    const [r, g, b] = rgb(c).slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  /** The first opaque background behind `e`. */
  const backdrop = (e: Element | null): string => {
    for (; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      const a = rgb(bg)[3];
      if (a === undefined || a === 1) return bg;
    }
    return "rgb(255, 255, 255)";
  };
  const contrast: Record<string, number> = {};
  for (const sel of [".where", ".message", "pre", "h2"]) {
    const e = host.querySelector(sel)!;
    const [a, b] = [lum(getComputedStyle(e).color), lum(backdrop(e))].sort((x, y) => y - x);
    contrast[sel] = (a + 0.05) / (b + 0.05);
  }
  const bg = rgb(getComputedStyle(host).backgroundColor);
  const excerpt = host.querySelector("pre") as HTMLElement;
  const style = getComputedStyle(excerpt);
  const lineHeight = parseFloat(style.lineHeight);
  const inner = excerpt.clientHeight - parseFloat(style.paddingTop) -
    parseFloat(style.paddingBottom);
  return {
    opaque: bg.length === 3 || bg[3] === 1,
    contrast,
    excerptLines: Math.round(inner / lineHeight),
  };
}
