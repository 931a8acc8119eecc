/**
 * Every runnable Python listing in lectures/*.md (```python run, ```python run
 * torch) runs with the listings' interpreter ($PYTHON, else /usr/bin/python3)
 * and prints what its ```text output block says. A listing that drifts fails
 * here with the lecture's file and line. A listing whose needs (numpy, torch)
 * the interpreter lacks is skipped with a message naming them, except in CI,
 * where it fails.
 */
import assert from "node:assert/strict";
import { extractListings } from "../../ssg/core/listings.ts";
import type { Listing } from "../../ssg/core/listings.ts";
import { checkListings, ROOT } from "../helpers.ts";

const files = [...Deno.readDirSync(`${ROOT}/lectures`)]
  .filter((e) => e.isFile && e.name.endsWith(".md"))
  .map((e) => `lectures/${e.name}`)
  .sort();

const listingsOf = (file: string) =>
  extractListings(Deno.readTextFileSync(`${ROOT}/${file}`), file);

/** What a reader of either language is shown to run: markers and output blocks, not the words. */
const shape = (l: Listing) => ({
  needs: l.needs.join("+"),
  continues: l.before.length,
  output: l.output !== undefined,
});

Deno.test("lectures: a lecture and its English twin prove the same listings", () => {
  const twins = files.filter((f) => f.endsWith(".en.md"))
    .map((en) => [en.replace(/\.en\.md$/, ".md"), en])
    .filter(([zh]) => files.includes(zh));
  for (const [zh, en] of twins) {
    assert.deepEqual(
      listingsOf(en).map(shape),
      listingsOf(zh).map(shape),
      `${en} marks its listings (python run, torch, continues, output) as ${zh} does`,
    );
  }
});

for (const file of files) {
  Deno.test(`lectures: ${file}: each runnable listing prints what the page says`, async () => {
    assert.equal((await checkListings(listingsOf(file))).join("\n\n"), "");
  });
}
