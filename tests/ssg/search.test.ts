/**
 * The search plugin on the real course: pagefind's index joins the build
 * output (one index per language, lectures only), stays byte-identical from
 * build to build, and bad options are refused at the boundary. The browser
 * side is in search_browser.test.ts.
 */
import assert from "node:assert/strict";
import search from "../../ssg/plugins/search.ts";
import { render } from "../../ssg/build.ts";
import { freshSite, renderSite, ROOT, tempDir, text } from "../helpers.ts";

const bytes = (body: string | Uint8Array) =>
  typeof body === "string" ? new TextEncoder().encode(body) : body;

Deno.test("search(): one index per language, holding the lectures and nothing else", async () => {
  const { output, pages } = await renderSite({ src: ROOT });
  const entry = JSON.parse(text(output, "pagefind/pagefind-entry.json"));
  const lectures = (lang: string) =>
    pages.filter((p) => p.data.lang === lang && p.data.listed).length;
  assert.deepEqual(Object.keys(entry.languages).sort(), ["en", "zh"]);
  assert.equal(entry.languages.zh.page_count, lectures("zh"));
  assert.equal(entry.languages.en.page_count, lectures("en"));
  assert.ok(lectures("zh") >= 2);
  for (const path of ["pagefind/pagefind.js", "assets/search.js", "assets/search.css"]) {
    assert.ok(output.has(path), path);
  }
  const unused = [...output.keys()].filter((p) => /pagefind-.*ui|highlight/.test(p));
  assert.deepEqual(unused, [], "pagefind's own interfaces are left out");
  const home = text(output, "index.html");
  assert.match(home, /<script type="module" src="\/assets\/search\.js">/);
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
});

Deno.test("search(): a rebuild whose pages read the same reuses the index; changed text is indexed anew", async () => {
  await using tmp = await tempDir();
  await Deno.mkdir(`${tmp.path}/lectures`);
  const page = (word: string) => `---\ntitle: 一\n---\n\n## 小节\n\n这一讲讲的是${word}。\n`;
  await Deno.writeTextFile(`${tmp.path}/lectures/01-one.md`, page("均方误差"));
  const site = await freshSite({ src: tmp.path });
  const index = (o: Map<string, string | Uint8Array>) =>
    [...o].filter(([k]) => k.startsWith("pagefind/")).map(([k, v]) => [k, bytes(v).join()]);
  const first = index((await render(site)).output);
  const same = index((await render(site)).output);
  assert.deepEqual(same, first);
  await Deno.writeTextFile(`${tmp.path}/lectures/01-one.md`, page("梯度下降"));
  const changed = index((await render(site)).output);
  assert.notDeepEqual(changed, first, "the new text is in the index, not the old one");
  await Deno.writeTextFile(`${tmp.path}/lectures/01-one.md`, page("均方误差"));
  assert.deepEqual(index((await render(site)).output), first, "and back");
});
