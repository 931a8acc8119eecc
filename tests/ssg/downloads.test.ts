/**
 * Downloads: each lecture with runnable listings offers them as one `.py` script and one
 * Jupyter notebook beside the page, linked from it in its language; the notebook is nbformat 4
 * that `python3 -m json.tool` and nbformat's validator accept, the script compiles, and two
 * builds write the same bytes. Validation needs python3-nbformat: skipped with a message without
 * it, except in CI.
 */
import assert from "node:assert/strict";
import { extractListings } from "../../ssg/core/listings.ts";
import { probePython } from "../python.ts";
import { lectureCells } from "../../ssg/core/notebook.ts";
import { headingsOf } from "../../ssg/plugins/downloads.ts";
import { CI, pythonProbe, renderSite, ROOT, tempDir, text } from "../helpers.ts";

const page = [
  "## Setup", // 1
  "",
  "Text about [the data](02-linear-model.md) and ![a plot](p.svg).",
  "",
  "## Experiment", // 5
  "",
  "### Part a",
  "",
  "Run this:",
  "",
  "```python run", // 11
  "print(1)",
  "```",
  "",
  "### Part b",
  "",
  "It prints {{ lecture2.count }} values:",
  "",
  "```python run continues", // 19
  "print(2)",
  "```",
  "",
  "```python",
  "not_run()",
  "```",
  "",
  "## Closing words",
].join("\n");

Deno.test("lectureCells(): each listing with its section headings and the paragraph before it", () => {
  const cells = lectureCells(page, "p.md");
  assert.deepEqual(cells.map((c) => [c.headings, c.text, c.listing.line]), [
    // "Setup" held no listing and "Experiment" closed it; "Part a" is under "Experiment".
    [[1, 2], "Run this:", 12],
    // A paragraph with a tag exists only once the page renders: left out.
    [[3], undefined, 20],
  ]);
  const linked = lectureCells("Read [this](x.md) first.\n\n```python run\nx = 1\n```\n", "q.md");
  assert.equal(linked[0].text, "Read this first.");
  assert.equal(lectureCells(page, "p.md", 5)[0].listing.line, 16, "lines count from the body's");
});

Deno.test("headingsOf(): rendered headings as text, formulas as TeX, the anchor dropped", () => {
  const html = '<main><h2 id="a" tabindex="-1">Why <code>w</code> &amp; ' +
    '<span class="katex"><span class="katex-mathml"><math><semantics><mi>b</mi>' +
    '<annotation encoding="application/x-tex">\\hat b</annotation></semantics></math></span>' +
    '<span class="katex-html"><span>b</span></span></span>? <a class="anchor" href="#a">#</a></h2>' +
    '<h3 id="b">Next</h3><h2>no id: not a section</h2></main>';
  assert.deepEqual(headingsOf(html), [
    { level: 2, text: "Why `w` & $\\hat b$?" },
    { level: 3, text: "Next" },
  ]);
});

const { output, pages } = await renderSite({});
const lectures = pages.filter((p) => p.type === "md" && p.file && p.data.downloads);

Deno.test("downloads: every page with runnable listings links its .py and .ipynb, in its language", () => {
  const withListings = pages.filter((p) =>
    p.file && p.type === "md" && extractListings(p.source, p.path).length > 0
  );
  assert.ok(withListings.length >= 2, "the course has lectures with listings");
  assert.deepEqual(lectures.map((p) => p.src), withListings.map((p) => p.src));
  for (const p of lectures) {
    const html = text(output, p.output);
    const { py, ipynb } = p.data.downloads as { py: string; ipynb: string };
    assert.match(py, new RegExp(`^${p.url}[^/]+\\.py$`));
    assert.equal(ipynb, py.replace(/\.py$/, ".ipynb"));
    for (const file of [py, ipynb]) {
      assert.ok(html.includes(`href="${file}" download`), `${p.output} links ${file}`);
      assert.ok(output.has(file.slice(1)), `${file} is written`);
    }
    const words = p.data.lang === "zh"
      ? /本讲代码：.*Python 脚本.*Jupyter 笔记本/
      : /This lecture's code:.*Python script.*Jupyter notebook/;
    assert.match(html, words);
  }
  for (const p of pages.filter((p) => p.output.endsWith(".html") && !p.data.downloads)) {
    assert.doesNotMatch(text(output, p.output), /class="downloads"/, `${p.output} has no listings`);
  }
});

Deno.test("downloads: the notebook's code cells and the script are the page's listings, in order", () => {
  for (const p of lectures) {
    const { py, ipynb } = p.data.downloads as { py: string; ipynb: string };
    const listings = extractListings(p.source, p.path).map((l) => l.code.replace(/\n+$/, ""));
    const nb = JSON.parse(text(output, ipynb.slice(1)));
    assert.equal(nb.nbformat, 4);
    const code = nb.cells.filter((c: { cell_type: string }) => c.cell_type === "code")
      .map((c: { source: string[] }) => c.source.join(""));
    assert.deepEqual(code, listings, ipynb);
    assert.match(nb.cells[0].source.join(""), new RegExp(`^# ${p.data.title}\n`));
    const script = text(output, py.slice(1));
    let at = 0;
    for (const l of listings) {
      const found = script.indexOf(l, at);
      assert.ok(found >= at, `${py} holds each listing, in order`);
      at = found + l.length;
    }
  }
});

Deno.test("downloads: two builds write the same bytes", async () => {
  const again = await renderSite({});
  for (const p of lectures) {
    const { py, ipynb } = p.data.downloads as { py: string; ipynb: string };
    for (const f of [py, ipynb]) {
      assert.equal(text(again.output, f.slice(1)), text(output, f.slice(1)));
    }
  }
});

const probe = pythonProbe();
const why = probe.broken ||
  (probePython(probe.python, ["nbformat"]).missing.length
    ? `nbformat is missing for ${probe.python} (apt-get install python3-nbformat)`
    : "");
if (why && CI) throw new Error(`downloads.test.ts: ${why}; CI must install it`);
if (why) console.warn(`downloads.test.ts: SKIPPED notebook validation — ${why}`);

Deno.test({
  name: "downloads: json.tool and nbformat accept every notebook; every script compiles",
  ignore: !!why,
  async fn() {
    await using tmp = await tempDir();
    for (const [n, p] of lectures.entries()) {
      const { py, ipynb } = p.data.downloads as { py: string; ipynb: string };
      const nbFile = `${tmp.path}/${n}.ipynb`, pyFile = `${tmp.path}/${n}.py`;
      await Deno.writeTextFile(nbFile, text(output, ipynb.slice(1)));
      await Deno.writeTextFile(pyFile, text(output, py.slice(1)));
      const run = async (args: string[]) => {
        const r = await new Deno.Command(probe.python!, {
          args,
          stdout: "null",
          stderr: "piped",
          cwd: ROOT,
        }).output();
        return r.success ? "" : new TextDecoder().decode(r.stderr);
      };
      assert.equal(await run(["-m", "json.tool", nbFile]), "", `${ipynb}: json.tool`);
      assert.equal(
        await run([
          "-c",
          "import nbformat, sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))",
          nbFile,
        ]),
        "",
        `${ipynb}: nbformat`,
      );
      assert.equal(
        await run(["-c", "import ast, sys; ast.parse(open(sys.argv[1]).read())", pyFile]),
        "",
        `${py}: compiles`,
      );
    }
  },
});
