/**
 * KaTeX's markup compacted (`ssg/plugins/katex_compact.ts`): smaller, and drawn exactly as
 * KaTeX's own markup with KaTeX's own stylesheet is, glyph box for glyph box, in Chromium.
 */
import assert from "node:assert/strict";
import katex from "katex";
import { createRequire } from "node:module";
import { launch } from "../browser.ts";
import { compactor } from "../../ssg/plugins/katex_compact.ts";
import { hasChromium } from "../helpers.ts";

const dist = createRequire(import.meta.url).resolve("katex/dist/katex.min.css")
  .replace(/\/katex\.min\.css$/, "");
const CSS = Deno.readTextFileSync(`${dist}/katex.min.css`);

/** What the course's formulas use: fractions, sums, accents, roots, matrices, aligned, text. */
const FORMULAS: [string, boolean][] = [
  ["w", false],
  ["\\hat{y} = x \\cdot w + b", false],
  ["\\frac{\\partial \\text{loss}}{\\partial w} = 2x(x \\cdot w - y)", true],
  ["\\text{MSE} = \\frac{1}{N} \\sum_{n=1}^{N} (\\hat{y}_n - y_n)^2", true],
  ["\\sigma(z) = \\frac{1}{1 + e^{-z}}", true],
  [
    "\\begin{aligned} a &= \\left[(1 \\cdot 2 - 2)^2\\right] \\\\ &= \\sqrt{x^2} \\end{aligned}",
    true,
  ],
  [
    "\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix} \\overline{x^2} \\operatorname{softmax}(z)_i",
    true,
  ],
  [
    "-\\sum_{i} y_i \\log \\hat{y}_i, \\quad \\mathbb{R}^{n \\times m}, \\underbrace{a+b}_{c}",
    true,
  ],
  ["\\boldsymbol{w} \\leftarrow \\boldsymbol{w} - \\alpha \\nabla_{w}", false],
];

const raw = FORMULAS.map(([tex, display]) =>
  katex.renderToString(tex, { displayMode: display, throwOnError: true })
);

Deno.test("katex compact: the markup loses unstyled classes, xmlns and leading zeros, keeps its MathML", () => {
  const c = compactor(CSS);
  const out = raw.map(c.html);
  const all = out.join("\n");
  assert.doesNotMatch(all, /\b(mord|mrel|mbin|mtight)\b/);
  assert.doesNotMatch(all, /xmlns=/);
  assert.doesNotMatch(all, /style="[^"]*\b0\.\d/);
  assert.match(
    all,
    /<annotation encoding="application\/x-tex">\\hat\{y\} = x \\cdot w \+ b<\/annotation>/,
  );
  assert.match(all, /<span class="katex"><span class="katex-mathml"><math><semantics>/);
  assert.match(all, /<span class="katex-html" aria-hidden="true">/);
  const before = raw.join("\n").length, after = all.length;
  assert.ok(after < 0.85 * before, `compacted ${after} of ${before} characters`);
});

Deno.test("katex compact: every class the markup names is one the renamed stylesheet defines", () => {
  const c = compactor(CSS);
  const defined = new Set([...c.css.matchAll(/\.(-?[A-Za-z_][\w-]*)/g)].map((m) => m[1]));
  for (const html of raw.map(c.html)) {
    for (const [, value] of html.matchAll(/ class="([^"]*)"/g)) {
      for (const name of value.split(" ")) {
        assert.ok(defined.has(name), `.${name} is not in the stylesheet`);
      }
    }
  }
  // Font URLs and at-rules are left alone; the old names are gone from the selectors.
  assert.equal(
    [...c.css.matchAll(/url\(fonts\/[\w-]+\.woff2\)/g)].length,
    [...CSS.matchAll(/url\(fonts\/[\w-]+\.woff2\)/g)].length,
  );
  assert.doesNotMatch(c.css, /\.vlist-t2|\.pstrut|\.mfrac/);
  assert.equal(c.names.get("vlist-t2")?.startsWith("_"), true);
});

Deno.test({
  name: "katex compact: Chromium draws the compacted formulas exactly as KaTeX's own markup",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const c = compactor(CSS);
    const page = (css: string, bodies: string[]) =>
      `<!doctype html><meta charset="utf-8"><style>${
        css.replaceAll("url(fonts/", `url(file://${dist}/fonts/`)
      }</style><body style="width:700px;font:20px serif">${
        bodies.map((b) => `<p>x ${b} y</p>`).join("")
      }</body>`;
    const chromium = await launch();
    try {
      const boxes = async (html: string) => {
        const tab = await chromium.browser.newPage();
        await tab.setViewport({ width: 800, height: 600 });
        const file = await Deno.makeTempFile({ suffix: ".html" });
        try {
          await Deno.writeTextFile(file, html);
          await tab.goto(`file://${file}`, { waitUntil: "load" });
          await tab.evaluate(() => document.fonts.ready);
          return await tab.evaluate(() =>
            [...document.querySelectorAll(".katex-html *")].map((e) => {
              const b = e.getBoundingClientRect();
              return [e.textContent, b.x, b.y, b.width, b.height].join(" ");
            })
          );
        } finally {
          await tab.close();
          await Deno.remove(file);
        }
      };
      const expected = await boxes(page(CSS, raw));
      const actual = await boxes(page(c.css, raw.map(c.html)));
      assert.ok(expected.length > 300, `${expected.length} boxes`);
      assert.deepEqual(actual, expected);
    } finally {
      await chromium.close();
    }
  },
});
