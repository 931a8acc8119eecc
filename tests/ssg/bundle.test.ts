/**
 * Component client code bundled at build time: shared chunks loaded once, the same bytes on
 * every build (cold or cached), only on pages that use the component, an error in a client
 * file at its line and column, and the JS each page loads in the build summary.
 */
import assert from "node:assert/strict";
import { render, summary } from "../../ssg/core/build.ts";
import { forgetBundles } from "../../ssg/core/bundle.ts";
import { SiteError } from "../../ssg/core/errors.ts";
import { copyDir, fixture, freshSite, ROOT, tempDir, text } from "../helpers.ts";

const SRC = fixture("sites", "charts");

Deno.test("bundle: chart pages load their components' bundles, which import one shared chunk", async () => {
  const { output } = await render(await freshSite({ src: SRC }));
  const html = text(output, "linked/index.html");
  const scripts = [...html.matchAll(/<script type="module" async src="\/(components\/[^"]+)"/g)]
    .map((
      m,
    ) => m[1]);
  assert.deepEqual(scripts.sort(), [
    "components/data_fit.js",
    "components/loss_curve.js",
    "components/loss_heatmap.js",
    "components/sweep_table.js",
  ]);
  const chunks = [...output.keys()].filter((k) => /^components\/chunk-[\w-]+\.js$/.test(k));
  assert.ok(chunks.length >= 1, "code shared by the charts is split into a chunk");
  for (const s of scripts) {
    assert.match(text(output, s), /from"\.\/chunk-/, `${s} imports the shared chunk`);
  }
  assert.doesNotMatch(text(output, "plain/index.html"), /components\//);
  // Minified browser code, no TypeScript left, no source paths.
  for (const f of [...scripts, ...chunks]) {
    assert.doesNotMatch(text(output, f), /\n\s+\w|interface |\/work\//, f);
  }
});

Deno.test("bundle: two builds give byte-identical bundles, bundled anew or from the cache", async () => {
  forgetBundles();
  const a = (await render(await freshSite({ src: SRC }))).output;
  forgetBundles();
  const b = (await render(await freshSite({ src: SRC }))).output;
  const cached = (await render(await freshSite({ src: SRC }))).output;
  const js = (o: typeof a) =>
    [...o].filter(([k]) => k.startsWith("components/")).map(([k, v]) => [k, text(o, k), v]);
  assert.ok(js(a).length >= 5, "the charts' bundles and their shared chunk");
  assert.deepEqual(js(a).map(([k, t]) => [k, t]), js(b).map(([k, t]) => [k, t]));
  assert.deepEqual(js(cached).map(([k, t]) => [k, t]), js(a).map(([k, t]) => [k, t]));
});

Deno.test("bundle: the summary prints the gzip size of the JS each chart page loads", async () => {
  const result = await render(await freshSite({ src: SRC }));
  const out = summary(result);
  assert.match(out, /per page at most: [\d.]+ kB JS \([\d.]+ kB gzip\)/);
  assert.match(out, /^ {2}linked\/index\.html: [\d.]+ kB JS gzip$/m);
  assert.doesNotMatch(out, /plain\/index\.html/);
  const w = result.weight.get("linked/index.html")!;
  assert.ok(w.jsGzip > 1000 && w.jsGzip < w.js, JSON.stringify(w));
});

Deno.test("bundle: an error in a component's client.ts fails the build at its file, line and column", async () => {
  await using tmp = await tempDir();
  await copyDir(SRC, tmp.path);
  await Deno.mkdir(`${tmp.path}/_components/broken`, { recursive: true });
  await Deno.writeTextFile(
    `${tmp.path}/_components/broken/mod.ts`,
    'export default () => "<b>x</b>";\n',
  );
  await Deno.writeTextFile(
    `${tmp.path}/_components/broken/client.ts`,
    'const a = 1;\nconst b = a +;\nimport { nothing } from "./missing.ts";\n',
  );
  const error = await render(await freshSite({ src: tmp.path })).then(() => null, (e) => e);
  assert.ok(error instanceof SiteError, String(error));
  assert.match(error.message, /^browser code: Unexpected ";"/);
  assert.equal(error.location.line, 2);
  assert.equal(error.location.column, 14);
  const rel = `${tmp.path}/_components/broken/client.ts`.replace(`${ROOT}/`, "");
  assert.equal(error.location.file, rel);
  assert.match(error.format(), /const b = a \+;\n\s+\|\s+\^/);
});
