/**
 * Page code (pages, layouts, components, data modules) renders in the page sandbox: it may
 * read the project and nothing else, even in a process that may do everything (these
 * tests run with -A). Hostile input fails fast, at its file and line.
 */
import assert from "node:assert/strict";
import { render } from "../../ssg/core/build.ts";
import { AHEAD, Sandbox, sandboxPermissions, startThread } from "../../ssg/core/sandbox.ts";
import { childArgs } from "../../ssg/cli/launch.ts";
import { parseFlags } from "../../ssg/cli/flags.ts";
import { taskPermissions, toolBinaries } from "../../ssg/cli/permissions.ts";
import { serve } from "../../ssg/server/server.ts";
import { activeContent } from "../../ssg/core/svg_check.ts";
import { CONFIG, freshSite, ROOT, tempDir, withTimeout, writeFiles } from "../helpers.ts";

async function failure(files: Record<string, string>): Promise<Error> {
  await using tmp = await tempDir();
  await writeFiles(tmp.path, files);
  const site = await freshSite({ src: tmp.path });
  const error = await render(site).then(() => null, (e) => e);
  assert.ok(error instanceof Error, "the build must fail");
  return error;
}

const where = (e: Error) => (e as Error & { where?: string }).where ?? "";

Deno.test("render(site): a page that writes, runs, reads the environment or the network is refused at its line", async () => {
  const cases: Array<[string, string]> = [
    ['Deno.writeTextFileSync("planted.txt", "x")', "write"],
    ['new Deno.Command("true").outputSync().code', "run"],
    ['Deno.env.get("HOME")', "env"],
    ['await fetch("http://127.0.0.1:8/")', "net"],
    ['Deno.dlopen("libc.so.6", {})', "ffi"],
    ["Deno.osRelease()", "sys"],
  ];
  for (const [code, access] of cases) {
    const error = await failure({ "page.md": `---\ntitle: P\n---\n\nfine\n\n{{ ${code} }}\n` });
    assert.match(error.message, new RegExp(`Requires ${access} access`), code);
    assert.match(where(error), /page\.md:7:\d+$/, code);
  }
  assert.throws(() => Deno.statSync(`${ROOT}/planted.txt`), Deno.errors.NotFound);
});

Deno.test("Sandbox: a thread started before the site loaded renders only with the site's own permissions", async () => {
  await using tmp = await tempDir();
  await Deno.writeTextFile(
    `${tmp.path}/page.md`,
    '---\ntitle: P\n---\n\n{{ Deno.writeTextFileSync("planted.txt", "x") }}\n',
  );
  const site = await freshSite({ src: tmp.path });
  // A thread that may write (as a wrong guess of the permissions would have): not taken over.
  const wide = startThread({ ...sandboxPermissions(site, site.configUrl!), write: true });
  const sandbox = new Sandbox(site, wide);
  try {
    const error = await render(site, { sandboxes: [sandbox] }).then(() => null, (e) => e);
    assert.match(String(error?.message), /Requires write access/);
  } finally {
    sandbox.close();
  }
  await assert.rejects(Deno.stat(`${tmp.path}/planted.txt`));
  await assert.rejects(Deno.stat("planted.txt"));

  // The site's own permissions, the config imported ahead: taken over, and the page renders.
  await Deno.writeTextFile(`${tmp.path}/page.md`, "---\ntitle: P\n---\n\n早早启动\n");
  const thread = startThread(sandboxPermissions(site, site.configUrl!), site.configUrl);
  const ready = new Sandbox(site, thread);
  try {
    const { output } = await render(site, { sandboxes: [ready] });
    assert.match(new TextDecoder().decode(output.get("page/index.html") as Uint8Array), /早早启动/);
  } finally {
    ready.close();
  }
});

Deno.test("render(site): a sandbox far ahead of a slow build thread waits for it, and every page arrives in order", async () => {
  await using tmp = await tempDir();
  const n = AHEAD * 3;
  const name = (i: number) => `p${String(i).padStart(3, "0")}`;
  await writeFiles(
    tmp.path,
    Object.fromEntries(
      Array.from(
        { length: n },
        (_, i) => [`${name(i)}.md`, `---\ntitle: ${name(i)}\n---\n\n第 ${i} 页\n`],
      ),
    ),
  );
  const site = await freshSite({ src: tmp.path });
  const seen: string[] = [];
  // A build thread slower than the sandbox (a slow disk, say): it falls behind by many pages.
  site.rendered((_html, page) => {
    const until = performance.now() + 3;
    while (performance.now() < until) { /* busy */ }
    seen.push(page.src);
  });
  // A sandbox that waited for word that never came would hang the build.
  const { output } = await withTimeout(render(site), 60_000, "a build whose thread fell behind");
  const pages = seen.filter((src) => /^p\d+\.md$/.test(src));
  assert.equal(pages.length, n);
  assert.deepEqual(pages, [...pages].sort());
  for (let i = 0; i < n; i += 37) {
    const html = new TextDecoder().decode(output.get(`${name(i)}/index.html`) as Uint8Array);
    assert.match(html, new RegExp(`第 ${i} 页`));
  }
});

Deno.test("render(site): a component or a layout is sandboxed like a page", async () => {
  const component = await failure({
    "_components/evil.ts":
      'Deno.writeTextFileSync("planted.txt", "x");\nexport default () => "<p>x</p>";\n',
    "page.md": "---\ntitle: P\n---\n\n{{ comp.Evil() }}\n",
  });
  assert.match(component.message, /Requires write access/);
  assert.match(where(component), /_components\/evil\.ts/);
  const layout = await failure({
    "_includes/layouts/evil.vto": '{{ Deno.env.get("HOME") }}{{ content }}\n',
    "page.md": "---\ntitle: P\nlayout: layouts/evil.vto\n---\n\nhi\n",
  });
  assert.match(layout.message, /Requires env access/);
  assert.match(where(layout), /layouts\/evil\.vto:1:\d+$/);
});

Deno.test("render(site): a layout that includes itself is an include loop, at once", async () => {
  const t0 = performance.now();
  const error = await failure({
    "_includes/layouts/loop.vto": '<main>{{ include "layouts/loop.vto" }}</main>\n',
    "page.md": "---\ntitle: P\nlayout: layouts/loop.vto\n---\n\nhi\n",
  });
  assert.match(error.message, /include loop: .*loop\.vto → .*loop\.vto/);
  assert.match(where(error), /loop\.vto:1:\d+$/);
  // Before, the heap grew to 4 GB for about a minute; the limit is generous for a loaded machine.
  assert.ok(performance.now() - t0 < 30_000);
});

Deno.test("render(site): a YAML alias bomb in front matter names the page and the line", async () => {
  const rows = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
  for (const [i, name] of ["b", "c", "d", "e", "f", "g"].entries()) {
    const prev = String.fromCharCode(97 + i);
    rows.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(", ")}]`);
  }
  const error = await failure({ "page.md": `---\ntitle: P\n${rows.join("\n")}\n---\n\nhi\n` });
  assert.match(error.message, /bad YAML front matter: .*alias/i);
  assert.match(where(error), /page\.md:4:\d+$/);
});

Deno.test("render(site): an SVG with a script, a handler or a javascript: link is refused, naming it", async () => {
  const svg = (body: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg">\n<rect width="1" height="1"/>\n${body}\n</svg>\n`;
  const cases: Array<[string, RegExp]> = [
    ["<script>alert(1)</script>", /<script> element/],
    ['<rect onload="alert(1)"/>', /event handler \(onload=\)/],
    ['<a href="jav&#x61;script:alert(1)"><text>x</text></a>', /javascript: URL/],
    ['<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"/></foreignObject>', /foreignObject/],
  ];
  for (const [body, what] of cases) {
    const error = await failure({
      "page.md": "---\ntitle: P\n---\n\n![x](evil.svg)\n",
      "evil.svg": svg(body),
    });
    assert.match(error.message, what, body);
    assert.match(where(error), /evil\.svg:3:\d+$/, body);
  }
  assert.equal(
    activeContent(svg('<path d="M0 0h1" class="online"/><text>onload</text>')),
    undefined,
  );
});

Deno.test("serve: pages render in the sandbox too, and the error shows where", async () => {
  await using tmp = await tempDir();
  await Deno.writeTextFile(`${tmp.path}/page.md`, "---\ntitle: P\n---\n\nfine\n");
  const server = serve(CONFIG, { src: tmp.path, port: 0 }, { quiet: true });
  try {
    await withTimeout(server.ready, 60_000, "first build");
    const next = server.nextBuild();
    await Deno.writeTextFile(
      `${tmp.path}/page.md`,
      '---\ntitle: P\n---\n\n{{ Deno.writeTextFileSync("planted.txt", "x") }}\n',
    );
    const reply = await withTimeout(next, 60_000, "rebuild");
    assert.ok(!reply.ok);
    assert.match(reply.error.printout, /page\.md:5:\d+: Requires write access .*not permitted/);
    assert.throws(() => Deno.statSync(`${tmp.path}/planted.txt`), Deno.errors.NotFound);
  } finally {
    await server.close();
  }
});

Deno.test("taskPermissions: build writes only --dest and its sibling; serve writes nothing", () => {
  const imports = { esbuild: "npm:esbuild@0.28.2" };
  const build = taskPermissions(parseFlags(["build", "--dest", "../public"]), "/p/site", imports);
  assert.deepEqual(build.write, ["/p/public", "/p/public.tmp"]);
  assert.deepEqual(build.read, ["/p/site", "/p/public", "/p/public.tmp"]);
  assert.deepEqual(build.net, []);
  assert.deepEqual(build.run, toolBinaries("/p/site", imports));
  const serve = taskPermissions(parseFlags(["serve", "--src", "/notes"]), "/p/site", imports);
  assert.deepEqual(serve.write, []);
  assert.deepEqual(serve.read, ["/p/site", "/notes"]);
  assert.deepEqual(serve.net, ["127.0.0.1", "localhost", "[::1]"]);
  assert.deepEqual(
    taskPermissions(parseFlags(["serve", "--hostname", "0.0.0.0"]), "/p", imports).net,
    ["0.0.0.0"],
  );
  assert.throws(() => toolBinaries("/p", { esbuild: "npm:esbuild@^0.28" }), /exact version/);
});

Deno.test("childArgs: the one binary the build may run is the esbuild deno.json imports", () => {
  const imports = JSON.parse(Deno.readTextFileSync(`${ROOT}/deno.json`)).imports;
  const args = childArgs(["build"], ROOT);
  const run = args.find((a) => a.startsWith("--allow-run="))!.slice("--allow-run=".length);
  const version = imports.esbuild.slice(imports.esbuild.lastIndexOf("@") + 1);
  assert.match(run, new RegExp(`^[^,]*@esbuild\\+[\\w-]+@${version.replace(/\./g, "\\.")}/[^,]*$`));
  assert.ok(args.includes("--unstable-worker-options"));
  assert.ok(!args.some((a) => a === "-A" || a.startsWith("--allow-all")));
});
