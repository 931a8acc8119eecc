/**
 * The search plugin on the real course: pagefind's index joins the build
 * output (one index per language, every page but 404), stays byte-identical from
 * build to build, and bad options are refused at the boundary. The browser
 * side is in search_browser.test.ts.
 */
import assert from "node:assert/strict";
import search from "../../ssg/plugins/search.ts";
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
  writeLectures,
} from "../helpers.ts";

const bytes = (body: string | Uint8Array) =>
  typeof body === "string" ? new TextEncoder().encode(body) : body;

Deno.test("search(): one index per language, holding every page (home, guide, lectures) but 404", async () => {
  const { output, pages } = await renderSite({ src: ROOT });
  const entry = JSON.parse(text(output, "pagefind/pagefind-entry.json"));
  const found = (lang: string) =>
    pages.filter((p) => p.data.lang === lang && p.url.endsWith("/")).length;
  assert.deepEqual(Object.keys(entry.languages).sort(), ["en", "zh"]);
  assert.equal(entry.languages.zh.page_count, found("zh"));
  assert.equal(entry.languages.en.page_count, found("en"));
  const lectures = pages.filter((p) => p.data.lang === "zh" && p.data.listed).length;
  assert.ok(found("zh") >= lectures + 2, "the home page and the guide as well as the lectures");
  for (const path of ["pagefind/pagefind.js", "assets/search.js", "assets/search.css"]) {
    assert.ok(output.has(path), path);
  }
  const unused = [...output.keys()].filter((p) => /pagefind-.*ui|highlight/.test(p));
  assert.deepEqual(unused, [], "pagefind's own interfaces are left out");
  const home = text(output, "index.html");
  assert.match(home, /<script type="module" async src="\/assets\/search\.js">/);
  assert.doesNotMatch(home, /pagefind\.js/, "the page itself does not load pagefind");
});

Deno.test("search(): two builds give byte-identical index files", async () => {
  const a = (await renderSite({ src: ROOT })).output;
  const b = (await renderSite({ src: ROOT })).output;
  const index = (o: Map<string, string | Uint8Array>) =>
    [...o.keys()].filter((p) => p.startsWith("pagefind/")).sort();
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
  assert.throws(() => search({ cache: "" }), /search: cache must be a folder/);
  assert.throws(() => search({ maxFragments: 0 }), /search: maxFragments must be a whole number/);
  assert.throws(() => search({ shards: 0 }), /search: shards must be "auto" or a whole number/);
});

Deno.test("search(): a rebuild whose pages read the same reuses the index; changed text is indexed anew", async () => {
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

Deno.test("search(): an index in two parts holds every page once, each language in the first part, the same bytes every build", async () => {
  await using tmp = await tempDir();
  await writeLectures(tmp.path, 5);
  const config = `${ROOT}/tests/fixtures/search.config.ts?shards=2`;
  const build = async () => (await render(await freshSite({ src: tmp.path }, config))).output;
  const a = await build();
  const entry = (path: string) => JSON.parse(text(a, path)).languages;
  const [first, second] = [
    entry("pagefind/pagefind-entry.json"),
    entry("pagefind/1/pagefind-entry.json"),
  ];
  assert.deepEqual(Object.keys(first).sort(), ["en", "zh"]);
  const one = await renderSite({ src: tmp.path });
  const whole = JSON.parse(text(one.output, "pagefind/pagefind-entry.json")).languages;
  for (const lang of ["en", "zh"]) {
    assert.equal(first[lang].page_count + (second[lang]?.page_count ?? 0), whole[lang].page_count);
    assert.ok(second[lang].page_count > 0, `${lang} in the second part too`);
  }
  assert.ok(!a.has("pagefind/1/pagefind.js"), "the first part's code runs both");
  assert.match(text(a, "assets/search.js"), /const PARTS = \[\["en","zh"\]\];/);
  assert.deepEqual(indexFiles(await build()), indexFiles(a));
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
    type Entry = { languages: Record<string, { page_count: number; hash: string }> };
    /** The index's entry once its Chinese page count passes `wanted` (it follows each build). */
    const entry = (wanted: (pages: number) => boolean, what: string) =>
      withTimeout(
        (async () => {
          while (true) {
            const res = await fetch(new URL("/pagefind/pagefind-entry.json", server.url));
            const e = res.ok ? (await res.json()) as Entry : (await res.body?.cancel(), undefined);
            if (e && wanted(e.languages.zh.page_count)) return e;
            await new Promise((r) => setTimeout(r, 50));
          }
        })(),
        30_000,
        what,
      );
    // The lectures, and pages such as the home page that every site has.
    const before = await entry((n) => n >= 3, "an index of the three lectures");
    const built = server.nextBuild();
    await writeLectures(tmp.path, 4);
    const reply = await withTimeout(built, 60_000, "rebuild");
    assert.ok(reply.ok, "rebuilt");
    assert.ok(
      (await fetch(new URL("/lectures/004-l/", server.url))).ok,
      "the new page is served",
    );
    const after = await entry(
      (n) => n === before.languages.zh.page_count + 1,
      "an index with the new lecture",
    );
    assert.notEqual(after.languages.zh.hash, before.languages.zh.hash);
    // Every file the new entry names is served: the old index was replaced whole.
    const fragment = `/pagefind/pagefind.${after.languages.zh.hash}.pf_meta`;
    assert.equal((await fetch(new URL(fragment, server.url))).status, 200, fragment);
    const stale = `/pagefind/pagefind.${before.languages.zh.hash}.pf_meta`;
    const old = await fetch(new URL(stale, server.url));
    await old.body?.cancel();
    assert.equal(old.status, 404, "the old index's files are gone");
  } finally {
    await server.close();
  }
});
