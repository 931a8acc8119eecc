import assert from "node:assert/strict";
import { SiteError } from "../../ssg/core/errors.ts";
import { keyLine, plainMapping, splitFrontMatter } from "../../ssg/core/front_matter.ts";
import { parse as parseYaml } from "yaml";
import { render } from "../../ssg/core/build.ts";
import { freshSite, tempDir, text } from "../helpers.ts";

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

Deno.test("front matter of plain key: value lines reads as the YAML parser reads it, or goes to the parser", () => {
  // Typical front matter takes the short way.
  assert.deepEqual(
    plainMapping("title: 线性模型\ndescription: Linear model, by hand\norder: 2\ndraft: false\n"),
    { title: "线性模型", description: "Linear model, by hand", order: 2, draft: false },
  );
  // Values and keys from every corner of YAML's plain scalars: whatever the short way reads,
  // the parser reads the same; what it cannot be sure of, it leaves to the parser.
  const keys = ["title", "order", "url", "x-y", "_k", "yes", "null", "True", "on"];
  const values = [
    "线性模型",
    "Linear model",
    "a: b",
    "a:b",
    "a #b",
    "a#b",
    "#c",
    "x]",
    "[x]",
    "{x}",
    "*a",
    "&a",
    "!t",
    "|",
    ">",
    "'q'",
    '"q"',
    "%x",
    "@x",
    "`x`",
    "-1",
    "- x",
    "-x",
    "0",
    "7",
    "007",
    "12",
    "1e3",
    ".5",
    "0x1F",
    "0o7",
    "+3",
    "1.5",
    "123456789012345",
    "1234567890123456",
    "true",
    "false",
    "True",
    "FALSE",
    "null",
    "Null",
    "~",
    "yes",
    "no",
    "on",
    "off",
    "y",
    ".inf",
    ".nan",
    "nan",
    "a b ",
    "a\tb",
    "a, b",
    "a?",
    "?a",
    ":a",
    "a:",
    "， 全角",
    "\u3000a",
    "2 讲",
    "v1.2",
    "https://example.org/a#b",
    "C:\\path",
    "a\\nb",
    "<<",
    "=",
    "a'b",
    'a"b',
  ];
  // Every key with every value on its own line, then lines of them mixed.
  const cases = keys.flatMap((k) => values.map((v) => `${k}: ${v}\n`));
  let seed = 7;
  const random = () => { // xorshift32
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  for (let n = 0; n < 3000; n++) {
    const lines = Array.from({ length: 2 + (n % 3) }, () => `${pick(keys)}: ${pick(values)}`);
    if (n % 7 === 0) lines.splice(1, 0, "");
    cases.push(lines.join("\n") + "\n");
  }
  let short = 0;
  for (const yaml of cases) {
    const fast = plainMapping(yaml);
    if (fast === undefined) continue;
    short++;
    assert.deepEqual(fast, parseYaml(yaml), JSON.stringify(yaml));
  }
  assert.ok(short > 150, `only ${short} of 3000 took the short way`);
});

Deno.test("a page renders the text it was read as, or the text a preprocessor gave it", async () => {
  await using tmp = await tempDir();
  const pages = {
    "a.md": "---\ntitle: 读入\n---\n\n均方误差 MSE\n",
    "b.md": "\uFEFF---\ntitle: 带 BOM 的页\n---\n\n梯度下降\n",
    "c.md": "没有 front matter 的页面\n",
    "d.md": "---\ntitle: 改写\n---\n\n原文\n",
  };
  for (const [name, text] of Object.entries(pages)) {
    await Deno.writeTextFile(`${tmp.path}/${name}`, text);
  }
  const site = await freshSite({ src: tmp.path });
  // A plugin that rewrites a page's text, as a preprocessor may: the file's bytes are stale.
  site.preprocess((all) => {
    const d = all.find((p) => p.src === "d.md")!;
    d.body = d.body.replace("原文", "改写后的正文");
    d.source = d.source.replace("原文", "改写后的正文");
  });
  const { output } = await render(site);
  const body = (path: string) => text(output, path).match(/<main[\s\S]*<\/main>/)![0];
  assert.match(body("a/index.html"), /<p>均方误差 MSE<\/p>/);
  assert.doesNotMatch(body("a/index.html"), /title:/);
  assert.match(body("b/index.html"), /<p>梯度下降<\/p>/);
  assert.doesNotMatch(body("b/index.html"), /title:|\uFEFF/);
  assert.match(body("c/index.html"), /<p>没有 front matter 的页面<\/p>/);
  assert.match(body("d/index.html"), /<p>改写后的正文<\/p>/);
  assert.doesNotMatch(body("d/index.html"), /原文/);
});
