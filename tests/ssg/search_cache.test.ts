/**
 * The search index kept on disk (ssg/plugins/search_cache.ts): a build whose pages read as an
 * earlier build's reuses its index files, byte for byte, without running pagefind; a changed
 * page, wherever it is, gives the index pagefind makes from scratch; a torn entry is ignored.
 */
import assert from "node:assert/strict";
import { render } from "../../ssg/core/build.ts";
import type { Site } from "../../ssg/core/site.ts";
import { IndexCache } from "../../ssg/plugins/search_cache.ts";
import { freshSite, indexFiles, ROOT, tempDir, writeLectures } from "../helpers.ts";

/** A fresh copy of the course's site (as a new process loads it) keeping its index in `cache`. */
const siteWithCache = (src: string, cache: string): Promise<Site> =>
  freshSite({ src }, `${ROOT}/tests/fixtures/search.config.ts?cache=${encodeURIComponent(cache)}`);

/** The index files of a build, by path, as comparable text. */
const indexOf = async (site: Site) => indexFiles((await render(site)).output);

const entries = (dir: string) =>
  [...Deno.readDirSync(dir)].filter((e) => e.name.endsWith(".index")).length;

Deno.test("search cache: a new process's build of unchanged pages reuses the kept index, byte for byte, without pagefind", async () => {
  await using src = await tempDir();
  await using cache = await tempDir();
  await writeLectures(src.path, 4);
  const cold = await indexOf(await siteWithCache(src.path, cache.path));
  assert.ok(cold.length > 5);
  assert.equal(entries(cache.path), 1, "the index is kept");
  const warm = await indexOf(await siteWithCache(src.path, cache.path));
  assert.deepEqual(warm, cold, "the kept index is the index, byte for byte");
  // Mark the kept entry: a build that reuses it (rather than running pagefind) outputs the mark.
  const kept = new IndexCache(cache.path);
  const [head] = kept.heads();
  const files = (await kept.read(head.key))!;
  await kept.write(head.key, head.pages, [...files, ["marked.txt", new Uint8Array([1])]]);
  const site = await siteWithCache(src.path, cache.path);
  const { output } = await render(site);
  assert.ok(output.has("pagefind/marked.txt"), "the kept files went out as they are");
});

Deno.test("search cache: a changed page (first, middle or last) gives the index pagefind makes from scratch", async () => {
  await using src = await tempDir();
  await using cache = await tempDir();
  await using scratch = await tempDir();
  await writeLectures(src.path, 5);
  const first = await indexOf(await siteWithCache(src.path, cache.path));
  for (const changed of [1, 3, 5]) {
    await writeLectures(src.path, 5, (i) => (i === changed ? "梯度下降" : `词${i}`));
    const reused = await indexOf(await siteWithCache(src.path, cache.path));
    await Deno.remove(scratch.path, { recursive: true });
    const fresh = await indexOf(await siteWithCache(src.path, scratch.path));
    assert.notDeepEqual(reused, first, `lecture ${changed}'s new text is indexed`);
    assert.deepEqual(reused, fresh, `lecture ${changed} changed: the same bytes as from scratch`);
  }
  await writeLectures(src.path, 5);
  assert.deepEqual(await indexOf(await siteWithCache(src.path, cache.path)), first, "and back");
  assert.equal(entries(cache.path), 4, "the newest four indexes are kept");
});

Deno.test("search cache: a torn or foreign entry is not used; the index is made anew", async () => {
  await using src = await tempDir();
  await using cache = await tempDir();
  await writeLectures(src.path, 3);
  const good = await indexOf(await siteWithCache(src.path, cache.path));
  const [name] = [...Deno.readDirSync(cache.path)].map((e) => e.name);
  const path = `${cache.path}/${name}`;
  const whole = await Deno.readFile(path);
  await Deno.writeFile(path, whole.subarray(0, whole.length - 100));
  assert.deepEqual(await indexOf(await siteWithCache(src.path, cache.path)), good, "torn");
  await Deno.writeFile(path, new TextEncoder().encode("not an index"));
  assert.deepEqual(await indexOf(await siteWithCache(src.path, cache.path)), good, "foreign");
});
