/**
 * Every runnable Python listing in lectures/*.md (```python run) runs with
 * python3 and numpy and prints what its ```text output block says. A listing
 * that drifts fails here with the lecture's file and line. Skipped, with a
 * message, when python3 or numpy is missing, except in CI, which must have them.
 */
import assert from "node:assert/strict";
import { checkListing, extractListings } from "../../ssg/listings.ts";
import { hasPython, ROOT } from "../helpers.ts";

/** Debian's interpreter, which has PyTorch (the `python3` first on the PATH may not). */
const TORCH_PYTHON = "/usr/bin/python3";
const torch = (() => {
  try {
    const { success } = new Deno.Command(TORCH_PYTHON, {
      args: ["-c", "import torch, numpy"],
      stdout: "null",
      stderr: "null",
    }).outputSync();
    return success;
  } catch {
    return false;
  }
})();
if (!torch) {
  const why = `${TORCH_PYTHON} cannot import torch`;
  if (Deno.env.get("CI")) {
    throw new Error(`listings.test.ts: ${why}; CI must install python3-torch`);
  }
  console.warn(`listings.test.ts: torch listings SKIPPED — ${why} (apt-get install python3-torch)`);
}

const python = hasPython();
if (!python.ok) {
  if (Deno.env.get("CI")) throw new Error(`listings.test.ts: ${python.why}; CI must install it`);
  console.warn(`listings.test.ts: SKIPPED — ${python.why} (apt-get install python3-numpy)`);
}

const files = [...Deno.readDirSync(`${ROOT}/lectures`)]
  .filter((e) => e.isFile && e.name.endsWith(".md"))
  .map((e) => `lectures/${e.name}`)
  .sort();

Deno.test("lectures: the runnable listings of lectures 2 and 3 are marked, with outputs", () => {
  for (const file of files.filter((f) => /\/0[23]-/.test(f))) {
    const listings = extractListings(Deno.readTextFileSync(`${ROOT}/${file}`), file);
    assert.ok(listings.length >= 3, `${file}: ${listings.length} runnable listings`);
    assert.ok(listings.filter((l) => l.output).length >= 3, `${file}: outputs stated`);
  }
});

for (const file of files) {
  Deno.test({
    name: `lectures: ${file}: each runnable listing prints what the page says`,
    ignore: !python.ok,
    async fn() {
      const listings = extractListings(Deno.readTextFileSync(`${ROOT}/${file}`), file);
      const problems = [];
      for (const listing of listings) {
        const needsTorch = [listing, ...listing.before].some((l) => l.needs.includes("torch"));
        if (needsTorch && !torch) continue;
        const python = needsTorch ? TORCH_PYTHON : "python3";
        const problem = await checkListing(listing, { cwd: ROOT, python });
        if (problem) problems.push(problem);
      }
      assert.equal(problems.join("\n\n"), "");
    },
  });
}
