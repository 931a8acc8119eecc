/**
 * The search plugin on the real course: its index joins the build output (one index per
 * language, every page but 404), finds the lectures by their words when searched as the browser
 * searches it, stays byte-identical from build to build, and bad options are refused at the
 * boundary. The browser side is in search_browser.test.ts.
 */
import assert from "node:assert/strict";
import search from "../../ssg/plugins/search.ts";
import { SearchIndex } from "../../ssg/client/search_engine.js";
import { reader, record, writeIndex } from "../../ssg/plugins/search_index.ts";
import { render } from "../../ssg/core/build.ts";
import { serve } from "../../ssg/server/server.ts";
import {
  CONFIG,
  freshSite,
  indexFiles,
  renderSite,
  ROOT,
  tempDir,
  text,
  withTimeout,
  writeFiles,
  writeLectures,
} from "../helpers.ts";

const bytes = (body: string | Uint8Array) =>
  typeof body === "string" ? new TextEncoder().encode(body) : body;

/** The index of `lang` in a build's output, searched as the browser searches it. */
function openIndex(output: Map<string, string | Uint8Array>, lang: string) {
  return SearchIndex.open(
    lang,
    (name: string) => Promise.resolve(JSON.parse(text(output, `assets/search/${name}`))),
  );
}

Deno.test("search(): one index per language, holding every page (home, guide, lectures) but 404", async () => {
  const { output, pages } = await renderSite({ src: ROOT });
  const meta = (lang: string) => JSON.parse(text(output, `assets/search/${lang}.json`));
  const found = (lang: string) =>
    pages.filter((p) => p.data.lang === lang && p.url.endsWith("/")).length;
  const entries = [...output.keys()].filter((p) => /^assets\/search\/[^/.]+\.json$/.test(p)).sort();
  assert.deepEqual(entries, ["assets/search/en.json", "assets/search/zh.json"]);
  assert.equal(meta("zh").pages.length, found("zh"));
  assert.equal(meta("en").pages.length, found("en"));
  assert.ok(!meta("zh").pages.some(([url]: [string]) => url.startsWith("en/")));
  assert.ok(meta("zh").pages.some(([url]: [string]) => url === ""), "the home page");
  assert.ok(!meta("zh").pages.some(([url]: [string]) => url.includes("404")), "not the 404 page");
  const lectures = pages.filter((p) => p.data.lang === "zh" && p.data.listed).length;
  assert.ok(found("zh") >= lectures + 2, "the home page and the guide as well as the lectures");
  for (const path of ["assets/search.js", "assets/search_engine.js", "assets/search.css"]) {
    assert.ok(output.has(path), path);
  }
  assert.ok(
    [...output.keys()].filter((p) => p.startsWith("assets/search/")).every((p) =>
      !p.slice("assets/search/".length).includes("/")
    ),
    "the index is one folder",
  );
  const home = text(output, "index.html");
  assert.match(home, /<script type="module" async src="\/assets\/search\.js">/);
  assert.doesNotMatch(home, /search_engine\.js/, "the page itself does not load the engine");
});

Deno.test("search(): the built course's index finds each lecture by its words, linked to the section", async () => {
  const { output } = await renderSite({ src: ROOT });
  const zh = (await openIndex(output, "zh"))!;
  const en = (await openIndex(output, "en"))!;
  const mse = await zh.search("均方误差");
  const linear = mse.find((r) => r.url === "lectures/02-linear-model/");
  assert.ok(linear, `lecture 2 among ${mse.map((r) => r.url)}`);
  assert.match(linear.sections[0].url, /^lectures\/02-linear-model\/#.+/);
  assert.match(linear.sections[0].excerpt, /<mark>均方误差<\/mark>/);
  for (const r of mse) {
    assert.ok(
      r.sections.some((s) => /均方误差/.test(s.excerpt)),
      `${r.url} is listed for 均方误差 only in part: ${r.sections.map((s) => s.excerpt)}`,
    );
  }
  assert.equal((await zh.search("梯度"))[0].url, "lectures/03-gradient-descent/");
  assert.equal((await en.search("gradient"))[0].url, "en/lectures/03-gradient-descent/");
  assert.equal((await zh.search("作者指南"))[0].url, "guide/");
  // Words by their beginnings, and an English plural of a word the pages say in the singular.
  assert.equal((await en.search("backprop"))[0].url, "en/lectures/04-backpropagation/");
  assert.ok(
    (await en.search("softmaxes")).some((r) => r.url === "en/lectures/09-softmax-classifier/"),
  );
  // A page's sections holding the query's words in a row come first.
  const batches = (await en.search("mini-batch")).find((r) =>
    r.url === "en/lectures/08-dataset-dataloader/"
  );
  assert.match(batches!.sections[0].excerpt, /<mark>mini<\/mark>-<mark>batch/i);
  // A formula's words, read from its TeX.
  const formula = await zh.search("ŷ");
  assert.ok(
    formula.some((r) => r.url === "lectures/02-linear-model/"),
    "ŷ in lecture 2's formulas",
  );
  assert.deepEqual(await zh.search("gradient descent 作者指南 不存在的词"), []);
  assert.deepEqual(await zh.search("  "), []);
});

Deno.test("SearchIndex: excerpts mark whole words from their beginnings and never split a character", async () => {
  const read = reader("main", []);
  const page = (url: string, body: string) =>
    record(
      { url, data: { lang: "en", title: url } },
      `<html lang="en"><main><p>${body}</p></main></html>`,
      read,
    );
  const files = new Map(
    writeIndex([
      // The excerpt starts inside the q-word, just before its "ab", which is not a word's beginning.
      page("/a/", `${"q".repeat(11)}ab${"q".repeat(25)} x abacus end`),
      page("/b/", `${"😀".repeat(61)}needle${"😀".repeat(61)}`),
    ], 100),
  );
  const index = (await SearchIndex.open(
    "en",
    (name: string) => Promise.resolve(JSON.parse(new TextDecoder().decode(files.get(name)))),
  ))!;
  const [a] = await index.search("ab");
  assert.deepEqual(a.sections[0].excerpt.match(/<mark>[^<]*<\/mark>/g), ["<mark>abacus</mark>"]);
  const [b] = await index.search("needle");
  assert.match(b.sections[0].excerpt, /^…😀+<mark>needle<\/mark>😀+…$/u);
  assert.doesNotMatch(b.sections[0].excerpt, /\p{Cs}/u, "no half of a character");
});

Deno.test("search(): escaped page text stays text in excerpts", async () => {
  await using tmp = await tempDir();
  await writeFiles(tmp.path, {
    "index.md":
      "---\ntitle: Escapes\n---\n\n## Tags\n\nThe element `<script>alert(1)</script>` & friends.\n",
  });
  const { output } = await renderSite({ src: tmp.path });
  const index = (await openIndex(output, "zh")) ?? (await openIndex(output, "en"));
  const [hit] = await index!.search("alert");
  assert.match(
    hit.sections[0].excerpt,
    /&lt;script&gt;<mark>alert<\/mark>\(1\)&lt;\/script&gt; &amp; friends/,
  );
});

Deno.test("search(): two builds give byte-identical index files", async () => {
  const a = (await renderSite({ src: ROOT })).output;
  const b = (await renderSite({ src: ROOT })).output;
  const index = (o: Map<string, string | Uint8Array>) =>
    [...o.keys()].filter((p) => p.startsWith("assets/search/")).sort();
  assert.ok(index(a).length > 5);
  assert.deepEqual(index(a), index(b));
  for (const path of index(a)) {
    assert.deepEqual(bytes(a.get(path)!), bytes(b.get(path)!), path);
  }
});

Deno.test("search(): bad options are refused with what is expected", () => {
  assert.throws(() => search({ root: "" }), /search: root must be a CSS selector/);
  assert.throws(
    () => search({ exclude: ".toc" as unknown as string[] }),
    /search: exclude must be a list/,
  );
  assert.throws(
    () => search({ filter: true as unknown as () => boolean }),
    /search: filter must be a function/,
  );
  assert.throws(() => search({ maxFragments: 0 }), /search: maxFragments must be a whole number/);
  assert.throws(
    () => search({ cache: "_cache/search" } as never),
    /search: unknown option "cache"; the options are root, exclude, filter, maxFragments/,
  );
  assert.throws(
    () => search({ exclude: [".toc", "a:hover"] }),
    /search: the selector "a:hover" is not one search understands/,
  );
  assert.throws(() => search({ root: "main >" }), /the selector "main >"/);
});

Deno.test("search(): a rebuild whose pages read the same gives the same index; changed text is indexed anew", async () => {
  await using tmp = await tempDir();
  await writeLectures(tmp.path, 3);
  const site = await freshSite({ src: tmp.path });
  // The first build indexes pages while they render; later ones index after rendering.
  const first = indexFiles((await render(site)).output);
  const same = indexFiles((await render(site)).output);
  assert.deepEqual(same, first);
  await writeLectures(tmp.path, 3, (i) => (i === 2 ? "梯度下降" : `词${i}`));
  const changed = indexFiles((await render(site)).output);
  assert.notDeepEqual(changed, first, "the new text is in the index, not the old one");
  await writeLectures(tmp.path, 3);
  assert.deepEqual(indexFiles((await render(site)).output), first, "and back, byte for byte");
});

Deno.test("search(): pages rendered on two sandboxes give the same index as on one", async () => {
  await using tmp = await tempDir();
  await writeLectures(tmp.path, 40);
  const one = await freshSite({ src: tmp.path });
  const two = await freshSite({ src: tmp.path, workers: 1 });
  const alone = indexFiles((await render(one)).output);
  const shared = indexFiles((await render(two)).output);
  assert.ok(alone.length > 5);
  assert.deepEqual(shared, alone);
});

Deno.test("search(): after a build fails while indexing, the next build's index is whole", async () => {
  await using tmp = await tempDir();
  await writeLectures(tmp.path, 5);
  const site = await freshSite({ src: tmp.path });
  const good = indexFiles((await render(site)).output);
  const fresh = await freshSite({ src: tmp.path });
  // Page 4 fails after pages 1–3 went to the index.
  const broken = `${tmp.path}/lectures/004-l.md`;
  const saved = await Deno.readTextFile(broken);
  await Deno.writeTextFile(broken, saved + "\n{{ comp.Nope() }}\n");
  await assert.rejects(render(fresh), /unknown component "comp\.Nope"/);
  await Deno.writeTextFile(broken, saved);
  assert.deepEqual(indexFiles((await render(fresh)).output), good);
});

Deno.test("serve: after a save, the page is rebuilt and the new index replaces the old one whole", async () => {
  await using tmp = await tempDir();
  await writeLectures(tmp.path, 3);
  const server = serve(CONFIG, { src: tmp.path, port: 0 }, { quiet: true });
  try {
    await withTimeout(server.ready, 60_000, "first build");
    type Meta = { pages: Array<[string, string]>; fragments: string[] };
    /** The Chinese index's entry once its page count passes `wanted` (it follows each build). */
    const meta = (wanted: (pages: number) => boolean, what: string) =>
      withTimeout(
        (async () => {
          while (true) {
            const res = await fetch(new URL("/assets/search/zh.json", server.url));
            const m = res.ok ? (await res.json()) as Meta : (await res.body?.cancel(), undefined);
            if (m && wanted(m.pages.length)) return m;
            await new Promise((r) => setTimeout(r, 50));
          }
        })(),
        30_000,
        what,
      );
    // The lectures, and pages such as the home page that every site has.
    const before = await meta((n) => n >= 3, "an index of the three lectures");
    const built = server.nextBuild();
    await writeLectures(tmp.path, 4);
    const reply = await withTimeout(built, 60_000, "rebuild");
    assert.ok(reply.ok, "rebuilt");
    assert.ok(
      (await fetch(new URL("/lectures/004-l/", server.url))).ok,
      "the new page is served",
    );
    const after = await meta((n) => n === before.pages.length + 1, "an index with the new lecture");
    assert.ok(after.pages.some(([url]) => url === "lectures/004-l/"));
    // Every file the new entry names is served: the old index was replaced whole.
    for (const file of after.fragments) {
      const res = await fetch(new URL(`/assets/search/${file}`, server.url));
      await res.body?.cancel();
      assert.equal(res.status, 200, file);
    }
    const gone = before.fragments.filter((f) => !after.fragments.includes(f));
    assert.ok(gone.length > 0, "a page's text changed, and with it its fragment file");
    for (const file of gone) {
      const res = await fetch(new URL(`/assets/search/${file}`, server.url));
      await res.body?.cancel();
      assert.equal(res.status, 404, `the old index's ${file} is gone`);
    }
  } finally {
    await server.close();
  }
});
