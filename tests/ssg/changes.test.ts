/** What a save means to the dev server: which builds a batch of changed files asks for. */
import assert from "node:assert/strict";
import {
  applyChanges,
  changedOutput,
  outputChanges,
  whatChanged,
} from "../../ssg/server/changes.ts";
import { hotModules, realPaths } from "../../ssg/server/hot.ts";

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

Deno.test("changedOutput: files changed, added and removed, but not the search index yet to come", () => {
  const before = new Map<string, string | Uint8Array>([
    ["a/index.html", "<p>a</p>"],
    ["b/index.html", new TextEncoder().encode("<p>b</p>")],
    ["gone.css", "x"],
    ["assets/search/zh.json", "{}"],
  ]);
  const after = new Map<string, string | Uint8Array>([
    ["a/index.html", new TextEncoder().encode("<p>a</p>")],
    ["b/index.html", "<p>b, edited</p>"],
    ["new.js", "y"],
  ]);
  assert.deepEqual(changedOutput(before, after, ["assets/search"]), [
    "b/index.html",
    "gone.css",
    "new.js",
  ]);
  const many = new Map(Array.from({ length: 600 }, (_, i) => [`p${i}.html`, "x"]));
  assert.equal(changedOutput(new Map(), many), null, "too many to list: every page reloads");
});

/** A project in a temporary folder: `files` by path, a components and a data folder. */
function project(files: Record<string, string>) {
  const dir = Deno.makeTempDirSync({ prefix: "ssg-hot-" });
  for (const [path, text] of Object.entries(files)) {
    Deno.mkdirSync(`${dir}/${path.slice(0, path.lastIndexOf("/"))}`, { recursive: true });
    Deno.writeTextFileSync(`${dir}/${path}`, text);
  }
  return {
    dir,
    hot: (...edited: string[]) =>
      hotModules(new Set(edited.map((f) => `${dir}/${f}`)), [`${dir}/_components/`], [
        `${dir}/_data/`,
      ]),
    [Symbol.dispose]: () => Deno.removeSync(dir, { recursive: true }),
  };
}

Deno.test("hotModules: an edit re-imports the components above it, with their new code", async () => {
  using p = project({
    "_components/_shared/word.ts": 'export const word = "alpha";\n',
    "_components/word_badge.ts":
      'import { word } from "./_shared/word.ts";\nexport default () => `<b>${word}</b>`;\n',
    "_components/other/mod.ts": 'export default () => "<i>other</i>";\n',
    "_data/site.ts": "export const x = 1;\n",
  });
  const hot = p.hot("_components/_shared/word.ts")!;
  assert.deepEqual(hot.names, ["WordBadge"], "only the component above the edit");
  const main = `${p.dir}/_components/word_badge.ts`;
  assert.deepEqual(Object.keys(hot.urls), [main]);
  Deno.writeTextFileSync(`${p.dir}/_components/_shared/word.ts`, 'export const word = "beta";\n');
  const fresh = p.hot("_components/_shared/word.ts")!;
  assert.notEqual(fresh.urls[main], hot.urls[main], "new code, new URL");
  assert.equal((await import(fresh.urls[main])).default(), "<b>beta</b>");
  assert.equal(hot.files[hot.urls[main]], main, "each URL names its real file");
  assert.match(
    realPaths(`Module not found, imported from ${fresh.urls[main]}:1:22`, fresh.files),
    new RegExp(`imported from ${main}:1:22$`),
  );
});

Deno.test("hotModules: a new sandbox when a data module imports the edit, or for a cycle", () => {
  using p = project({
    "_components/_chart/train.ts": "export const runs = new Map();\n",
    "_components/curve/mod.ts":
      'import { runs } from "../_chart/train.ts";\nexport default () => String(runs.size);\n',
    "_components/_a.ts": 'import { b } from "./_b.ts";\nexport const a = () => b;\n',
    "_components/_b.ts": 'import { a } from "./_a.ts";\nexport const b = 1; export { a };\n',
    "_components/loop/mod.ts": 'import { a } from "../_a.ts";\nexport default () => a();\n',
    "_data/lecture.ts":
      'import { runs } from "../_components/_chart/train.ts";\nexport { runs };\n',
  });
  assert.equal(p.hot("_components/_chart/train.ts"), null, "_data would keep the old runs");
  assert.equal(p.hot("_components/_b.ts"), null, "a cycle of edited modules");
  assert.deepEqual(p.hot("_components/curve/mod.ts")?.names, ["Curve"]);
});

Deno.test("outputChanges / applyChanges: the build thread sends what changed, the server patches what it serves", () => {
  const css = new TextEncoder().encode("p{}");
  const before = new Map<string, string | Uint8Array>([
    ["a/index.html", "<p>a</p>"],
    ["b/index.html", new TextEncoder().encode("<p>b</p>")],
    ["site.css", css],
    ["gone.js", "x"],
  ]);
  const after = new Map<string, string | Uint8Array>([
    ["a/index.html", "<p>a</p>"],
    ["b/index.html", new TextEncoder().encode("<p>b, edited</p>")],
    ["site.css", new TextEncoder().encode("p{}")], // read again, same bytes
    ["new.js", "y"],
  ]);
  const changes = outputChanges(before, after);
  assert.deepEqual(changes.set.map(([p]) => p), ["b/index.html", "new.js"]);
  assert.deepEqual(changes.removed, ["gone.js"]);

  // The server's copy also holds the search index, which comes later, on its own.
  const served = new Map([...before, ["assets/search/zh.json", "{}"]]);
  const { output, changed } = applyChanges(served, changes);
  assert.deepEqual(changed, ["b/index.html", "gone.js", "new.js"]);
  assert.deepEqual([...output.keys()].sort(), [
    "a/index.html",
    "assets/search/zh.json",
    "b/index.html",
    "new.js",
    "site.css",
  ]);
  assert.equal(
    new TextDecoder().decode(output.get("b/index.html") as Uint8Array),
    "<p>b, edited</p>",
  );
  assert.equal(output.get("site.css"), css);
  assert.equal(served.get("gone.js"), "x", "what was served is left as it was");
  assert.deepEqual(outputChanges(after, after), { set: [], removed: [] });
});
