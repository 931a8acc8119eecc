/**
 * Components in a fixture site's `_components/`: a `.ts` file and a folder
 * with `mod.ts` + `style.css` + `client.js`.
 */
import assert from "node:assert/strict";
import { render } from "../../ssg/core/build.ts";
import { SiteError } from "../../ssg/core/errors.ts";
import { copyDir, fixture, freshSite, renderSite, tempDir, text } from "../helpers.ts";

const SRC = fixture("sites", "components");
const { output } = await renderSite({ src: SRC });
const uses = text(output, "uses/index.html");
const plain = text(output, "plain/index.html");

Deno.test("components: a page using a folder component links its style.css and its bundled client", () => {
  assert.match(uses, /<link rel="stylesheet" href="\/components\/callout.css">/);
  assert.match(uses, /<script type="module" async src="\/components\/callout.js"><\/script>/);
  assert.equal(
    text(output, "components/callout.css"),
    Deno.readTextFileSync(`${SRC}/_components/callout/style.css`),
  );
  // The client is bundled and minified: its behaviour is kept, its comments and spacing are not.
  const js = text(output, "components/callout.js");
  assert.match(js, /callout/);
  assert.ok(js.length < Deno.readTextFileSync(`${SRC}/_components/callout/client.js`).length);
});

Deno.test("components: a page not using it links neither", () => {
  assert.doesNotMatch(plain, /components\/callout/);
});

Deno.test("components: HTML with blank lines and indentation is not turned into a code block", () => {
  assert.match(
    uses,
    /<div class="callout">\s*<p class="callout-title">Uses components<\/p>\s*<p>Indented four spaces/,
  );
  assert.doesNotMatch(uses, /<pre>|<code>|&lt;p/);
  assert.match(uses, /<p>Before.<\/p>/);
});

Deno.test("components: author strings are escaped where the component escapes them", () => {
  const esc = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co";
  assert.ok(uses.includes(`<span class="badge" title="${esc}">${esc}</span>`), uses);
  assert.doesNotMatch(uses, /<script>alert/);
});

Deno.test("comp.Name({ key: value }) accepts prop names that are not page data", async () => {
  await using tmp = await tempDir();
  await copyDir(SRC, tmp.path);
  await Deno.writeTextFile(
    `${tmp.path}/props.md`,
    '---\ntitle: Props\n---\n\n{{ comp.Badge({ author: "Ada Lovelace", size: 2 }) }}\n',
  );
  const result = await render(await freshSite({ src: tmp.path })).catch((e) =>
    assert.fail(
      `a component call with literal props fails: ${e instanceof SiteError ? e.format() : e}`,
    )
  );
  assert.match(
    text(result.output, "props/index.html"),
    /<span class="badge" title="Ada Lovelace">/,
  );
});

Deno.test("comp.Unknown() suggests the closest name and lists the known components", async () => {
  await using tmp = await tempDir();
  await copyDir(SRC, tmp.path);
  await Deno.writeTextFile(`${tmp.path}/bad.md`, "---\ntitle: Bad\n---\n\n{{ comp.Calout() }}\n");
  const error = await render(await freshSite({ src: tmp.path })).then(() => null, (e) => e);
  assert.ok(error instanceof SiteError, String(error));
  // The site's own components, then the project's (the theme layer) after them.
  assert.match(
    error.message,
    /unknown component "comp\.Calout" \(did you mean "comp\.Callout"\?\) \(components: Badge, Callout[,)]/,
  );
  assert.match(error.message, /, LossCurve, .*ResidualTable/);
  assert.equal(error.where, `${tmp.path}/bad.md:5:1`);
});
