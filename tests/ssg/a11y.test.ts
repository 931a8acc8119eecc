/**
 * Accessibility of every page of the real course, as the tools others use
 * measure it: axe-core (from node_modules, injected; no network) in Chromium
 * finds no serious or critical violation in the light or the dark theme, and
 * html-validate's recommended rules pass. Table text starts at the left.
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import type { AxeResults, RunOptions } from "axe-core";
import { HtmlValidate } from "html-validate";
import puppeteer from "puppeteer-core";
import { buildSite, CHROMIUM, hasChromium, listFiles, ROOT, withTimeout } from "../helpers.ts";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"];

/** Serves a built folder: `/a/` → `a/index.html`. */
function staticServer(root: string) {
  const types: Record<string, string> = {
    html: "text/html; charset=utf-8",
    css: "text/css",
    js: "text/javascript",
    svg: "image/svg+xml",
    woff2: "font/woff2",
    json: "application/json",
  };
  return Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    let path = decodeURIComponent(new URL(req.url).pathname);
    if (path.split("/").includes("..")) return new Response("no", { status: 404 });
    if (path.endsWith("/")) path += "index.html";
    try {
      const body = await Deno.readFile(`${root}${path}`);
      const ext = path.slice(path.lastIndexOf(".") + 1);
      return new Response(body, { headers: { "content-type": types[ext] ?? "text/plain" } });
    } catch {
      return new Response("not found", { status: 404 });
    }
  });
}

const built = await buildSite({ src: ROOT, location: "http://127.0.0.1/" });
const pages = (await listFiles(built.dest)).filter((f) => f.endsWith(".html"));

Deno.test({
  name: "a11y: axe-core finds no serious or critical violation on any page, light and dark",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const server = staticServer(built.dest);
    const profile = await Deno.makeTempDir({ prefix: "ssg-chromium-" });
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      userDataDir: profile,
    });
    try {
      const axe = await Deno.readTextFile(AXE);
      const tab = await browser.newPage();
      const problems: string[] = [];
      for (const file of pages) {
        const url = `http://127.0.0.1:${server.addr.port}/${file.replace(/index\.html$/, "")}`;
        for (const theme of ["light", "dark"]) {
          await tab.emulateMediaFeatures([{ name: "prefers-color-scheme", value: theme }]);
          await withTimeout(tab.goto(url, { waitUntil: "load" }), 20_000, url);
          await tab.evaluate((t) => document.documentElement.dataset.theme = t, theme);
          await tab.evaluate(axe);
          const violations = await tab.evaluate(async () => {
            const { axe } = globalThis as unknown as {
              axe: { run: (context: Document, options: RunOptions) => Promise<AxeResults> };
            };
            const result = await axe.run(document, { resultTypes: ["violations"] });
            return result.violations.map((v) => ({
              id: v.id,
              impact: v.impact,
              nodes: v.nodes.length,
              first: v.nodes[0]?.html.slice(0, 120) + " " +
                (v.nodes[0]?.failureSummary ?? "").split("\n").slice(1, 2).join(""),
            }));
          });
          for (const v of violations) {
            if (v.impact === "serious" || v.impact === "critical") {
              problems.push(`${file} (${theme}): ${v.id} ×${v.nodes}: ${v.first}`);
            }
          }
        }
      }
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await server.shutdown();
      await Deno.remove(profile, { recursive: true }).catch(() => {});
    }
  },
});

Deno.test("a11y: html-validate's recommended rules pass on every page", async () => {
  const validator = new HtmlValidate({
    extends: ["html-validate:recommended"],
    rules: {
      // KaTeX positions every glyph of a formula with inline styles, as its own output must.
      "no-inline-style": "off",
      // A scrolling table is a focusable `div role="region"` with a label (WAI's pattern).
      "prefer-native-element": ["error", { exclude: ["region"] }],
    },
  });
  const problems: string[] = [];
  for (const file of pages) {
    const report = await validator.validateString(
      await Deno.readTextFile(`${built.dest}/${file}`),
      file,
    );
    for (const r of report.results) {
      for (const m of r.messages) {
        problems.push(`${file}:${m.line}:${m.column}: ${m.ruleId}: ${m.message} (${m.selector})`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

Deno.test({
  name: "a11y: Markdown table text starts at the left unless the table asks otherwise",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const server = staticServer(built.dest);
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
    });
    try {
      const tab = await browser.newPage();
      await tab.goto(`http://127.0.0.1:${server.addr.port}/lectures/03-gradient-descent/`);
      const cells = await tab.$$eval(
        ".prose table:not(.residual-table) :is(th, td)",
        (cs) =>
          cs.map((c) => ({ style: c.getAttribute("style"), align: getComputedStyle(c).textAlign })),
      );
      assert.ok(cells.length > 0, "the lecture has a Markdown table");
      for (const c of cells) {
        const asked = c.style?.match(/text-align:(\w+)/)?.[1];
        assert.ok(
          asked ? c.align === asked : ["start", "left"].includes(c.align),
          JSON.stringify(c),
        );
      }
    } finally {
      await browser.close();
      await server.shutdown();
    }
  },
});

globalThis.addEventListener("unload", () => Deno.removeSync(built.dir, { recursive: true }));
