/**
 * What a page, a layout name or a flag must not be able to do: write outside
 * the output folder, overwrite another file, publish files from elsewhere,
 * replace the sources, or inject markup through a URL.
 */
import assert from "node:assert/strict";
import { render, writeOutput } from "../../ssg/core/build.ts";
import { buildCommand } from "../../ssg/cli/cli.ts";
import { parseFlags } from "../../ssg/cli/flags.ts";
import { SiteError } from "../../ssg/core/errors.ts";
import { Staging } from "../../ssg/core/write_output.ts";
import {
  captureConsole,
  CONFIG,
  fixture,
  freshSite,
  listFiles,
  ROOT,
  tempDir,
  text,
} from "../helpers.ts";

/** Writes `files` (path → text or bytes) under `dir`. */
async function writeFiles(dir: string, files: Record<string, string | Uint8Array>) {
  for (const [path, body] of Object.entries(files)) {
    const file = `${dir}/${path}`;
    await Deno.mkdir(file.slice(0, file.lastIndexOf("/")), { recursive: true });
    if (typeof body === "string") await Deno.writeTextFile(file, body);
    else await Deno.writeFile(file, body);
  }
}

/** The error rendering a source folder made of `files` fails with. */
async function renderError(files: Record<string, string | Uint8Array>): Promise<SiteError> {
  await using tmp = await tempDir();
  await writeFiles(tmp.path, files);
  const error = await render(await freshSite({ src: tmp.path })).then(() => null, (e) => e);
  assert.ok(error instanceof SiteError, `expected a SiteError, got ${error}`);
  assert.ok(error.location.file.endsWith("page.md"), error.format());
  return error;
}

Deno.test("build: a url leaving the output folder, however encoded, is an error at the url line", async () => {
  for (
    const url of [
      "../../x",
      "/../../x/",
      "/a/../../x/",
      "/%2e%2e/%2e%2e/x/",
      "/%252e%252e/x/",
      "/a\\..\\..\\x/",
    ]
  ) {
    const error = await renderError({ "page.md": `---\ntitle: T\nurl: '${url}'\n---\nbody\n` });
    assert.equal(error.location.line, 3, `${url}: ${error.format()}`);
    assert.match(error.message, /url|URL/, url);
  }
});

Deno.test("buildCommand: a url leaving the output folder creates nothing outside it", async () => {
  await using tmp = await tempDir();
  await writeFiles(tmp.path, { "src/page.md": "---\nurl: /../../escaped/\n---\nbody\n" });
  const { value, out } = await captureConsole(() =>
    buildCommand(CONFIG, { src: `${tmp.path}/src`, dest: `${tmp.path}/a/b/site` })
  );
  assert.equal(value, false, out);
  assert.match(out, /page\.md:2:1: url/);
  assert.deepEqual((await listFiles(tmp.path)).filter((f) => !f.startsWith("src/")), []);
});

Deno.test("build: a url that is a generated or copied file's path is an error naming both", async () => {
  const sitemap = await renderError({ "page.md": "---\nurl: /sitemap.xml\n---\nbody\n" });
  assert.match(sitemap.message, /\/sitemap\.xml collides with sitemap\.xml/);
  assert.equal(sitemap.location.line, 2);
  const copied = await renderError({
    "page.md": "---\nurl: /pic.svg\n---\nbody\n",
    "pic.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
  });
  assert.match(copied.message, /collides with the copied file pic\.svg/);
  const index = await renderError({ "page.md": "---\nurl: /assets/search/zh.json\n---\nbody\n" });
  assert.match(
    index.message,
    /\/assets\/search\/zh\.json is inside assets\/search\/, a folder the site writes whole/,
  );
  assert.equal(index.location.line, 2);
});

Deno.test("build: a url that is a file where another page needs a folder is an error naming the page", async () => {
  const error = await renderError({
    "page.md": "---\nurl: /lectures\n---\nbody\n",
    "lectures/a.md": "A\n",
  });
  assert.match(error.message, /\/lectures is written as the file lectures, but .*a\.md/);
  assert.equal(error.location.line, 2);
});

Deno.test("writeOutput: any failure leaves no temporary folder and the previous output as it was", async () => {
  await using tmp = await tempDir();
  const dest = `${tmp.path}/site`;
  await writeOutput(new Map([["index.html", "first"]]), dest);
  for (
    const output of [
      new Map([["a", "file"], ["a/b.html", "needs a folder"]]),
      new Map([["../outside.html", "x"]]),
      new Map([["/abs.html", "x"]]),
    ]
  ) {
    await assert.rejects(writeOutput(output, dest));
    assert.deepEqual([...Deno.readDirSync(tmp.path)].map((e) => e.name), ["site"]);
    assert.equal(Deno.readTextFileSync(`${dest}/index.html`), "first");
  }
  // Files that come late (the search index) are written after the rest; if they fail, so does all.
  const bytes = new TextEncoder().encode("late");
  for (
    const make of [
      () => Promise.reject(new Error("the index could not be written")),
      () => Promise.resolve([["../escape.txt", bytes]] as Array<[string, Uint8Array]>),
    ]
  ) {
    const files = make();
    files.catch(() => {}); // as Site.later() does: reported where it is awaited
    const late = [{ folder: "assets/search", files }];
    await assert.rejects(writeOutput(new Map([["index.html", "second"]]), dest, late));
    assert.deepEqual([...Deno.readDirSync(tmp.path)].map((e) => e.name), ["site"]);
    assert.equal(Deno.readTextFileSync(`${dest}/index.html`), "first");
  }
  const output = new Map<string, string | Uint8Array>([["index.html", "third"]]);
  const late = [{ folder: "assets/search", files: Promise.resolve([["x/y.json", bytes]]) }];
  await writeOutput(output, dest, late as Parameters<typeof writeOutput>[2]);
  assert.equal(Deno.readTextFileSync(`${dest}/assets/search/x/y.json`), "late");
  assert.ok(output.has("assets/search/x/y.json"), "late files join the output");
});

Deno.test("Staging: a page on its way to disk when the build fails is not written, and no folder is left", async () => {
  await using tmp = await tempDir();
  const staging = new Staging(`${tmp.path}/site`);
  const page = staging.writePage("a/index.html", new TextEncoder().encode("<p>a</p>"));
  page.catch(() => {});
  await staging.abort();
  await assert.rejects(page, /the build stopped before a\/index\.html was written/);
  assert.deepEqual([...Deno.readDirSync(tmp.path)], []);
});

Deno.test("build: layouts resolve only inside _includes; anything else is an error at the layout line", async () => {
  for (const layout of ["../../../../../../etc/passwd", "layouts/../../deno.json", "/etc/passwd"]) {
    const error = await renderError({
      "page.md": `---\ntitle: T\nlayout: ${layout}\n---\nbody\n`,
    });
    assert.match(error.message, /layout .* not found/, layout);
    assert.equal(error.location.line, 3, layout);
  }
});

Deno.test("buildCommand: a dest that is, contains or lies inside the sources is refused and nothing is touched", async () => {
  const before = [...Deno.readDirSync(ROOT)].map((e) => e.name).sort();
  for (
    const dest of [
      ROOT,
      `${ROOT}/..`,
      `${ROOT}/lectures`,
      `${ROOT}/lectures/out`,
      `${ROOT}/_includes/out`,
    ]
  ) {
    const { value, out } = await captureConsole(() => buildCommand(CONFIG, { dest }));
    assert.equal(value, false, dest);
    assert.match(out, /refusing to build into .*: it (is|contains)/, dest);
  }
  assert.deepEqual([...Deno.readDirSync(ROOT)].map((e) => e.name).sort(), before);
  assert.ok(Deno.statSync(`${ROOT}/lectures`).isDirectory);
});

Deno.test("buildCommand: an existing dest is replaced only if empty or an earlier build's output", async () => {
  await using tmp = await tempDir();
  const src = fixture("sites", "plain");
  await writeFiles(tmp.path, { "notes/keep.txt": "mine" });
  const refused = await captureConsole(() =>
    buildCommand(CONFIG, { src, dest: `${tmp.path}/notes` })
  );
  assert.equal(refused.value, false);
  assert.match(refused.out, /not empty, and is not the output of an earlier build/);
  assert.equal(Deno.readTextFileSync(`${tmp.path}/notes/keep.txt`), "mine");

  await Deno.mkdir(`${tmp.path}/empty`);
  for (let i = 0; i < 2; i++) {
    const ok = await captureConsole(() => buildCommand(CONFIG, { src, dest: `${tmp.path}/empty` }));
    assert.equal(ok.value, true, ok.out);
  }
});

Deno.test("build: earlier outputs inside the source folder are never read as sources", async () => {
  await using tmp = await tempDir();
  await writeFiles(tmp.path, { "page.md": "# P\n", "pic.svg": "<svg/>" });
  for (const dest of ["out1", "out2"]) {
    const r = await captureConsole(() =>
      buildCommand(CONFIG, { src: tmp.path, dest: `${tmp.path}/${dest}` })
    );
    assert.equal(r.value, true, r.out);
  }
  const files = await listFiles(`${tmp.path}/out2`);
  assert.ok(files.includes("pic.svg"));
  assert.deepEqual(files.filter((f) => f.startsWith("out1")), []);
});

Deno.test("build: URLs are escaped in every attribute; sitemap <loc> is percent-encoded", async () => {
  await using tmp = await tempDir();
  const evil = `/x" onmouseover="alert(1)/`;
  await writeFiles(tmp.path, {
    "01-a.md": `---\ntitle: A\nurl: '${evil}'\n---\nA\n`,
    "02-b.md": "---\ntitle: B\n---\nB\n",
    "03-with space.md": "---\ntitle: C\n---\nC\n",
  });
  const { output } = await render(await freshSite({ src: tmp.path }));
  for (const path of ["index.html", "02-b/index.html"]) {
    const html = text(output, path);
    assert.ok(!html.includes(`" onmouseover="`), `${path} has a live attribute`);
    assert.ok(html.includes(`href="/x&quot; onmouseover=&quot;alert(1)/"`), path);
  }
  const sitemap = text(output, "sitemap.xml");
  assert.match(sitemap, /<loc>[^<]*\/03-with%20space\/<\/loc>/);
  assert.match(sitemap, /<loc>[^<]*x%22%20onmouseover=%22alert\(1\)\/<\/loc>/);
});

Deno.test("buildCommand: location comes from --location, else _config.ts, else the default", async () => {
  await using tmp = await tempDir();
  const src = fixture("sites", "plain");
  const config = `${tmp.path}/_config.ts`;
  Deno.writeTextFileSync(
    config,
    Deno.readTextFileSync(CONFIG).replaceAll('"./ssg/', `"${ROOT}/ssg/`)
      .replace(/location: "[^"]*"/, 'location: "https://notes.example.net/course/"'),
  );
  const dest = `${tmp.path}/site`;
  const sitemap = () => Deno.readTextFileSync(`${dest}/sitemap.xml`);
  const build = (...args: string[]) =>
    captureConsole(() =>
      buildCommand(config, parseFlags(["build", "--src", src, "--dest", dest, ...args]).options)
    );
  assert.equal((await build()).value, true);
  assert.match(sitemap(), /<loc>https:\/\/notes\.example\.net\/course\/notes\//);
  assert.equal((await build("--location", "https://flag.example.org/")).value, true);
  assert.match(sitemap(), /<loc>https:\/\/flag\.example\.org\/notes\//);
  assert.doesNotMatch(sitemap(), /127\.0\.0\.1|notes\.example\.net/);
});

Deno.test("build: a UTF-8 byte-order mark is dropped, so front matter stays front matter", async () => {
  await using tmp = await tempDir();
  await writeFiles(tmp.path, { "01-bom.md": "\uFEFF---\ntitle: 带 BOM\n---\n正文\n" });
  const { output } = await render(await freshSite({ src: tmp.path }));
  const html = text(output, "01-bom/index.html");
  assert.match(html, /<h1>带 BOM<\/h1>/);
  assert.doesNotMatch(html, /title: 带 BOM/);
});

Deno.test("build: invalid UTF-8 is an error naming the file and the line of the first bad byte", async () => {
  const enc = new TextEncoder();
  const bytes = new Uint8Array([
    ...enc.encode("---\ntitle: T\n---\n好\nab"),
    0xff,
    ...enc.encode("c\n"),
  ]);
  const error = await renderError({ "page.md": bytes });
  assert.match(error.message, /not valid UTF-8 \(byte 0xff\)/);
  assert.equal(error.location.line, 5);
  assert.equal(error.location.column, 3);
});

Deno.test("build: a U+FFFD written in a page is text, not a bad byte", async () => {
  await using tmp = await tempDir();
  await writeFiles(tmp.path, { "01-r.md": "---\ntitle: R\n---\n替换字符 \uFFFD 照常显示\n" });
  const { output } = await render(await freshSite({ src: tmp.path }));
  assert.match(text(output, "01-r/index.html"), /<p>替换字符 \uFFFD 照常显示<\/p>/);
});

Deno.test("build: nesting deeper than markdown-it reads is an error at file:line, not lost text", async () => {
  const deep = "> ".repeat(120) + "lost words\n";
  const error = await renderError({ "page.md": `---\ntitle: T\n---\n\nintro\n\n${deep}` });
  assert.match(error.message, /nested deeper than 100 levels/);
  assert.equal(error.location.line, 7, error.format());
});
