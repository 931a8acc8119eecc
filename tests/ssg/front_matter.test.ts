import assert from "node:assert/strict";
import { SiteError } from "../../ssg/core/errors.ts";
import { keyLine, splitFrontMatter } from "../../ssg/core/front_matter.ts";
import { render } from "../../ssg/core/build.ts";
import { freshSite, tempDir } from "../helpers.ts";

const splits: Array<
  { name: string; source: string; data: unknown; body: string; bodyLine: number }
> = [
  { name: "no front matter", source: "# Hi\n", data: {}, body: "# Hi\n", bodyLine: 1 },
  {
    name: "a mapping",
    source: "---\ntitle: 线性模型\norder: 2\n---\n\nText\n",
    data: { title: "线性模型", order: 2 },
    body: "\nText\n",
    bodyLine: 5,
  },
  {
    name: "CRLF line ends",
    source: "---\r\ntitle: A\r\n---\r\nText\r\n",
    data: { title: "A" },
    body: "Text\r\n",
    bodyLine: 4,
  },
  { name: "empty block", source: "---\n---\nText", data: {}, body: "Text", bodyLine: 3 },
  {
    name: "closing fence at end of file",
    source: "---\ntitle: A\n---",
    data: { title: "A" },
    body: "",
    bodyLine: 3,
  },
  {
    name: "dates stay strings",
    source: "---\ndate: 2024-03-01\n---\n",
    data: { date: "2024-03-01" },
    body: "",
    bodyLine: 4,
  },
  {
    name: "--- later in the body is not front matter",
    source: "Text\n\n---\n\nMore\n",
    data: {},
    body: "Text\n\n---\n\nMore\n",
    bodyLine: 1,
  },
];

for (const c of splits) {
  Deno.test(`splitFrontMatter(source, file) with ${c.name}`, () => {
    const split = splitFrontMatter(c.source, "page.md");
    assert.deepEqual(split.data, c.data);
    assert.equal(split.body, c.body);
    assert.equal(split.bodyLine, c.bodyLine);
  });
}

const failures: Array<{ name: string; source: string; where: string; message: RegExp }> = [
  {
    name: "no closing fence",
    source: "---\ntitle: A\n\nText\n",
    where: "page.md:1:1",
    message: /no closing ---/,
  },
  {
    name: "a duplicate key",
    source: "---\ntitle: A\norder: 1\ntitle: B\n---\n",
    where: "page.md:4:1",
    message: /bad YAML front matter: .*unique/,
  },
  {
    name: "a list instead of a mapping",
    source: "---\n- a\n- b\n---\n",
    where: "page.md:2:1",
    message: /must be a YAML mapping/,
  },
  {
    name: "a bare string",
    source: "---\njust text\n---\n",
    where: "page.md:2:1",
    message: /must be a YAML mapping/,
  },
];

for (const c of failures) {
  Deno.test(`splitFrontMatter(source, file) rejects ${c.name} at ${c.where}`, () => {
    assert.throws(() => splitFrontMatter(c.source, "page.md"), (e) => {
      assert.ok(e instanceof SiteError);
      assert.equal(e.where, c.where);
      assert.match(e.message, c.message);
      assert.equal(e.location.source, c.source, "the error keeps the source for its excerpt");
      return true;
    });
  });
}

Deno.test("keyLine(source, key) finds the front-matter line of a key", () => {
  const source = "---\ntitle: A\norder: 3\nlang: en\n---\norder: body\n";
  assert.equal(keyLine(source, "title"), 2);
  assert.equal(keyLine(source, "order"), 3);
  assert.equal(keyLine(source, "lang"), 4);
  assert.equal(keyLine(source, "missing"), 1);
});

Deno.test("pages with the same front matter each get their own data, build after build", async () => {
  await using tmp = await tempDir();
  const head = "---\ntitle: 同名\ntags: [loss]\nlisted: false\n---\n\n";
  await Deno.writeTextFile(`${tmp.path}/a.md`, head + "A\n");
  await Deno.writeTextFile(`${tmp.path}/b.md`, head + "B\n");
  const site = await freshSite({ src: tmp.path });
  const tags: string[][] = [];
  // A plugin that changes a page's data, as a preprocessor may.
  site.preprocess((pages) => {
    for (const p of pages.filter((p) => p.src.match(/^[ab]\.md$/))) {
      (p.data.tags as string[]).push(p.src);
      tags.push(p.data.tags as string[]);
    }
  });
  await render(site);
  await render(site);
  assert.deepEqual(tags, [["loss", "a.md"], ["loss", "b.md"], ["loss", "a.md"], ["loss", "b.md"]]);
});
