/**
 * dataUrls(): a chart's picture or a table's CSV written inline as a base64 `data:` URL leaves the
 * page's HTML for a file beside it, named by its content; small ones stay inline. The real course's
 * surfaces and heatmap tables load from those files in Chromium (tests/lectures/charts.test.ts,
 * components' browser tests); here, what the build writes.
 */
import assert from "node:assert/strict";
import site, { dataUrls } from "../../ssg/mod.ts";
import type { Output } from "../../ssg/core/site.ts";
import { text } from "../helpers.ts";
import { base64 } from "../../_components/_chart/png.ts";

async function finish(output: Output, options = {}): Promise<Output> {
  const s = site().use(dataUrls(options));
  for (const f of s.finishers) await f(output, s);
  return output;
}

const bytes = (n: number, seed: number) =>
  Uint8Array.from({ length: n }, (_, i) => (i * seed) & 255);

Deno.test("dataUrls(): large pictures and CSVs go to files beside the page, each once", async () => {
  const png = bytes(6000, 7), csv = new TextEncoder().encode("w,b,mse\n" + "1,2,3\n".repeat(1000));
  const url = (type: string, b: Uint8Array) => `data:${type};base64,${base64(b)}`;
  const page = `<svg><image class="a" href="${url("image/png", png)}" x="1"/></svg>` +
    `<img src="${url("image/png", png)}" alt="same picture">` +
    `<a download="grid.csv" href="${url("text/csv", csv)}">CSV</a>` +
    `<img src="${url("image/png", bytes(30, 3))}" alt="small">` +
    `<p>href="data:image/png;base64,not-an-attribute-value</p>`;
  const out = await finish(
    new Map<string, string | Uint8Array>([["l/02/index.html", new TextEncoder().encode(page)]]),
  );
  const files = [...out.keys()].filter((k) => k !== "l/02/index.html").sort();
  assert.equal(files.length, 2, files.join(", "));
  const [csvFile, pngFile] = files;
  assert.match(csvFile, /^l\/02\/data\.[0-9a-f]{10}\.csv$/);
  assert.match(pngFile, /^l\/02\/img\.[0-9a-f]{10}\.png$/);
  assert.deepEqual(out.get(pngFile), png);
  assert.equal(text(out, csvFile), new TextDecoder().decode(csv));
  const html = text(out, "l/02/index.html");
  const name = (f: string) => f.slice("l/02/".length);
  assert.ok(html.startsWith(`<svg><image class="a" href="${name(pngFile)}" x="1"/></svg>`), html);
  assert.ok(html.includes(`<img src="${name(pngFile)}" alt="same picture">`));
  assert.ok(html.includes(`<a download="grid.csv" href="${name(csvFile)}">CSV</a>`));
  assert.ok(html.includes(`src="${url("image/png", bytes(30, 3))}" alt="small"`), "small stays");
  assert.ok(html.includes(`<p>href="data:image/png;base64,not-an-attribute-value</p>`));

  // The same picture on another run has the same name; another picture, another name.
  const again = await finish(new Map([["l/02/index.html", page]]));
  assert.ok(again.has(pngFile));
  const other = await finish(
    new Map([["l/02/index.html", page.replaceAll(base64(png), base64(bytes(6000, 5)))]]),
  );
  assert.ok(!other.has(pngFile));
});

Deno.test("dataUrls(): pages without data URLs are passed on as the same object", async () => {
  const body = new TextEncoder().encode("<p>data: none here</p>");
  const out = await finish(
    new Map<string, string | Uint8Array>([["index.html", body], ["a.css", "p{}"]]),
  );
  assert.equal(out.get("index.html"), body);
  assert.deepEqual([...out.keys()], ["index.html", "a.css"]);
  assert.throws(() => dataUrls({ minLength: -1 }), /minLength must be a number/);
});
