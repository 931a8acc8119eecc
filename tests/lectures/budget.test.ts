/**
 * What a page costs a reader's phone to load: every page of the real course (lectures, the guide
 * and its component pages), with all its charts, stays within 40 KB of gzipped JavaScript (the
 * figures the build's summary prints), and every lecture within 200 KB of HTML, the bytes a phone parses before it shows the text (formulas and the charts'
 * server-drawn SVG included; chart data and pictures load beside it).
 */
import assert from "node:assert/strict";
import { renderSite, ROOT } from "../helpers.ts";

const BUDGET = 40 * 1024;
const HTML_BUDGET = 200_000;
const built = renderSite({ src: ROOT });

Deno.test("budget: every page loads at most 40 KB of gzipped JS, charts included", async () => {
  const { weight, pages } = await built;
  const lectures = pages.filter((p) => p.src.startsWith("lectures/"));
  assert.ok(lectures.length >= 6, `${lectures.length} lecture pages`);
  // The guide documents every component with a live example, one page each.
  const guide = pages.filter((p) => p.src.startsWith("guide"));
  assert.ok(guide.length >= 28, `${guide.length} guide pages`);
  assert.ok(weight.get("guide/softmax/index.html")!.jsGzip > 20 * 1024, "charts are weighed");
  const over = pages
    .map((p) => ({ page: p.output, gzip: weight.get(p.output)?.jsGzip ?? NaN }))
    .filter((w) => !(w.gzip <= BUDGET))
    .map((w) => `${w.page}: ${(w.gzip / 1024).toFixed(1)} KB`);
  assert.deepEqual(over, []);
});

Deno.test("budget: every lecture page's HTML is at most 200 KB", async () => {
  const { output, pages } = await built;
  const lectures = pages.filter((p) => p.src.startsWith("lectures/"));
  const sizes = lectures.map((p) => {
    const body = output.get(p.output)!;
    return {
      page: p.output,
      bytes: typeof body === "string" ? new TextEncoder().encode(body).length : body.length,
    };
  });
  assert.ok(sizes.some((s) => s.bytes > 150_000), "the heaviest lectures are weighed");
  assert.deepEqual(
    sizes.filter((s) => s.bytes > HTML_BUDGET).map((s) =>
      `${s.page}: ${(s.bytes / 1000).toFixed(1)} KB`
    ),
    [],
  );
});
