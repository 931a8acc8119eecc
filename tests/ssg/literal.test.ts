/**
 * `{{` in code and TeX: fenced and inline code are literal, TeX braces are
 * never replaced by data, and `{{ value }}` (with a space) still works in formulas.
 */
import assert from "node:assert/strict";
import { SiteError } from "../../ssg/core/errors.ts";
import { renderSite, tempDir, text } from "../helpers.ts";

async function page(body: string, data = "") {
  await using dir = await tempDir();
  await Deno.writeTextFile(`${dir.path}/page.md`, `---\ntitle: The Title\n${data}---\n\n${body}\n`);
  const { output } = await renderSite({ src: dir.path });
  return text(output, "page/index.html");
}

Deno.test("fenced code with {{ }} is printed as written, not run", async () => {
  const html = await page('```python\nprint(f"{{epoch}}")\nd = {{"a": 1}}\n```');
  assert.match(html, /\{\{epoch\}\}/);
  assert.match(
    html,
    /\{\{<span class="hljs-string">&quot;a&quot;<\/span>: <span class="hljs-number">1<\/span>\}\}|\{\{&quot;a&quot;: 1\}\}/,
  );
});

Deno.test("inline code with {{ title }} is printed as written", async () => {
  const html = await page("Write `{{ title }}` and ``{{x}} ` `` here; {{ title }} outside.");
  assert.match(html, /<code>\{\{ title \}\}<\/code>/);
  assert.match(html, /<code>\{\{x\}\} ` <\/code>/);
  assert.match(html, /here; The Title outside/);
});

Deno.test("TeX braces are TeX: $\\text{{title}}$ is not the page title", async () => {
  const html = await page("A $\\text{{title}}$ and $\\frac{1}{{n}}$.\n\n$$\nx^{{-1}}\n$$");
  assert.doesNotMatch(html, /The Title<\/span><\/span>/);
  assert.match(html, /<mtext>title<\/mtext>/);
  assert.match(html, /<mi>n<\/mi>/);
});

Deno.test("{{ value }} with a space is a tag inside TeX: computed values in formulas", async () => {
  const html = await page("Best $w = {{ best }}$.\n\n$$\nb = {{ best * 2 }}\n$$", "best: 2.5\n");
  assert.match(html, /<mn>2.5<\/mn>/);
  assert.match(html, /<mn>5<\/mn>/);
});

Deno.test("an undefined name in a TeX tag is still an error at its line", async () => {
  const error = await page("Text.\n\n$w = {{ nothing_here }}$").catch((e) => e);
  assert.ok(error instanceof SiteError, String(error));
  assert.match(error.message, /"nothing_here" is not defined/);
  assert.equal(error.location.line, 7);
});

Deno.test("a printed value undefined at any depth is an error naming it, not an empty string", async () => {
  const data = "run:\n  loss: [1, 0.5]\n  final: 0.25\n  note: null\n";
  const html = await page("Loss {{ run.final }}, first {{ run.loss[0] }}.", data);
  assert.match(html, /Loss 0.25, first 1\./);
  const cases: [string, RegExp][] = [
    [
      "{{ run.fianl }}",
      /^"run\.fianl" is undefined: run has no "fianl" \(did you mean "run\.final"\?\)$/,
    ],
    ["{{ run.loss[2] }}", /^"run\.loss\[2\]" is undefined$/],
    ["{{ run.note.text }}", /^"run\.note\.text" cannot be read: "run\.note" is null$/],
    [
      "{{ run.zzzzzz |> toFixed(2) }}",
      /^"run\.zzzzzz" is undefined: run has no "zzzzzz" \(run has loss, final, note\)$/,
    ],
  ];
  for (const [tag, message] of cases) {
    const error = await page(`Text.\n\n$w = ${tag}$`, data).catch((e) => e);
    assert.ok(error instanceof SiteError, `${tag}: ${error}`);
    assert.match(error.message, message);
    assert.equal(error.location.line, 11, tag);
  }
});

Deno.test("a tag after code on the same line keeps its column", async () => {
  const error = await page("`{{x}}` then {{ missing }}").catch((e) => e);
  assert.ok(error instanceof SiteError, String(error));
  assert.equal(error.location.column, 14);
});
