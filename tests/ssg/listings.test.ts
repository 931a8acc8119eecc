/**
 * Runnable listings: which fences count, the lines they report, the `...`
 * rule of output blocks, and the message a drifting or failing listing gives.
 * Runs that need python3 are skipped, with a message, when it is missing.
 */
import assert from "node:assert/strict";
import { checkListing, compareOutput, extractListings } from "../../ssg/listings.ts";
import { SiteError } from "../../ssg/errors.ts";
import { hasPython, ROOT } from "../helpers.ts";

const python = hasPython();
if (!python.ok) console.warn(`listings.test.ts: SKIPPED runs — ${python.why}`);

const page = [
  "---",
  "title: t",
  "---",
  "",
  "```python run",
  "a = 41",
  "print(a)",
  "```",
  "",
  "Output:",
  "",
  "```text output",
  "41",
  "```",
  "",
  "```python",
  "print('not run')",
  "```",
  "",
  "```python run continues",
  "print(a * a)",
  "```",
  "",
  "```text output",
  "1681",
  "```",
  "",
].join("\n");

Deno.test("extractListings() finds python run fences, their lines, outputs and what they continue", () => {
  const [first, second, ...rest] = extractListings(page, "x.md");
  assert.deepEqual(rest, []);
  assert.equal(first.line, 6);
  assert.equal(first.code, "a = 41\nprint(a)\n");
  assert.deepEqual(first.output, { line: 13, text: "41\n" });
  assert.deepEqual(first.before, []);
  assert.equal(second.line, 21);
  assert.deepEqual(second.before, [first]);
  assert.deepEqual(second.output, { line: 25, text: "1681\n" });
});

Deno.test("extractListings() refuses an output block with no runnable listing before it", () => {
  const bad = "```python\nprint(1)\n```\n\n```text output\n1\n```\n";
  assert.throws(() => extractListings(bad, "bad.md"), (e: unknown) => {
    assert.ok(e instanceof SiteError);
    assert.equal(e.where, "bad.md:5:1");
    assert.match(e.message, /output block must follow a ```python run listing/);
    return true;
  });
  assert.throws(
    () => extractListings("```python run continues\nx\n```\n", "c.md"),
    /continuing listing needs a ```python run listing before it/,
  );
});

Deno.test("compareOutput(): exact lines, ... for any run of lines, trailing blanks ignored", () => {
  assert.equal(compareOutput("a\nb\n", "a\nb  \n\n"), null);
  assert.equal(compareOutput("a\n...\nz\n", "a\nb\nc\nz\n"), null);
  assert.equal(compareOutput("a\n...\nz\n", "a\nz\n"), null);
  assert.equal(compareOutput("...\nc\n...\n", "a\nb\nc\nd\n"), null);
  assert.deepEqual(compareOutput("a\nb\n", "a\nc\n"), { line: 1, expected: "b", printed: "c" });
  assert.deepEqual(compareOutput("a\n", "a\nb\n"), {
    line: 1,
    expected: "(end of the block)",
    printed: "b",
  });
  assert.deepEqual(compareOutput("a\n...\nz\n", "a\nb\nc\n"), {
    line: 2,
    expected: "z",
    printed: "c",
  });
  assert.deepEqual(compareOutput("a\nb\nc\n", "a\n"), {
    line: 1,
    expected: "b",
    printed: "(end of the output)",
  });
});

Deno.test({
  name: "checkListing(): a lecture whose stated output drifts fails with its file and line",
  ignore: !python.ok,
  async fn() {
    const file = "lectures/02-linear-model.md";
    const real = Deno.readTextFileSync(`${ROOT}/${file}`);
    const drifted = real.replace("\nbest w = 3.0 MSE = 0.0\n", "\nbest w = 3.1 MSE = 0.0\n");
    assert.notEqual(drifted, real);
    const listing = extractListings(drifted, file)[0];
    const lines = drifted.split("\n");
    const stated = lines.indexOf("best w = 3.1 MSE = 0.0") + 1;
    const message = await checkListing(listing, { cwd: ROOT });
    assert.equal(
      message,
      [
        `${file}:${listing.line}: the listing does not print what its output block (line ${
          listing.output!.line
        }) says`,
        `  line ${stated} expected: best w = 3.1 MSE = 0.0`,
        `  ${" ".repeat(`line ${stated}`.length)} printed:  best w = 3.0 MSE = 0.0`,
      ].join("\n"),
    );
    assert.equal(
      lines[listing.line - 2],
      "```python run",
      "the listing's line is its first code line",
    );
  },
});

Deno.test({
  name: "checkListing(): a listing that raises reports the lecture's line in the traceback",
  ignore: !python.ok,
  async fn() {
    const source = "# t\n\n```python run\nx = 1\nprint(1 / (x - 1))\n```\n";
    const [listing] = extractListings(source, "lectures/99-broken.md");
    const message = await checkListing(listing, { cwd: ROOT });
    assert.match(message!, /^lectures\/99-broken\.md:4: the listing failed:/);
    assert.match(message!, /File "lectures\/99-broken\.md", line 5/);
    assert.match(message!, /ZeroDivisionError/);
  },
});

Deno.test({
  name: "checkListing(): a continuing listing sees the names of the one before, not its output",
  ignore: !python.ok,
  async fn() {
    const [, second] = extractListings(page, "x.md");
    assert.equal(await checkListing(second, { cwd: ROOT }), null);
  },
});
