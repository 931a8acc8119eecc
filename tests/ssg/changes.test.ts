/** What a save means to the dev server: which builds a batch of changed files asks for. */
import assert from "node:assert/strict";
import { whatChanged } from "../../ssg/server/changes.ts";

const components = ["/p/_components/"];
const change = (...paths: string[]) => whatChanged(paths, components);

Deno.test("whatChanged: a lecture alone rebuilds what changed, in the same thread", () => {
  assert.deepEqual(change("/p/lectures/04-back.md"), {
    fresh: false,
    restart: false,
    components: false,
  });
  assert.deepEqual(change("/p/index.vto", "/p/lectures/a.en.md").fresh, false);
});

Deno.test("whatChanged: layouts, data files and static files rebuild every page", () => {
  for (const path of ["/p/_includes/layouts/base.vto", "/p/_data/site.yaml", "/p/a.svg"]) {
    assert.deepEqual(change(path), { fresh: true, restart: false, components: false }, path);
  }
  assert.equal(change("/p/_includes/partial.md").fresh, true, "a Markdown file in a _ folder");
});

Deno.test("whatChanged: components alone reload in the running thread", () => {
  assert.deepEqual(change("/p/_components/loss_curve/mod.ts", "/p/lectures/a.md"), {
    fresh: false,
    restart: false,
    components: true,
  });
});

Deno.test("whatChanged: other code (engine, config, data modules) restarts the build thread", () => {
  for (const path of ["/p/engine/tensor.ts", "/p/_config.ts", "/p/_data/lecture4.ts"]) {
    assert.deepEqual(change(path), { fresh: true, restart: true, components: false }, path);
  }
  assert.equal(change("/p/_components/a/mod.ts", "/p/engine/x.ts").restart, true, "mixed");
});

Deno.test("whatChanged: browser code is bundled afresh, never imported by the build thread", () => {
  for (const path of ["/p/_components/loss_curve/client.ts", "/p/ssg/client/page.js"]) {
    assert.deepEqual(change(path), { fresh: true, restart: false, components: false }, path);
  }
});
