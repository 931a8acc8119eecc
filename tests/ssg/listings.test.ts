/**
 * Runnable listings: which fences count, the lines they report, the `...`
 * rule of output blocks, and the message a drifting or failing listing gives.
 * Runs that need python3 are skipped, with a message, when it is missing.
 */
import assert from "node:assert/strict";
import { extractListings, mayHoldListings, parseMarker } from "../../ssg/core/listings.ts";
import {
  checkListing,
  compareOutput,
  DEBIAN_PYTHON,
  listingPlan,
  listingPython,
  probePython,
} from "../python.ts";
import { SiteError } from "../../ssg/core/errors.ts";
import { CI, pythonProbe, ROOT } from "../helpers.ts";

const probe = pythonProbe();
const python = { ok: !probe.broken && !probe.missing.includes("numpy") };
if (!python.ok) {
  if (CI) throw new Error(`listings.test.ts: ${probe.broken || "numpy is missing"}`);
  console.warn(`listings.test.ts: SKIPPED runs — ${probe.broken || "numpy is missing"}`);
}

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
  assert.deepEqual([first.needs, second.needs], [["numpy"], ["numpy"]]);
});

Deno.test("parseMarker(): run, torch and continues in any order after python; other fences are not listings", () => {
  const marker = (continues: boolean, torch: boolean) => ({ continues, torch });
  assert.deepEqual(parseMarker("python run"), marker(false, false));
  assert.deepEqual(parseMarker("python run torch"), marker(false, true));
  assert.deepEqual(parseMarker(" python torch run "), marker(false, true));
  assert.deepEqual(parseMarker("python continues run"), marker(true, false));
  assert.deepEqual(parseMarker("python run torch continues"), marker(true, true));
  assert.deepEqual(parseMarker("python continues torch run"), marker(true, true));
  for (const info of ["python", "python torch", "text output", "run python", "", "pythonrun"]) {
    assert.equal(parseMarker(info), null, info);
  }
  assert.throws(() => parseMarker("python run troch"), /unknown word "troch"/);
});

Deno.test("extractListings(): a torch listing needs torch, and so does every listing that continues it", () => {
  const source = [
    "```python run torch", // line 1
    "import torch",
    "```",
    "",
    "```python continues run", // line 5
    "print(torch.ones(1))",
    "```",
    "",
    "```python run", // line 9
    "print(1)",
    "```",
    "",
    "```python run continues", // line 13
    "print(2)",
    "```",
    "",
  ].join("\n");
  const listings = extractListings(source, "t.md");
  assert.deepEqual(listings.map((l) => [l.line, l.needs, l.before.length]), [
    [2, ["numpy", "torch"], 0],
    [6, ["numpy", "torch"], 1],
    [10, ["numpy"], 0],
    [14, ["numpy"], 1],
  ]);
});

Deno.test("mayHoldListings(): every fence extractListings reads passes; a page of prose and plain code does not", () => {
  for (
    const page of [
      "```python run\nx = 1\n```",
      "  ~~~~ python torch run continues\nx\n~~~~",
      "> ```python   run\n> x\n> ```",
      "- item\n\n  ```text output\n  1\n  ```",
      "```python run torhc\nx\n```",
    ]
  ) {
    assert.ok(mayHoldListings(page), page);
    // Each one is read: a listing, or an error at its fence.
    try {
      assert.equal(extractListings(`# t\n\n${page}\n`, "t.md").length, 1, page);
    } catch (e) {
      assert.ok(e instanceof SiteError, page);
    }
  }
  for (
    const page of ["# t\n\nrun the code:\n\n```python\nprint(1)\n```\n", "`python run` in text"]
  ) {
    assert.equal(mayHoldListings(page), false, page);
    assert.deepEqual(extractListings(page, "t.md"), []);
  }
});

Deno.test("extractListings(): an unknown word in a runnable fence is an error at its line", () => {
  assert.throws(() => extractListings("# t\n\n```python run torhc\nx = 1\n```\n", "l.md"), (e) => {
    assert.ok(e instanceof SiteError);
    assert.equal(e.where, "l.md:3:1");
    assert.match(e.message, /unknown word "torhc" in a ```python run fence/);
    return true;
  });
});

Deno.test("listingPython(): $PYTHON when set, else Debian's python3, never python3 from the PATH", () => {
  assert.equal(listingPython("/opt/py/bin/python3", () => true), "/opt/py/bin/python3");
  assert.equal(listingPython(undefined, (p) => p === DEBIAN_PYTHON), DEBIAN_PYTHON);
  assert.equal(listingPython("", (p) => p === DEBIAN_PYTHON), DEBIAN_PYTHON);
  assert.equal(listingPython(undefined, () => false), undefined);
});

Deno.test("listingPlan(): what is missing is named; skipped off CI, a failure in CI", () => {
  const [numpy, torch] = extractListings(
    "```python run\nprint(1)\n```\n\n```python run torch\nprint(2)\n```\n",
    "lectures/04-x.md",
  );
  const noTorch = { python: "/usr/bin/python3", broken: "", missing: ["torch"] };
  assert.equal(listingPlan(numpy, noTorch, false), "run");
  assert.equal(listingPlan(numpy, noTorch, true), "run");
  assert.deepEqual(listingPlan(torch, noTorch, false), {
    skip: "lectures/04-x.md:6: skipped: needs torch, which /usr/bin/python3 cannot import " +
      "(apt-get install python3-torch)",
  });
  assert.deepEqual(listingPlan(torch, noTorch, true), {
    fail: "lectures/04-x.md:6: needs torch, which /usr/bin/python3 cannot import; " +
      "CI must run every listing (apt-get install python3-torch)",
  });
  const none = probePython(undefined);
  assert.equal(
    none.broken,
    `no Python interpreter: ${DEBIAN_PYTHON} does not exist and PYTHON is not set`,
  );
  assert.match(
    (listingPlan(numpy, none, false) as { skip: string }).skip,
    /^lectures\/04-x\.md:2: skipped: no Python interpreter/,
  );
  assert.match(
    (listingPlan(torch, none, true) as { fail: string }).fail,
    /python3-numpy python3-torch\)$/,
  );
});

Deno.test("probePython(): an interpreter that is not there is named as such", () => {
  const gone = probePython("/nonexistent/bin/python3");
  assert.equal(gone.broken, "/nonexistent/bin/python3 is not installed");
});

Deno.test({
  name: "probePython(): a module the interpreter cannot import is reported missing",
  ignore: !!probe.broken,
  fn() {
    const asked = probePython(probe.python, ["json", "no_such_module_for_listings"]);
    assert.deepEqual(asked, {
      python: probe.python,
      broken: "",
      missing: ["no_such_module_for_listings"],
    });
  },
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
