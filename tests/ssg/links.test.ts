/**
 * Links and images follow the source tree: `.md` links become page URLs,
 * images resolve beside their page and are copied, and a broken link, anchor
 * or image fails the build at the page's file:line.
 */
import assert from "node:assert/strict";
import { SiteError } from "../../ssg/core/errors.ts";
import { render } from "../../ssg/core/build.ts";
import { freshSite, renderSite, tempDir, text } from "../helpers.ts";

type Files = Record<string, string | Uint8Array>;

async function build(files: Files, location?: string) {
  await using dir = await tempDir();
  for (const [path, body] of Object.entries(files)) {
    const file = `${dir.path}/${path}`;
    await Deno.mkdir(file.slice(0, file.lastIndexOf("/")), { recursive: true });
    if (typeof body === "string") await Deno.writeTextFile(file, body);
    else await Deno.writeFile(file, body);
  }
  return await renderSite({ src: dir.path, location });
}

async function buildError(files: Files): Promise<SiteError> {
  const error = await build(files).then(() => undefined, (e) => e);
  assert.ok(error instanceof SiteError, `expected a SiteError, got ${error}`);
  return error;
}

const lecture = (title: string, body: string) => `---\ntitle: ${title}\n---\n\n${body}\n`;
const B = lecture("B", "## 第二节\n\nText.");

Deno.test("links to .md sources (relative, absolute, other language) become page URLs", async () => {
  const { output } = await build({
    "lectures/01-a.md": lecture(
      "A",
      "[rel](02-b.md) [anchor](./02-b.md#第二节) [abs](/lectures/02-b.md) [en](02-b.en.md)",
    ),
    "lectures/02-b.md": B,
    "lectures/02-b.en.md": lecture("B en", "Text."),
  }, "https://example.org/course/");
  const html = text(output, "lectures/01-a/index.html");
  assert.match(html, /href="\/course\/lectures\/02-b\/">rel</);
  assert.ok(html.includes(`href="/course/lectures/02-b/#${encodeURI("第二节")}">anchor<`));
  assert.match(html, /href="\/course\/lectures\/02-b\/">abs</);
  assert.match(html, /href="\/course\/en\/lectures\/02-b\/">en</);
  assert.doesNotMatch(html, /\.md"/);
});

Deno.test("a link to a page that does not exist fails the build at its line and column", async () => {
  const error = await buildError({
    "lectures/01-a.md": lecture("A", "Intro.\n\n下一讲：[第五讲](/lectures/05-softmax/)。"),
  });
  assert.match(error.message, /broken link "\/lectures\/05-softmax\/"/);
  assert.match(error.location.file, /lectures\/01-a\.md$/);
  assert.equal(error.location.line, 7);
  assert.equal(error.location.column, 11);
});

Deno.test("a relative link that leads nowhere fails the build", async () => {
  const error = await buildError({
    "lectures/01-a.md": lecture("A", "[next](../05-softmax/)"),
  });
  assert.match(error.message, /broken link "\.\.\/05-softmax\/"/);
  assert.equal(error.location.line, 5);
});

Deno.test("a link to a missing .md file fails the build at its line", async () => {
  const error = await buildError({
    "lectures/01-a.md": lecture("A", "Intro.\n\n[x](05-softmax.md)"),
  });
  assert.match(error.message, /lectures\/05-softmax\.md, which does not exist/);
  assert.equal(error.location.line, 7);
  assert.equal(error.location.column, 5);
});

Deno.test("an #anchor missing on the target page fails; existing anchors pass", async () => {
  const ok = await build({
    "lectures/01-a.md": lecture("A", "[b](02-b.md#第二节) [here](#intro)\n\n## Intro"),
    "lectures/02-b.md": B,
  });
  assert.ok(ok.output.has("lectures/01-a/index.html"));
  const error = await buildError({
    "lectures/01-a.md": lecture("A", "[b](02-b.md#第三节)"),
    "lectures/02-b.md": B,
  });
  assert.match(error.message, /lectures\/02-b\/index\.html has no id "第三节"/);
  const local = await buildError({ "lectures/01-a.md": lecture("A", "Text.\n\n[x](#nowhere)") });
  assert.match(local.message, /no id "nowhere"/);
  assert.equal(local.location.line, 7);
});

Deno.test("links are checked in the output as the finishers left it, not as the page rendered", async () => {
  await using dir = await tempDir();
  await Deno.mkdir(`${dir.path}/lectures`);
  await Deno.writeTextFile(`${dir.path}/lectures/01-a.md`, lecture("A", "[b](02-b.md)"));
  await Deno.writeTextFile(`${dir.path}/lectures/02-b.md`, B);
  const site = await freshSite({ src: dir.path });
  // A plugin's finisher, run before the link check, rewrites a page that rendered fine.
  site.finishers.unshift((output) => {
    const html = new TextDecoder().decode(output.get("lectures/01-a/index.html") as Uint8Array);
    output.set("lectures/01-a/index.html", html.replace('href="/lectures/02-b/"', 'href="/gone/"'));
  });
  const error = await render(site).then(() => undefined, (e) => e);
  assert.ok(error instanceof SiteError, `expected a SiteError, got ${error}`);
  assert.match(error.message, /broken link "\/gone\/": no page or file gone\/index\.html/);
});

Deno.test("an image beside the lecture resolves relative to its file and is copied", async () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"/>';
  const webp = new Uint8Array([82, 73, 70, 70]);
  const { output } = await build({
    "lectures/01-a.md": lecture("A", "![graph](graph.svg)\n\n![photo](img/photo.webp)"),
    "lectures/graph.svg": svg,
    "lectures/img/photo.webp": webp,
  }, "https://example.org/course/");
  const html = text(output, "lectures/01-a/index.html");
  assert.match(html, /<img src="\/course\/lectures\/graph\.svg" alt="graph">/);
  assert.match(html, /<img src="\/course\/lectures\/img\/photo\.webp" alt="photo">/);
  assert.equal(text(output, "lectures/graph.svg"), svg);
  assert.deepEqual(output.get("lectures/img/photo.webp"), webp);
});

Deno.test("a missing image fails the build at its line and column", async () => {
  const error = await buildError({
    "lectures/01-a.md": lecture("A", "Text.\n\nSee ![graph](grpah.svg) here."),
  });
  assert.match(error.message, /image lectures\/grpah\.svg not found/);
  assert.equal(error.location.line, 7);
  assert.equal(error.location.column, 14);
});

Deno.test("a missing absolute image fails the build", async () => {
  const error = await buildError({ "lectures/01-a.md": lecture("A", "![x](/img/none.png)") });
  assert.match(error.message, /broken link "\/img\/none\.png"/);
  assert.equal(error.location.line, 5);
});

Deno.test("an image with a title alone in its paragraph is a figure with a caption", async () => {
  const { output } = await build({
    "lectures/01-a.md": lecture(
      "A",
      '![Loss](g.svg "图 1：损失 <曲线>")\n\nText ![inline](g.svg "t").',
    ),
    "lectures/g.svg": "<svg/>",
  });
  const html = text(output, "lectures/01-a/index.html");
  assert.match(
    html,
    /<figure><img src="\/lectures\/g\.svg" alt="Loss"><figcaption>图 1：损失 &lt;曲线&gt;<\/figcaption><\/figure>/,
  );
  assert.match(html, /<p>Text <img src="\/lectures\/g\.svg" alt="inline" title="t">\.<\/p>/);
});
