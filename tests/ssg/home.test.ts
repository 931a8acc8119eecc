/**
 * The course's home pages: what the course is and who it is for, the course
 * map (every lecture of `_data/course.yaml` and every page of the language, in
 * order, those without a page unlinked), the way to the other language, the
 * search field, and a lecture's picture: its front matter image, else the one
 * `_data/previews.ts` draws for its number, else none.
 */
import assert from "node:assert/strict";
import { parse } from "yaml";
import { copyDir, renderSite, ROOT, tempDir, text } from "../helpers.ts";
import { SiteError } from "../../ssg/core/errors.ts";
import previews from "../../_data/previews.ts";

/** Text of HTML as a reader sees it: the entities `escape` writes turned back into characters. */
const unescape = (html: string) =>
  html.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
    .replace(/&(apos|#39|#039);/g, "'").replace(/&amp;/g, "&");

/** The home page's course map: each item's number, title, description and the rest of its HTML. */
function courseMap(home: string) {
  const list = home.match(/<ol class="lecture-list">([\s\S]*?)<\/ol>/)?.[1];
  assert.ok(list, "the home page has a lecture list");
  return [...list.matchAll(/<li\b[^>]*>([\s\S]*?)<\/li>/g)].map(([li, inner]) => ({
    li,
    href: inner.match(/^<a href="([^"]*)">/)?.[1],
    order: Number(inner.match(/<span class="num">(\d+)<\/span>/)?.[1]),
    title: unescape(inner.match(/<span class="t">([^<]*)/)?.[1] ?? ""),
    description: unescape(inner.match(/<span class="d">([^<]*)<\/span>/)?.[1] ?? ""),
  }));
}

const outline: Array<Record<string, { title: string }> & { order: number }> =
  parse(await Deno.readTextFile(`${ROOT}/_data/course.yaml`)).lectures;

Deno.test("home: the course, its readers, each lecture with its description, search, the other language", async () => {
  const { output, pages } = await renderSite({ src: ROOT });
  for (const [lang, path, other] of [["zh", "index.html", "/en/"], ["en", "en/index.html", "/"]]) {
    const home = text(output, path);
    assert.match(
      home,
      lang === "zh" ? /<h1>PyTorch 深度学习实践/ : /<h1>PyTorch Deep Learning Practice/,
    );
    assert.match(
      home,
      lang === "zh"
        ? /<h2>适合谁<\/h2>\s*<p>写给正在跟着视频/
        : /<h2>Who it is for<\/h2>\s*<p>For students/,
    );
    assert.match(home, /<button type="button" class="search-open" hidden>/);
    assert.match(home, new RegExp(`<a class="read-in" href="${other}"`));
    const lectures = pages.filter((p) => p.data.lang === lang && p.data.listed)
      .sort((a, b) => a.data.order - b.data.order);
    assert.ok(lectures.length >= 2);
    const items = courseMap(home).filter((i) => i.href);
    assert.deepEqual(items.map((i) => i.href), lectures.map((l) => l.url), `${path}: in order`);
    for (const [i, l] of lectures.entries()) {
      const item = items[i];
      assert.equal(item.title, l.data.title, `${l.url} title`);
      assert.equal(item.description, l.data.description, `${l.url} description`);
      // Without a front matter image, the picture is the one drawn for its number, if any.
      if (previews[l.data.order]) {
        assert.ok(item.li.includes(`<span class="preview">${previews[l.data.order]}</span>`));
        assert.match(item.li, /<svg class="thumb" [^>]*aria-hidden="true"/, l.url);
      } else assert.doesNotMatch(item.li, /class="preview"/, l.url);
    }
  }
});

Deno.test("home: the course map lists every lecture of the course; those not written yet have no link", async () => {
  const { output, pages } = await renderSite({ src: ROOT });
  for (const [lang, path] of [["zh", "index.html"], ["en", "en/index.html"]]) {
    const map = courseMap(text(output, path));
    const written = new Set(
      pages.filter((p) => p.data.lang === lang && p.data.listed).map((p) => p.data.order),
    );
    assert.deepEqual(
      map.map((i) => i.order),
      [...new Set([...outline.map((c) => c.order), ...written])].sort((a, b) => a - b),
      `${path}: every lecture of _data/course.yaml and every page, in order`,
    );
    for (const c of outline.filter((c) => !written.has(c.order))) {
      const item = map.find((i) => i.order === c.order)!;
      assert.equal(item.href, undefined, `${path}: lecture ${c.order} is not linked`);
      assert.doesNotMatch(item.li, /<a\b/);
      assert.ok(item.title.startsWith(c[lang].title), `${path}: lecture ${c.order}'s title`);
      assert.match(item.li, lang === "zh" ? /即将推出/ : /coming soon/);
    }
  }
});

Deno.test("home: a new lecture needs no drawn picture; a lecture in one language only is coming soon in the other", async () => {
  await using tmp = await tempDir();
  await copyDir(`${ROOT}/lectures`, `${tmp.path}/lectures`);
  const next = Math.max(...outline.map((c) => c.order)) + 1;
  assert.equal(previews[next], undefined, "no picture is drawn for it");
  const description = 'Tom\'s notes on <b> & "quotes"';
  await Deno.writeTextFile(
    `${tmp.path}/lectures/${next}-extra.en.md`,
    `---\ntitle: Extra's\ndescription: ${
      JSON.stringify(description)
    }\norder: ${next}\n---\n\nText.\n`,
  );
  // A lecture of the course without a page yet, written here in Chinese only.
  const files = [...Deno.readDirSync(`${ROOT}/lectures`)].map((e) => e.name);
  const unwritten = outline.find((c) =>
    !files.some((f) => f.startsWith(`${String(c.order).padStart(2, "0")}-`))
  );
  if (unwritten) {
    await Deno.writeTextFile(
      `${tmp.path}/lectures/${unwritten.order}-zh-only.md`,
      `---\ntitle: 只有中文\norder: ${unwritten.order}\n---\n\n正文。\n`,
    );
  }
  const { output } = await renderSite({ src: tmp.path });
  if (unwritten) {
    const zh = courseMap(text(output, "index.html")).find((i) => i.order === unwritten.order)!;
    assert.equal(zh.href, `/lectures/${unwritten.order}-zh-only/`);
    assert.equal(zh.title, "只有中文");
    const en = courseMap(text(output, "en/index.html")).find((i) => i.order === unwritten.order)!;
    assert.equal(en.href, undefined, "coming soon in English");
    assert.ok(en.title.startsWith(unwritten.en.title));
  }
  const en = courseMap(text(output, "en/index.html"));
  const extra = en.find((i) => i.order === next)!;
  assert.equal(extra.href, `/en/lectures/${next}-extra/`);
  assert.equal(extra.title, "Extra's");
  assert.equal(extra.description, description);
  assert.doesNotMatch(extra.li, /class="preview"/, "listed without a picture");
  assert.equal(en.at(-1), extra, "after the course's last lecture");
  assert.ok(
    !courseMap(text(output, "index.html")).some((i) => i.order === next),
    "the zh home lists no English-only lecture",
  );
});

Deno.test("home: a lecture's front matter preview replaces the drawn one, under the sub-path", async () => {
  await using tmp = await tempDir();
  await copyDir(`${ROOT}/lectures`, `${tmp.path}/lectures`);
  const file = `${tmp.path}/lectures/02-linear-model.md`;
  const source = await Deno.readTextFile(file);
  await Deno.writeTextFile(
    file,
    source.replace("\norder: 2\n", "\norder: 2\npreview: /assets/favicon.svg\n"),
  );
  const { output } = await renderSite({ src: tmp.path, location: "https://example.org/course/" });
  const home = text(output, "index.html");
  const li = home.slice(home.indexOf('<li><a href="/course/lectures/02-linear-model/">'));
  assert.match(
    li.slice(0, li.indexOf("</li>")),
    /<img class="preview" src="\/course\/assets\/favicon\.svg" alt="" loading="lazy">/,
  );
  assert.doesNotMatch(
    text(output, "en/index.html"),
    /<img class="preview"/,
    "the translation keeps its drawn preview",
  );
});

Deno.test("home: a preview that is not a string is an error at its line", async () => {
  await using tmp = await tempDir();
  await copyDir(`${ROOT}/lectures`, `${tmp.path}/lectures`);
  const file = `${tmp.path}/lectures/03-gradient-descent.md`;
  const source = await Deno.readTextFile(file);
  await Deno.writeTextFile(file, source.replace("\norder: 3\n", "\norder: 3\npreview: 3\n"));
  await assert.rejects(renderSite({ src: tmp.path }), (e: unknown) => {
    assert.ok(e instanceof SiteError);
    assert.match(e.message, /front matter "preview" must be a string, got 3/);
    assert.equal(e.location.line, source.split("\n").indexOf("order: 3") + 2);
    return true;
  });
});
