/**
 * Component calls remembered across builds in one page sandbox (ssg/core/call_memo.ts): under
 * `deno task serve`, a page rendered again for another component's edit does not run its other
 * calls again; a change of props, data, module or place does, and so does every call that reads
 * the site's documentation of components.
 */
import assert from "node:assert/strict";
import { createRenderer } from "../../ssg/core/renderer.ts";
import { renderPage } from "../../ssg/core/render.ts";
import { loadPage } from "../../ssg/core/load.ts";
import { freshSite, tempDir } from "../helpers.ts";

declare global {
  var callMemoRuns: string[];
}

Deno.test("call memo: a page rendered again calls only what changed", async () => {
  await using dir = await tempDir();
  const root = dir.path;
  await Deno.mkdir(`${root}/_components`);
  await Deno.mkdir(`${root}/_data`);
  const component = (name: string, body: string) =>
    Deno.writeTextFile(
      `${root}/_components/${name}.ts`,
      `export default function (props, ctx) {
        globalThis.callMemoRuns.push("${name}:" + JSON.stringify(props) + ":" + ctx.id);
        ${body}
      }\n`,
    );
  await component("counter", `return "<b>" + props.n + " " + ctx.data.course.title + "</b>";`);
  await component("docs", `return "<i>" + ctx.components.size + "</i>";`);
  await component("formula", `return ctx.tex("x^2");`);
  await Deno.writeTextFile(`${root}/_data/course.yaml`, "title: one\n");
  await Deno.writeTextFile(
    `${root}/a.md`,
    '---\nlayout: ""\n---\n# A\n\n{{ comp.Counter({ n: 1 }) }}\n\n{{ comp.Counter({ n: 2 }) }}\n\n{{ comp.Docs() }}\n\n' +
      "{{ comp.Formula() }}\n",
  );
  const site = await freshSite({ src: root });
  const page = () => loadPage(`${root}/a.md`, "a.md", site.options.languages);
  const build = async (modules: Record<string, string> = {}) => {
    globalThis.callMemoRuns = [];
    const r = await createRenderer(site, modules);
    const out = await renderPage(r, page());
    return { html: new TextDecoder().decode(out.html), assets: out.assets, runs: callMemoRuns };
  };

  const first = await build();
  assert.deepEqual(first.runs, [
    'counter:{"n":1}:counter-1',
    'counter:{"n":2}:counter-2',
    "docs:{}:docs-1",
    "formula:{}:formula-1",
  ]);
  assert.match(first.html, /<b>1 one<\/b>[\s\S]*<b>2 one<\/b>/);

  // The same build again: only the call that reads every component's documentation runs.
  const second = await build();
  assert.deepEqual(second.runs, ["docs:{}:docs-1"]);
  assert.equal(second.html, first.html);
  assert.deepEqual(second.assets, first.assets, "KaTeX's stylesheet is still linked");
  assert.ok(first.assets.some((a) => a.endsWith("katex.min.css")));

  // Other props: that call runs, the other one is remembered.
  await Deno.writeTextFile(
    `${root}/a.md`,
    '---\nlayout: ""\n---\n# A\n\n{{ comp.Counter({ n: 1 }) }}\n\n{{ comp.Counter({ n: 3 }) }}\n\n{{ comp.Docs() }}\n\n' +
      "{{ comp.Formula() }}\n",
  );
  const third = await build();
  assert.deepEqual(third.runs, ['counter:{"n":3}:counter-2', "docs:{}:docs-1"]);
  assert.match(third.html, /<b>3 one<\/b>/);

  // The component's module imported anew (the dev server's hot edit): its calls run again.
  const edited = (await Deno.readTextFile(`${root}/_components/counter.ts`)).replace("<b>", "<b>+");
  const hot = await build({
    [`${root}/_components/counter.ts`]: `data:application/typescript,${encodeURIComponent(edited)}`,
  });
  assert.deepEqual(hot.runs, [
    'counter:{"n":1}:counter-1',
    'counter:{"n":3}:counter-2',
    "docs:{}:docs-1",
  ]);
  assert.match(hot.html, /<b>\+1 one<\/b>/);

  // Other data (a YAML file read anew): every call runs again.
  await Deno.writeTextFile(`${root}/_data/course.yaml`, "title: two\n");
  const fourth = await build();
  assert.equal(fourth.runs.length, 4);
  assert.match(fourth.html, /<b>1 two<\/b>/);
});

Deno.test("call memo: a _data module a page reads, imported as it renders, keeps calls remembered", async () => {
  await using dir = await tempDir();
  const root = dir.path;
  await Deno.mkdir(`${root}/_components`);
  await Deno.mkdir(`${root}/_data`);
  await Deno.writeTextFile(
    `${root}/_components/counter.ts`,
    `export default function (props) {
      globalThis.callMemoRuns.push("counter:" + props.n);
      return "<b>" + props.n + "</b>";
    }\n`,
  );
  await Deno.writeTextFile(`${root}/_data/lazy.ts`, "export default { n: 4 };\n");
  await Deno.writeTextFile(
    `${root}/a.md`,
    '---\nlayout: ""\n---\n\n{{ lazy.n }} {{ comp.Counter({ n: lazy.n }) }}\n',
  );
  const site = await freshSite({ src: root });
  const build = async () => {
    globalThis.callMemoRuns = [];
    const r = await createRenderer(site);
    const out = await renderPage(r, loadPage(`${root}/a.md`, "a.md", site.options.languages));
    return { html: new TextDecoder().decode(out.html), runs: callMemoRuns };
  };
  const first = await build();
  assert.deepEqual(first.runs, ["counter:4"]);
  assert.match(first.html, /4 <b>4<\/b>/);
  const second = await build();
  assert.deepEqual(second.runs, [], "the module read last build is no change of data");
  assert.equal(second.html, first.html);
});
