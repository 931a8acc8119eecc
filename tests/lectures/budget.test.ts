/**
 * What a lecture costs a reader's phone to load: every lecture page of the real course, with all
 * its charts, stays within 40 KB of gzipped JavaScript. The figures are those the build's summary
 * prints.
 */
import assert from "node:assert/strict";
import { renderSite, ROOT } from "../helpers.ts";

const BUDGET = 40 * 1024;

Deno.test("budget: every lecture page loads at most 40 KB of gzipped JS, charts included", async () => {
  const { weight, pages } = await renderSite({ src: ROOT });
  const lectures = pages.filter((p) => p.src.startsWith("lectures/"));
  assert.ok(lectures.length >= 6, `${lectures.length} lecture pages`);
  const over = lectures
    .map((p) => ({ page: p.output, gzip: weight.get(p.output)?.jsGzip ?? NaN }))
    .filter((w) => !(w.gzip <= BUDGET))
    .map((w) => `${w.page}: ${(w.gzip / 1024).toFixed(1)} KB`);
  assert.deepEqual(over, []);
});
