/**
 * `_data` code modules (`_data/*.ts`) run only when a template of the build reads their name:
 * a page's body, its layout, or an include. A module no template reads is never imported; one
 * that fails names its file and the template that read it; a misspelt name still gets its
 * did-you-mean.
 */
import assert from "node:assert/strict";
import { render } from "../../ssg/core/build.ts";
import { SiteError } from "../../ssg/core/errors.ts";
import { loadPage } from "../../ssg/core/load.ts";
import { renderPage } from "../../ssg/core/render.ts";
import { createRenderer } from "../../ssg/core/renderer.ts";
import { freshSite, tempDir, text, writeFiles } from "../helpers.ts";

declare global {
  var lazyDataRuns: string[];
}

/** A module that throws when it is imported: a build that imports it fails. */
const THROWS = 'throw new Error("heavy ran");\nexport default { x: 1 };\n';

const page = (body: string, layout = '""') => `---\ntitle: A\nlayout: ${layout}\n---\n\n${body}\n`;

Deno.test("a _data module that no template reads is never imported", async () => {
  await using dir = await tempDir();
  await writeFiles(dir.path, {
    "_data/heavy.ts": THROWS,
    "_data/notes.yaml": "word: yaml-word\n",
    "a.md": page("Plain text, {{ notes.word }}."),
  });
  const result = await render(await freshSite({ src: dir.path }));
  assert.match(text(result.output, "a/index.html"), /Plain text, yaml-word\./);
});

Deno.test("a _data module runs when a page, a layout or an include reads it", async () => {
  await using dir = await tempDir();
  const module = (x: string) => `export default { x: "${x}" };\n`;
  await writeFiles(dir.path, {
    "_data/by_page.ts": module("page-value"),
    "_data/by_layout.ts": module("layout-value"),
    "_data/by_include.ts": module("include-value"),
    "_data/heavy.ts": THROWS,
    "_includes/layouts/lazy.vto":
      '<main>{{ content }}</main><footer>{{ by_layout.x }}</footer>{{ include "parts/inc.vto" }}\n',
    "_includes/parts/inc.vto": "<aside>{{ by_include.x }}</aside>\n",
    "a.md": page("Body {{ by_page.x }}.", "layouts/lazy.vto"),
  });
  const result = await render(await freshSite({ src: dir.path }));
  const html = text(result.output, "a/index.html");
  assert.match(html, /Body page-value\./);
  assert.match(html, /<footer>layout-value<\/footer>/);
  assert.match(html, /<aside>include-value<\/aside>/);
});

Deno.test("a _data module that throws names its file and the template that read it", async () => {
  await using dir = await tempDir();
  await writeFiles(dir.path, {
    "_data/heavy.ts": THROWS,
    "_includes/parts/heavy.vto": "<b>{{ heavy.x }}</b>",
    "a.md": page("Nothing here."),
    "b.md": page("Now {{ heavy.x }}."),
  });
  const failure = async () => {
    const error = await render(await freshSite({ src: dir.path })).then(() => null, (e) => e);
    assert.ok(error instanceof SiteError, String(error));
    assert.equal(error.location.file, `${dir.path}/_data/heavy.ts`);
    assert.match(error.message, /heavy ran/);
    return error.message;
  };
  assert.match(await failure(), new RegExp(`read as "heavy" by ${dir.path}/b\\.md`));

  await Deno.writeTextFile(`${dir.path}/b.md`, page('Now {{ include "parts/heavy.vto" }}.'));
  assert.match(
    await failure(),
    new RegExp(`read as "heavy" by ${dir.path}/_includes/parts/heavy\\.vto`),
  );
});

Deno.test("a misspelt name gets the _data module it is near, which does not run", async () => {
  await using dir = await tempDir();
  await writeFiles(dir.path, {
    "_data/heavy.ts": THROWS,
    "_data/lazy.ts": 'export default { sgd: { final: "0.5" } };\n',
    "a.md": page("Intro.\n\nValue {{ heavyy.x }}."),
  });
  const error = await render(await freshSite({ src: dir.path })).then(() => null, (e) => e);
  assert.ok(error instanceof SiteError, String(error));
  assert.match(error.message, /"heavyy" is not defined \(did you mean "heavy"\?\)/);
  assert.equal(error.location.line, 8);

  // A typo deeper down, once the module has run: the name of the key it is near.
  await Deno.writeTextFile(`${dir.path}/a.md`, page("Value {{ lazy.sgd.fnal }}."));
  const deeper = await render(await freshSite({ src: dir.path })).then(() => null, (e) => e);
  assert.ok(deeper instanceof SiteError, String(deeper));
  assert.match(deeper.message, /lazy\.sgd has no "fnal" \(did you mean "lazy\.sgd\.final"\?\)/);
});

Deno.test("a _data module is imported once per render job, whatever reads it", async () => {
  await using dir = await tempDir();
  const root = dir.path;
  await writeFiles(root, {
    "_data/counted.ts": 'globalThis.lazyDataRuns.push("counted");\nexport default { n: 7 };\n',
    "_data/unread.ts": 'globalThis.lazyDataRuns.push("unread");\nexport default {};\n',
    "_components/probe.ts": 'export default (_, ctx) => `<i>${"counted" in ctx.data}</i>`;\n',
    "_includes/parts/n.vto": "<b>{{ counted.n }}</b>",
    "plain.md": page("No data."),
    "a.md": page('{{ counted.n }} {{ include "parts/n.vto" }} {{ comp.Probe() }}'),
    "b.md": page("{{ counted.n + 1 }}"),
  });
  globalThis.lazyDataRuns = [];
  const site = await freshSite({ src: root });
  const r = await createRenderer(site);
  const html = async (src: string) => {
    const out = await renderPage(r, loadPage(`${root}/${src}`, src, site.options.languages));
    return new TextDecoder().decode(out.html);
  };
  assert.match(await html("plain.md"), /No data\./);
  assert.deepEqual(lazyDataRuns, [], "no page has read it yet");
  // Components get what a page passes them: ctx.data holds YAML, JSON and site.data() values.
  assert.match(await html("a.md"), /7 <b>7<\/b> <i>false<\/i>/);
  assert.match(await html("b.md"), /<p>8<\/p>/);
  assert.deepEqual(lazyDataRuns, ["counted"]);
});
