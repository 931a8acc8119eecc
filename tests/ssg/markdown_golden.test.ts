/**
 * Golden files for the Markdown pipeline (Vento → markdown-it → KaTeX →
 * highlight.js → components): each `tests/fixtures/markdown/NAME.md` renders
 * through the project's `_config.ts` with the fixture's bare layout, and must
 * match `tests/output/markdown/NAME.html`. On a mismatch the new output is
 * written to `NAME-changed.html` beside it. Refresh with `deno task golden`.
 */
import assert from "node:assert/strict";
import { fixture, renderSite, ROOT, text } from "../helpers.ts";

const SRC = fixture("markdown");
const GOLDEN = `${ROOT}/tests/output/markdown`;
const update = Deno.env.get("UPDATE_GOLDEN") === "1";

/**
 * Makes output diff-friendly and stable: one tag per line where there was
 * whitespace between tags, trailing spaces gone, `<pre>` blocks kept verbatim
 * (whitespace in code is content).
 */
export function normalize(html: string): string {
  return html.split(/(<pre[\s>][\s\S]*?<\/pre>)/).map((part, i) =>
    i % 2 === 1 ? part : part.replace(/>\s+</g, ">\n<").replace(/[ \t]+\n/g, "\n")
  ).join("").trim() + "\n";
}

const names = [...Deno.readDirSync(SRC)]
  .filter((e) => e.isFile && e.name.endsWith(".md"))
  .map((e) => e.name.slice(0, -3))
  .sort();

const { output } = await renderSite({ src: SRC });

Deno.test("markdown fixtures: there are fixtures, and each has a golden", () => {
  assert.ok(names.length >= 5, `fixtures: ${names}`);
  if (update) return;
  for (const name of names) {
    assert.ok(
      Deno.statSync(`${GOLDEN}/${name}.html`).isFile,
      `missing tests/output/markdown/${name}.html; run deno task golden`,
    );
  }
});

for (const name of names) {
  Deno.test(`markdown golden: ${name}.md renders as tests/output/markdown/${name}.html`, async () => {
    const actual = normalize(text(output, `${name}/index.html`));
    const golden = `${GOLDEN}/${name}.html`;
    const changed = `${GOLDEN}/${name}-changed.html`;
    if (update) {
      await Deno.mkdir(GOLDEN, { recursive: true });
      await Deno.writeTextFile(golden, actual);
      await Deno.remove(changed).catch(() => {});
      return;
    }
    const expected = await Deno.readTextFile(golden);
    if (actual !== expected) {
      await Deno.writeTextFile(changed, actual);
      assert.fail(
        `${name}.md no longer renders as its golden; see tests/output/markdown/${name}-changed.html ` +
          `(diff it against ${name}.html; run deno task golden if the change is right)`,
      );
    }
    await Deno.remove(changed).catch(() => {});
  });
}

Deno.test("normalize(html) keeps <pre> verbatim and is idempotent", () => {
  const html = "<p>a</p>  \n  <div>\n<pre><code>x\n    y  \n</code></pre>\n</div>";
  const once = normalize(html);
  assert.equal(once, "<p>a</p>\n<div>\n<pre><code>x\n    y  \n</code></pre>\n</div>\n");
  assert.equal(normalize(once), once);
});
