import assert from "node:assert/strict";
import { SiteError } from "../../ssg/core/errors.ts";
import { outputPath, pageData, pageUrl, splitName } from "../../ssg/core/page.ts";

const LANGS = ["zh", "en"];

const names: Array<[string, { stem: string; lang?: string }]> = [
  ["lectures/02-linear-model.md", { stem: "lectures/02-linear-model" }],
  ["lectures/02-linear-model.en.md", { stem: "lectures/02-linear-model", lang: "en" }],
  ["index.zh.vto", { stem: "index", lang: "zh" }],
  ["notes.fr.md", { stem: "notes.fr" }],
  ["a.b/c.md", { stem: "a.b/c" }],
];
for (const [src, expected] of names) {
  Deno.test(`splitName("${src}", ["zh", "en"])`, () => {
    assert.deepEqual(splitName(src, LANGS), expected);
  });
}

const urls: Array<[string, string, string]> = [
  ["index", "zh", "/"],
  ["index", "en", "/en/"],
  ["lectures/02-linear-model", "zh", "/lectures/02-linear-model/"],
  ["lectures/02-linear-model", "en", "/en/lectures/02-linear-model/"],
  ["lectures/index", "zh", "/lectures/"],
  ["404.html", "zh", "/404.html"],
  ["feed.xml", "zh", "/feed.xml"],
];
for (const [stem, lang, url] of urls) {
  Deno.test(`pageUrl("${stem}", "${lang}", "zh") is ${url}`, () => {
    assert.equal(pageUrl(stem, lang, "zh"), url);
  });
}

const outputs: Array<[string, string]> = [
  ["/", "index.html"],
  ["/en/", "en/index.html"],
  ["/lectures/02/", "lectures/02/index.html"],
  ["/404.html", "404.html"],
  ["/sitemap.xml", "sitemap.xml"],
];
for (const [url, out] of outputs) {
  Deno.test(`outputPath("${url}") is ${out}`, () => {
    assert.equal(outputPath(url), out);
  });
}

Deno.test("pageData({}, src) derives title, order, lang and id from the file name", () => {
  const data = pageData({}, "lectures/02-linear_model.en.md", "", "x.md", LANGS);
  assert.equal(data.title, "linear model");
  assert.equal(data.order, 2);
  assert.equal(data.lang, "en");
  assert.equal(data.id, "lectures/02-linear_model");
  assert.equal(data.layout, "layouts/lecture.vto");
  assert.equal(data.draft, false);
  assert.equal(data.listed, true);
  assert.equal(data.description, "");
});

Deno.test("pageData(raw, src) lets front matter beat the file name", () => {
  const raw = { title: "模型", order: 7, lang: "en", id: "shared", layout: "x.vto", extra: [1] };
  const data = pageData(raw, "02-a.md", "", "x.md", LANGS);
  assert.equal(data.title, "模型");
  assert.equal(data.order, 7);
  assert.equal(data.lang, "en");
  assert.equal(data.id, "shared");
  assert.equal(data.layout, "x.vto");
  assert.deepEqual(data.extra, [1], "unknown keys pass through");
});

Deno.test("pageData({}, src) without a number prefix sorts last and uses the default language", () => {
  const data = pageData({}, "about.md", "", "x.md", LANGS);
  assert.equal(data.order, Infinity);
  assert.equal(data.lang, "zh");
  assert.equal(data.title, "about");
});

const typeErrors: Array<{ key: string; value: unknown; line: number }> = [
  { key: "order", value: "two", line: 3 },
  { key: "title", value: 12, line: 2 },
  { key: "draft", value: "yes", line: 4 },
  { key: "listed", value: 0, line: 5 },
  { key: "lang", value: ["en"], line: 6 },
];
for (const c of typeErrors) {
  Deno.test(`pageData({ ${c.key}: ${JSON.stringify(c.value)} }) names the key and its line`, () => {
    const source = "---\ntitle: x\norder: x\ndraft: x\nlisted: x\nlang: x\n---\n";
    assert.throws(() => pageData({ [c.key]: c.value }, "a.md", source, "a.md", LANGS), (e) => {
      assert.ok(e instanceof SiteError);
      assert.match(e.message, new RegExp(`"${c.key}" must be a`));
      assert.equal(e.location.line, c.line);
      assert.equal(e.where, `a.md:${c.line}:${c.key.length + 3}`);
      return true;
    });
  });
}

Deno.test('pageData({ lang: "fr" }) rejects a language the site lacks', () => {
  const source = "---\nlang: fr\n---\n";
  assert.throws(() => pageData({ lang: "fr" }, "a.md", source, "a.md", LANGS), (e) => {
    assert.ok(e instanceof SiteError);
    assert.match(e.message, /"fr" is not one of the site's languages \(zh, en\)/);
    assert.equal(e.location.line, 2);
    return true;
  });
});

Deno.test("pageData({ order: null }) treats null as unset", () => {
  assert.equal(pageData({ order: null }, "03-x.md", "", "x.md", LANGS).order, 3);
});
