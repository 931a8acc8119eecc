/**
 * Accessibility of every page of the real course, as the tools others use
 * measure it: axe-core (from node_modules, injected; no network) in Chromium
 * finds no serious or critical violation in the light or the dark theme, and
 * html-validate's recommended rules pass. Table text starts at the left.
 */
import assert from "node:assert/strict";
import { axe as axeCore, type AxeResults, HtmlValidate, type RunOptions } from "../deps.ts";
import { launch, staticServer, watchProblems } from "../browser.ts";
import { buildSite, hasChromium, listFiles, ROOT, withTimeout } from "../helpers.ts";

const built = await buildSite({ src: ROOT, location: "http://127.0.0.1/" });
const pages = (await listFiles(built.dest)).filter((f) => f.endsWith(".html"));
/** axe-core's rules whose outcome depends on the theme's colours. */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

Deno.test({
  name:
    "a11y: axe-core finds no serious or critical violation on any page, light and dark, and no page logs an error",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const server = staticServer(built.dest);
    const chromium = await launch();
    try {
      // axe-core's own source, for injection into the page.
      const axe = (axeCore as unknown as { source: string }).source;
      const tab = await chromium.browser.newPage();
      const problems: string[] = [];
      const logged = watchProblems(tab);
      for (const file of pages) {
        const url = `http://127.0.0.1:${server.addr.port}/${file.replace(/index\.html$/, "")}`;
        // Loaded once in the light theme, then switched to the dark one as the theme toggle
        // does, which the page's styles and charts follow without a reload.
        await tab.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
        await withTimeout(tab.goto(url, { waitUntil: "networkidle0" }), 20_000, url);
        await tab.evaluate(axe);
        for (const theme of ["light", "dark"]) {
          await tab.emulateMediaFeatures([{ name: "prefers-color-scheme", value: theme }]);
          await tab.evaluate((t) => document.documentElement.dataset.theme = t, theme);
          // The page's structure is the same in both themes: the dark one runs the rules that
          // read colours only.
          const only = theme === "dark" ? COLOUR_RULES : undefined;
          const violations = await tab.evaluate(async (only) => {
            const { axe } = globalThis as unknown as {
              axe: { run: (context: Document, options: RunOptions) => Promise<AxeResults> };
            };
            const result = await axe.run(document, {
              resultTypes: ["violations"],
              ...(only ? { runOnly: { type: "rule", values: only } } : {}),
            });
            return result.violations.map((v) => ({
              id: v.id,
              impact: v.impact,
              nodes: v.nodes.length,
              first: v.nodes[0]?.html.slice(0, 120) + " " +
                (v.nodes[0]?.failureSummary ?? "").split("\n").slice(1, 2).join(""),
            }));
          }, only);
          for (const v of violations) {
            if (v.impact === "serious" || v.impact === "critical") {
              problems.push(`${file} (${theme}): ${v.id} ×${v.nodes}: ${v.first}`);
            }
          }
          problems.push(...logged.splice(0).map((p) => `${file} (${theme}): ${p}`));
        }
      }
      assert.deepEqual(problems, []);
    } finally {
      await chromium.close();
      await server.shutdown();
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
    const chromium = await launch();
    try {
      const tab = await chromium.browser.newPage();
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
      await chromium.close();
      await server.shutdown();
    }
  },
});

globalThis.addEventListener("unload", () => Deno.removeSync(built.dir, { recursive: true }));
