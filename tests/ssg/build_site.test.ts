/**
 * Builds of the zh+en fixture site (tests/fixtures/sites/basic) through the
 * project's `_config.ts`: navigation, translations, generated pages, sitemap,
 * theme and KaTeX assets, drafts, determinism, and `--src` on plain Markdown.
 */
import assert from "node:assert/strict";
import { buildCommand } from "../../ssg/cli/cli.ts";
import {
  attrs,
  buildSite,
  captureConsole,
  CONFIG,
  fixture,
  listFiles,
  readTree,
  ROOT,
  tempDir,
} from "../helpers.ts";

const BASIC = fixture("sites", "basic");

const built = await buildSite({ src: BASIC, location: "https://example.org/" });
const read = (path: string) => Deno.readTextFileSync(`${built.dest}/${path}`);

/** Titles of the home page's lecture list, in order, with their links. */
function lectureList(html: string): Array<{ href: string; title: string }> {
  const list = html.match(/<ol class="lecture-list">([\s\S]*?)<\/ol>/)?.[1];
  assert.ok(list, "home page has a lecture list");
  return [...list.matchAll(/<a href="([^"]*)">[\s\S]*?<span class="t">([^<]*)<\/span>/g)]
    .map((m) => ({ href: m[1], title: m[2] }));
}

Deno.test("build: the zh home lists lectures by order, front matter beating the file name", () => {
  assert.deepEqual(lectureList(read("index.html")), [
    { href: "/01-intro/", title: "引言" },
    { href: "/05-later/", title: "后来" },
    { href: "/03-middle/", title: "中间" },
  ]);
});

Deno.test("build: the en home lists only English lectures under /en/", () => {
  assert.deepEqual(lectureList(read("en/index.html")), [
    { href: "/en/01-intro/", title: "Introduction" },
    { href: "/en/05-later/", title: "Later" },
  ]);
  assert.match(read("en/index.html"), /<html lang="en">/);
  assert.match(read("index.html"), /<html lang="zh">/);
});

Deno.test("build: prev/next follow the lecture order", () => {
  const pager = (path: string) => {
    const html = read(path);
    return {
      prev: html.match(/<a class="prev" rel="prev" href="([^"]*)"/)?.[1] ?? null,
      next: html.match(/<a class="next" rel="next" href="([^"]*)"/)?.[1] ?? null,
    };
  };
  assert.deepEqual(pager("01-intro/index.html"), { prev: null, next: "/05-later/" });
  assert.deepEqual(pager("05-later/index.html"), { prev: "/01-intro/", next: "/03-middle/" });
  assert.deepEqual(pager("03-middle/index.html"), { prev: "/05-later/", next: null });
  assert.deepEqual(pager("en/05-later/index.html"), { prev: "/en/01-intro/", next: null });
});

Deno.test("build: the language switcher links each page to its translation", () => {
  const switcher = (path: string) =>
    [...read(path).matchAll(/<a class="lang" href="([^"]*)" hreflang="([^"]*)"/g)]
      .map((m) => [m[1], m[2]]);
  assert.deepEqual(switcher("01-intro/index.html"), [["/en/01-intro/", "en"]]);
  assert.deepEqual(switcher("en/01-intro/index.html"), [["/01-intro/", "zh"]]);
  assert.deepEqual(switcher("03-middle/index.html"), [], "no translation, no switcher link");
  assert.match(
    read("01-intro/index.html"),
    /<link rel="alternate" hreflang="en" href="\/en\/01-intro\/">/,
  );
});

Deno.test("build: a 404.html is generated, in the theme, linking home", () => {
  const html = read("404.html");
  assert.match(html, /找不到这一页/);
  assert.match(html, /<a href="\/">回到首页<\/a>/);
  assert.match(html, /<link rel="stylesheet" href="\/assets\/site.css">/);
});

Deno.test("build: sitemap.xml lists every page by absolute URL, with hreflang alternates", () => {
  const xml = read("sitemap.xml");
  const locs = [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
  assert.deepEqual(locs, [
    "https://example.org/",
    "https://example.org/01-intro/",
    "https://example.org/03-middle/",
    "https://example.org/05-later/",
    "https://example.org/en/",
    "https://example.org/en/01-intro/",
    "https://example.org/en/05-later/",
  ]);
  const alternates = (loc: string) => {
    const entry = xml.match(new RegExp(`<loc>${loc}</loc>([\\s\\S]*?)</url>`))?.[1] ?? "";
    return [...entry.matchAll(/hreflang="([^"]*)" href="([^"]*)"/g)].map((m) => `${m[1]} ${m[2]}`)
      .sort();
  };
  assert.deepEqual(alternates("https://example.org/01-intro/"), [
    "en https://example.org/en/01-intro/",
    "zh https://example.org/01-intro/",
  ]);
  assert.deepEqual(alternates("https://example.org/03-middle/"), [], "no translation");
  assert.doesNotMatch(xml, /404|draft/);
});

Deno.test("build: every page links the favicon, and the favicon is in the output", async () => {
  for (const f of (await listFiles(built.dest)).filter((f) => f.endsWith(".html"))) {
    assert.match(
      read(f),
      /<link rel="icon" href="\/assets\/favicon.svg" type="image\/svg\+xml">/,
      f,
    );
  }
  assert.deepEqual(
    await Deno.readFile(`${built.dest}/assets/favicon.svg`),
    await Deno.readFile(`${ROOT}/_includes/assets/favicon.svg`),
  );
});

Deno.test("build: KaTeX CSS and every font it references are in the output", () => {
  const css = read("assets/katex/katex.min.css");
  const fonts = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1].replace(/["']/g, ""));
  assert.ok(fonts.length >= 20, `KaTeX CSS references its fonts (${fonts.length})`);
  for (const font of fonts) {
    assert.ok(font.endsWith(".woff2"), `only woff2 is referenced: ${font}`);
    const size = Deno.statSync(`${built.dest}/assets/katex/${font}`).size;
    assert.ok(size > 1000, `${font} is a real font file (${size} bytes)`);
  }
});

Deno.test("build: only pages with math link the KaTeX CSS", () => {
  const katex = '<link rel="stylesheet" href="/assets/katex/katex.min.css">';
  assert.ok(read("01-intro/index.html").includes(katex));
  assert.ok(read("05-later/index.html").includes(katex));
  assert.ok(!read("03-middle/index.html").includes(katex));
  assert.ok(!read("index.html").includes(katex));
});

Deno.test("build: math, display math and highlighted code reach the page", () => {
  const html = read("01-intro/index.html");
  assert.match(
    html,
    /<annotation encoding="application\/x-tex">\\hat y = x \\cdot w<\/annotation>/,
  );
  assert.match(html, /<div class="math-display"><span class="katex-display">/);
  assert.match(html, /<span class="hljs-keyword">def<\/span>/);
  assert.match(html, /<h2 id="线性-模型" tabindex="-1">/);
  assert.doesNotMatch(html, /katex-error/);
});

Deno.test("build: {{ echo }} keeps {{n}} inside TeX instead of running it as Vento", () => {
  const html = read("01-intro/index.html");
  assert.match(
    html,
    /<annotation encoding="application\/x-tex">\\frac\{1\}\{\{n\}\}<\/annotation>/,
  );
  assert.match(html, /<annotation encoding="application\/x-tex">x\^\{\{2\}\}<\/annotation>/);
  assert.doesNotMatch(html, /\{\{ ?\/?echo ?\}\}/, "the echo tags themselves are gone");
});

Deno.test("build: static files (.svg) are copied and image tags point at them", () => {
  assert.ok(Deno.statSync(`${built.dest}/diagram.svg`).isFile);
  assert.ok(attrs(read("01-intro/index.html"), "src").includes("/diagram.svg"));
});

Deno.test("build: drafts are left out of the build: no page, no list entry, no sitemap entry", () => {
  assert.throws(() => Deno.statSync(`${built.dest}/draft/index.html`), Deno.errors.NotFound);
  assert.doesNotMatch(read("index.html"), /草稿/);
  assert.doesNotMatch(read("sitemap.xml"), /draft/);
});

Deno.test("build({ drafts: true }) includes drafts, listed in order", async () => {
  const withDrafts = await buildSite({ src: BASIC, drafts: true });
  try {
    assert.match(Deno.readTextFileSync(`${withDrafts.dest}/draft/index.html`), /Work in progress/);
    assert.deepEqual(
      lectureList(Deno.readTextFileSync(`${withDrafts.dest}/index.html`)).map((l) => l.title),
      ["引言", "后来", "中间", "草稿"],
    );
    const badge = /<[a-z]+ class="draft-badge">草稿<\/[a-z]+>/;
    assert.match(Deno.readTextFileSync(`${withDrafts.dest}/draft/index.html`), badge);
    assert.doesNotMatch(Deno.readTextFileSync(`${withDrafts.dest}/03-middle/index.html`), badge);
    const home = Deno.readTextFileSync(`${withDrafts.dest}/index.html`);
    assert.equal(home.match(new RegExp(badge, "g"))?.length, 1, "one listed draft, one badge");
  } finally {
    await Deno.remove(withDrafts.dir, { recursive: true });
  }
});

Deno.test("build: two builds of the same site are byte-identical", async () => {
  const again = await buildSite({ src: BASIC, location: "https://example.org/" });
  try {
    const a = await readTree(built.dest);
    const b = await readTree(again.dest);
    assert.deepEqual([...b.keys()], [...a.keys()]);
    for (const [path, bytes] of a) {
      assert.ok(
        bytes.length === b.get(path)!.length && bytes.every((x, i) => x === b.get(path)![i]),
        `${path} differs between two builds`,
      );
    }
  } finally {
    await Deno.remove(again.dir, { recursive: true });
  }
});

Deno.test("buildCommand(config, { src }) builds a folder of plain Markdown with the project's theme", async () => {
  await using tmp = await tempDir();
  const dest = `${tmp.path}/out`;
  const { value: ok, out } = await captureConsole(() =>
    buildCommand(CONFIG, { src: fixture("sites", "plain"), dest })
  );
  assert.equal(ok, true, out);
  assert.match(out, /built .*: 3 pages|built .*pages/);
  const files = await listFiles(dest);
  for (
    const f of [
      "index.html",
      "notes/01-first/index.html",
      "notes/02-second/index.html",
      "en/index.html",
      "404.html",
      "assets/site.css",
      "assets/page.js",
      "sitemap.xml",
    ]
  ) assert.ok(files.includes(f), `${f} in ${files.join(", ")}`);
  assert.ok(!files.some((f) => f.startsWith("lectures/")), "the project's own pages stay out");
  const note = Deno.readTextFileSync(`${dest}/notes/01-first/index.html`);
  assert.match(note, /<header class="site-header">/, "project layout used");
  assert.match(note, /<p class="kicker">第 1 讲<\/p>/, "order from the file name");
  assert.match(note, /class="katex"/);
  assert.deepEqual(
    await Deno.readFile(`${dest}/assets/site.css`),
    await Deno.readFile(`${ROOT}/_includes/assets/site.css`),
  );
  assert.match(
    Deno.readTextFileSync(`${dest}/index.html`),
    /A folder of plain Markdown/,
    "an index.md replaces the generated home page",
  );
});

Deno.test("build: cleanup of the shared build", async () => {
  await Deno.remove(built.dir, { recursive: true });
});
