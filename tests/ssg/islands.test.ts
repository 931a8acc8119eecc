/**
 * islands(): a page's chart data leaves its HTML for one file beside it, each distinct island
 * once, named by its content; small islands and sites read from disk keep them inline. In the
 * browser the charts of the real course wake with that data (training_curve_browser.test.ts,
 * tests/lectures/charts.test.ts); here, what the build writes.
 */
import assert from "node:assert/strict";
import site, { islands } from "../../ssg/mod.ts";
import type { Output } from "../../ssg/core/site.ts";
import { renderSite, ROOT, text } from "../helpers.ts";

const island = (json: unknown) =>
  `<script type="application/json" class="chart-data">${JSON.stringify(json)}</script>`;
const big = { loss: Array.from({ length: 400 }, (_, i) => 1 / (i + 1)) };
const other = { w: [1, 2, 3] };

async function finish(output: Output, options = {}, fromDisk = false): Promise<Output> {
  const s = site().use(islands(options));
  s.fromDisk = fromDisk;
  for (const f of s.finishers) await f(output, s);
  return output;
}

Deno.test("islands(): a page's data goes to data.<hash>.json beside it, each island once", async () => {
  const page = `<main><p>text</p><figure>${island(big)}</figure><figure>${island(other)}</figure>` +
    `<figure>${island(big)}</figure></main>`;
  const out = await finish(new Map([["a/b/index.html", page], ["a/b/c.css", "p{}"]]));
  const html = text(out, "a/b/index.html");
  const files = [...out.keys()].filter((k) => k.endsWith(".json"));
  assert.equal(files.length, 1);
  assert.match(files[0], /^a\/b\/data\.[0-9a-f]{10}\.json$/);
  const name = files[0].slice("a/b/".length);
  assert.equal(
    html,
    `<main><p>text</p>` +
      [0, 1, 0].map((i) =>
        `<figure><script type="application/json" class="chart-data" data-src="${name}" data-index="${i}"></script></figure>`
      ).join("") + `</main>`,
  );
  assert.deepEqual(JSON.parse(text(out, files[0])), [big, other]);
  assert.equal(text(out, "a/b/c.css"), "p{}");

  // Pages rendered elsewhere arrive as bytes; the same content gives the same file name.
  const again = await finish(new Map([["a/b/index.html", new TextEncoder().encode(page)]]));
  assert.equal(text(again, "a/b/index.html"), html);
  assert.equal(text(again, files[0]), text(out, files[0]));
  // Other data, another name: a cached page never meets data it was not built with.
  const changed = await finish(new Map([["a/b/index.html", page.replace("[1,2,3]", "[1,2,4]")]]));
  assert.ok(!changed.has(files[0]));
});

Deno.test("islands(): small data stays in the page, and so does all of it on a site read from disk", async () => {
  const small = `<figure>${island(other)}</figure>`;
  const kept = await finish(new Map([["index.html", small]]));
  assert.deepEqual([...kept.keys()], ["index.html"]);
  assert.equal(text(kept, "index.html"), small);
  // Bytes with near misses ("json" elsewhere, another class) are passed on as they are.
  const near = new TextEncoder().encode(
    `<p>json</p><script type="application/json" class="chart-dat">${"1,".repeat(5000)}</script>`,
  );
  const passed = await finish(new Map([["index.html", near]]));
  assert.equal(passed.get("index.html"), near);
  const page = `<figure>${island(big)}</figure>`;
  const disk = await finish(new Map([["index.html", page]]), {}, true);
  assert.deepEqual([...disk.keys()], ["index.html"]);
  assert.equal(text(disk, "index.html"), page);
  assert.throws(() => islands({ className: "a b" }), /className must be a CSS class name/);
  assert.throws(() => islands({ minLength: -1 }), /minLength must be a number/);
});

Deno.test("islands(): the course's lecture pages keep their text and lose their data's weight", async () => {
  const { output } = await renderSite({ src: ROOT });
  const page = "lectures/05-linear-regression-pytorch/index.html";
  const html = text(output, page);
  const [, src] = html.match(/class="chart-data" data-src="([^"]+)"/)!;
  const data = JSON.parse(text(output, `lectures/05-linear-regression-pytorch/${src}`));
  // Every island of the page names an entry of the file, and every entry is used.
  const used = new Set(
    [...html.matchAll(/class="chart-data" data-src="([^"]+)" data-index="(\d+)"><\/script>/g)]
      .map(([, s, i]) => (assert.equal(s, src), Number(i))),
  );
  assert.deepEqual([...used].sort((a, b) => a - b), data.map((_: unknown, i: number) => i));
  assert.ok(data.some((d: { runs?: unknown }) => d.runs), "the training curves' runs are there");
  assert.ok(new TextEncoder().encode(html).length < 200 * 1024, "the page is under 200 KB");
});
