/**
 * The two lock files agree: deno.lock (what build and serve install) and tests/deno.lock (that,
 * plus the test-only packages) resolve every package they share the same way, so a test runs the
 * very versions a build uses.
 */
import assert from "node:assert/strict";
import { ROOT } from "../helpers.ts";

interface Lock {
  specifiers: Record<string, string>;
  npm: Record<string, unknown>;
}
const read = (path: string) => JSON.parse(Deno.readTextFileSync(`${ROOT}/${path}`)) as Lock;

Deno.test("lock files: tests/deno.lock holds every resolution of deno.lock unchanged", () => {
  const build = read("deno.lock");
  const tests = read("tests/deno.lock");
  const changed = Object.entries(build.specifiers)
    .filter(([name, version]) => tests.specifiers[name] !== version)
    .map(([name, version]) =>
      `${name}: ${version} in deno.lock, ${tests.specifiers[name]} in tests`
    );
  assert.deepEqual(changed, []);
  const missing = Object.keys(build.npm).filter((p) => !(p in tests.npm));
  assert.deepEqual(missing, [], "packages deno.lock installs that tests/deno.lock lacks");
});

Deno.test("lock files: what only the tests lock is what tests/deps.ts pins", () => {
  const build = read("deno.lock");
  const tests = read("tests/deno.lock");
  const deps = Deno.readTextFileSync(`${ROOT}/tests/deps.ts`);
  const extra = Object.keys(tests.specifiers).filter((s) => !(s in build.specifiers));
  assert.ok(extra.length > 0, "the test-only packages");
  for (const specifier of extra) {
    assert.ok(deps.includes(specifier), `${specifier} is not in deps.ts`);
  }
});
