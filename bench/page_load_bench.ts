/**
 * What a lecture page costs a mid-range phone: builds the course (or takes a built folder),
 * serves it on 127.0.0.1 and loads the home pages and every lecture page, zh and en, in headless
 * Chromium at a 390 × 844 viewport (device pixel ratio 3) with the CPU slowed 4× (CDP
 * `Emulation.setCPUThrottlingRate`, what Lighthouse uses to stand for such a phone). Each page
 * loads three times in a fresh browser context (no cache); each figure is the median:
 *
 * - HTML: the page's raw bytes
 * - DCL: DOMContentLoaded (its handlers done), from the start of navigation
 * - FP: first paint
 * - TBT: total blocking time as Lighthouse counts it: Σ (duration − 50 ms) over the long tasks
 *   from first contentful paint until 2 s after the load event
 * - JS: gzip bytes of the scripts the page fetched by then
 * - scroll: the longest task while the page is scrolled to its end, a screen at a time (charts
 *   that wake as they come into view do their work then)
 *
 * and prints a table against the targets: DCL ≤ 1.0 s, TBT ≤ 100 ms, HTML ≤ 200 KB.
 *
 * Run: deno task bench:pages [--site _site] [--runs 3] [--only 02-linear] [--json out.json]
 *      [--against OTHER_SITE]
 *
 * With `--against`, a second built folder (an earlier version, the anchor) is served beside the
 * first and every page loads from each in turn, anchor first, so both meet the same machine; the
 * table shows each figure as anchor → site.
 *
 * Timings depend on the machine and how busy it is (the load average is printed); compare
 * figures taken in one run, or runs close together.
 */
import { gzipSync } from "node:zlib";
import { launch, staticServer } from "../tests/browser.ts";
import { buildSite, CHROMIUM, hasChromium, ROOT } from "../tests/helpers.ts";
import type { Page } from "../tests/deps.ts";

// `deno task bench` runs every bench file; this one takes minutes, so it runs only on its own.
if (import.meta.main) await main();
else console.warn("page_load_bench.ts: run it with deno task bench:pages");

async function main() {
  if (!hasChromium) {
    console.warn(`page_load_bench.ts: skipped, ${CHROMIUM} not found`);
    Deno.exit(0);
  }

  const TARGET = { dcl: 1000, tbt: 100, html: 200 * 1024 };
  const VIEWPORT = {
    width: 390,
    height: 844,
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
  };
  const THROTTLE = 4;

  function flag(name: string): string | undefined {
    const i = Deno.args.indexOf(`--${name}`);
    return i >= 0 ? Deno.args[i + 1] : undefined;
  }
  const runs = Number(flag("runs") ?? 3);
  const only = flag("only");
  const jsonOut = flag("json");
  const against = flag("against");

  let root = flag("site");
  let cleanup = async () => {};
  if (root === undefined) {
    const t0 = performance.now();
    const built = await buildSite({ src: ROOT });
    root = built.dest;
    cleanup = () => Deno.remove(built.dir, { recursive: true }).catch(() => {});
    console.log(`built the course in ${Math.round(performance.now() - t0)} ms`);
  }

  async function lecturePages(dir: string, prefix: string): Promise<string[]> {
    const out: string[] = [];
    for await (const e of Deno.readDir(`${root}/${dir}`)) {
      if (e.isDirectory) out.push(`${prefix}${e.name}/`);
    }
    return out.sort();
  }
  const urls = [
    "/",
    "/en/",
    ...await lecturePages("lectures", "/lectures/"),
    ...await lecturePages("en/lectures", "/en/lectures/"),
  ].filter((u) => !only || u.includes(only));

  /** One load's figures. */
  interface Load {
    dcl: number;
    fp: number;
    tbt: number;
    js: number;
    scroll: number;
  }

  /** Installed before any page script: records long tasks as they end. */
  const OBSERVE = () => {
    const w = window as unknown as { __long: { start: number; duration: number }[] };
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        w.__long.push({ start: e.startTime, duration: e.duration });
      }
    }).observe({ type: "longtask", buffered: true });
  };

  async function loadOnce(url: string): Promise<Load> {
    const context = await chromium.browser.createBrowserContext();
    const page: Page = await context.newPage();
    try {
      await page.setViewport(VIEWPORT);
      const cdp = await page.createCDPSession();
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
      await page.evaluateOnNewDocument(OBSERVE);
      const scripts: Promise<number>[] = [];
      page.on("response", (r) => {
        if (r.request().resourceType() === "script") {
          scripts.push(r.buffer().then((b) => gzipSync(b, { level: 9 }).length, () => 0));
        }
      });
      await page.goto(url, { waitUntil: "load" });
      await new Promise((r) => setTimeout(r, 2000));
      const atLoad = await page.evaluate(() => {
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        const paint = (name: string) =>
          performance.getEntriesByType("paint").find((e) => e.name === name)?.startTime ?? NaN;
        const fcp = paint("first-contentful-paint");
        const long = (window as unknown as { __long: { start: number; duration: number }[] })
          .__long;
        const tbt = long
          .filter((t) => t.start >= fcp && t.start <= nav.loadEventEnd + 2000)
          .reduce((s, t) => s + Math.max(0, t.duration - 50), 0);
        return {
          dcl: nav.domContentLoadedEventEnd,
          fp: paint("first-paint"),
          tbt,
          seen: long.length,
        };
      });
      const js = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
      // Scroll to the end a screen at a time, as a reader would, and keep the longest task.
      const scroll = await page.evaluate(async () => {
        const long = (window as unknown as { __long: { start: number; duration: number }[] })
          .__long;
        const from = long.length;
        const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 150)));
        while (scrollY + innerHeight < document.documentElement.scrollHeight - 1) {
          scrollBy(0, innerHeight * 0.9);
          await frame();
        }
        await new Promise((r) => setTimeout(r, 1000));
        return Math.max(0, ...long.slice(from).map((t) => t.duration));
      });
      return { dcl: atLoad.dcl, fp: atLoad.fp, tbt: atLoad.tbt, js, scroll };
    } finally {
      await context.close();
    }
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  const server = staticServer(root);
  const base = `http://127.0.0.1:${server.addr.port}`;
  const anchorServer = against ? staticServer(against) : undefined;
  const anchorBase = anchorServer && `http://127.0.0.1:${anchorServer.addr.port}`;
  const chromium = await launch();
  /** A page's figures: medians of its loads. */
  interface Figures {
    url: string;
    html: number;
    dcl: number;
    fp: number;
    tbt: number;
    js: number;
    scroll: number;
  }
  const results: { site: Figures; anchor?: Figures }[] = [];
  try {
    const load = (await Deno.readTextFile("/proc/loadavg").catch(() => "?")).split(" ")[0];
    console.log(
      `${urls.length} pages, ${VIEWPORT.width} × ${VIEWPORT.height} at ×${VIEWPORT.deviceScaleFactor}, ` +
        `CPU ÷${THROTTLE}, median of ${runs} loads${
          against ? `, ${against} → ${root} interleaved` : ""
        }; load average ${load}`,
    );
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    const ms = (n: number) => `${Math.round(n)} ms`;
    const mark = (ok: boolean) => (ok ? " " : "✗");
    const cell = (f: (r: Figures) => string, r: { site: Figures; anchor?: Figures }) =>
      r.anchor ? `${f(r.anchor).trim()} → ${f(r.site)}` : f(r.site);
    const head = ["page", "HTML", "DCL", "FP", "TBT", "JS gzip", "scroll"];
    const widths = against ? [40, 21, 19, 17, 17, 19, 17] : [40, 10, 9, 8, 8, 9, 9];
    const row = (cells: string[]) =>
      cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" ");
    console.log(row(head));
    console.log(
      row(["target", "≤ 200 KB", `≤ ${ms(TARGET.dcl)}`, "", `≤ ${ms(TARGET.tbt)}`, "", ""]),
    );
    const measure = (loads: Load[], url: string, html: number): Figures => {
      const m = (k: keyof Load) => median(loads.map((l) => l[k]));
      return {
        url,
        html,
        dcl: m("dcl"),
        fp: m("fp"),
        tbt: m("tbt"),
        js: m("js"),
        scroll: m("scroll"),
      };
    };
    for (const url of urls) {
      const html = (await Deno.stat(`${root}${url}index.html`)).size;
      const anchorHtml = against
        ? await Deno.stat(`${against}${url}index.html`).then((s) => s.size, () => NaN)
        : NaN;
      const loads: Load[] = [], anchorLoads: Load[] = [];
      for (let n = 0; n < runs; n++) {
        if (anchorBase && !Number.isNaN(anchorHtml)) {
          anchorLoads.push(await loadOnce(anchorBase + url));
        }
        loads.push(await loadOnce(base + url));
      }
      const r = {
        site: measure(loads, url, html),
        anchor: anchorLoads.length ? measure(anchorLoads, url, anchorHtml) : undefined,
      };
      results.push(r);
      console.log(row([
        url,
        cell((f) => kb(f.html) + mark(f.html <= TARGET.html), r),
        cell((f) => ms(f.dcl) + mark(f.dcl <= TARGET.dcl), r),
        cell((f) => ms(f.fp), r),
        cell((f) => ms(f.tbt) + mark(f.tbt <= TARGET.tbt), r),
        cell((f) => kb(f.js), r),
        cell((f) => ms(f.scroll), r),
      ]));
    }
    const over = results.filter(({ site: r }) =>
      r.html > TARGET.html || r.dcl > TARGET.dcl || r.tbt > TARGET.tbt
    );
    console.log(
      over.length
        ? `${over.length} of ${results.length} pages miss a target (✗)`
        : `all ${results.length} pages within the targets`,
    );
    if (jsonOut) await Deno.writeTextFile(jsonOut, JSON.stringify(results, null, 1) + "\n");
  } finally {
    await chromium.close();
    await server.shutdown();
    await anchorServer?.shutdown();
    await cleanup();
  }
}
