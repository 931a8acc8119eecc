/**
 * `deno task build` and `deno task serve` run with the least they need, so a
 * page that reads or writes outside what the build may touch fails with a
 * permission error naming the page. Run in a fresh copy of the project, the
 * way a clone runs them.
 */
import assert from "node:assert/strict";
import { freshCopy, ROOT, tempDir, withTimeout } from "../helpers.ts";

/** `deno task …` in `cwd`, with the `deno` running the tests first on PATH. */
function task(cwd: string, args: string[]) {
  const bin = Deno.execPath().slice(0, Deno.execPath().lastIndexOf("/"));
  return new Deno.Command(Deno.execPath(), {
    args: ["task", ...args],
    cwd,
    env: { PATH: `${bin}:${Deno.env.get("PATH") ?? ""}`, NO_COLOR: "1", SECRET_TOKEN: "hunter2" },
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  });
}

async function run(cwd: string, args: string[]) {
  const { code, stdout, stderr } = await task(cwd, args).output();
  const d = new TextDecoder();
  return { code, out: d.decode(stdout) + d.decode(stderr) };
}

Deno.test("deno task build: a page reading or writing outside is a permission error naming it; the site still builds", async () => {
  await using tmp = await tempDir("ssg-clone-");
  const project = `${tmp.path}/project`;
  await freshCopy(project);
  const esbuild = [...Deno.readDirSync(`${ROOT}/node_modules/.deno`)]
    .find((e) => e.name.startsWith("@esbuild+linux-"))?.name;
  const pages: Record<string, string> = {
    read: '---\ntitle: R\n---\n\nhost: {{ Deno.readTextFileSync("/etc/hostname") }}\n',
    write: '---\ntitle: W\n---\n\n{{> Deno.writeTextFileSync("by_page.txt", "x") }}\n',
    outside: '---\ntitle: O\n---\n\n{{> Deno.writeTextFileSync("../escaped.txt", "x") }}\n',
    // The build itself may write its output: a page may not.
    output: '---\ntitle: D\n---\n\n{{> Deno.writeTextFileSync("_site/planted.js", "x") }}\n',
    env: '---\ntitle: E\n---\n\n{{ Deno.env.get("SECRET_TOKEN") ?? "none" }}\n',
    // The build may run the bundler: a page may not, nor anything else.
    run:
      `---\ntitle: X\n---\n\n{{ new Deno.Command("./node_modules/.deno/${esbuild}/node_modules/@esbuild/${
        esbuild?.slice("@esbuild+".length, esbuild.lastIndexOf("@"))
      }/bin/esbuild", { args: ["--version"] }).outputSync().code }}\n`,
    net: '---\ntitle: N\n---\n\n{{ await fetch("http://127.0.0.1:8/") }}\n',
    ffi: '---\ntitle: F\n---\n\n{{ Deno.dlopen("libc.so.6", {}) }}\n',
    sys: "---\ntitle: S\n---\n\n{{ Deno.hostname() }}\n",
    // A chart (its client code goes through esbuild) on a searchable page (the index's thread).
    ok:
      '---\ntitle: 线性模型\n---\n\n均方误差\n\n{{ comp.LossCurve({ data: "linear", select: 2 }) }}\n',
    loop: "---\ntitle: L\n---\n\n{{> while (true) {} }}\n",
  };
  for (const [name, body] of Object.entries(pages)) {
    await Deno.mkdir(`${project}/tests/${name}`, { recursive: true });
    await Deno.writeTextFile(`${project}/tests/${name}/page.md`, body);
  }
  // Pages that render before the failing one: a build writes them as they render.
  for (const name of ["read", "loop"]) {
    await Deno.writeTextFile(`${project}/tests/${name}/a.md`, "---\ntitle: A\n---\n\nfirst\n");
  }

  // The project's pages are content; the tools a build runs are what is tested here.
  const built = await run(project, ["build", "--src", "tests/ok"]);
  assert.equal(built.code, 0, built.out);
  assert.ok(Deno.statSync(`${project}/_site/page/index.html`).isFile);
  const index = [...Deno.readDirSync(`${project}/_site/assets/search`)].map((e) => e.name);
  assert.ok(index.includes("zh.json"), `search index written: ${index}`);
  assert.match(
    Deno.readTextFileSync(`${project}/_site/page/index.html`),
    /<script type="module" async src="\/components\/[^"]+\.js">/,
    "the chart's bundled client code is linked",
  );
  // A first build installs what building uses, and none of the test-only packages.
  const installed = [...Deno.readDirSync(`${project}/node_modules`)].map((e) => e.name);
  assert.ok(installed.includes("esbuild") && installed.includes("katex"), `${installed}`);
  for (const testOnly of ["puppeteer-core", "axe-core", "html-validate"]) {
    assert.ok(!installed.includes(testOnly), `build installed ${testOnly}`);
  }
  // The offline build (relative URLs) has its own task and output folder.
  const offline = await run(project, ["offline", "--src", "tests/ok"]);
  assert.equal(offline.code, 0, offline.out);
  assert.match(
    Deno.readTextFileSync(`${project}/_offline/page/index.html`),
    /<link rel="stylesheet" href="\.\.\/assets\/site\.css">/,
  );
  const again = await run(project, ["build", "--src", "tests/ok"]);
  assert.equal(again.code, 0, again.out);
  assert.deepEqual(
    [...Deno.readDirSync(project)].map((e) => e.name).filter((n) => n.startsWith("_site")),
    ["_site"],
    "no temporary sibling left",
  );

  const refused = [
    ["read", "read"],
    ["write", "write"],
    ["outside", "write"],
    ["output", "write"],
    ["env", "env"],
    ["run", "run"],
    ["net", "net"],
    ["ffi", "ffi"],
    ["sys", "sys"],
  ];
  for (const [name, access] of refused) {
    const r = await run(project, ["build", "--src", `tests/${name}`, "--dest", "_site"]);
    assert.equal(r.code, 1, r.out);
    assert.match(
      r.out,
      new RegExp(`error: tests/${name}/page\\.md:5:\\d+: Requires ${access} access to`),
    );
    assert.match(r.out, /not permitted: pages, layouts and components may only read the project/);
    assert.doesNotMatch(r.out, /panicked|BrokenPipe/, "the search indexer ends quietly");
  }
  assert.deepEqual(
    [...Deno.readDirSync(project)].map((e) => e.name).filter((n) => n.startsWith("_site")),
    ["_site"],
    "a failed build leaves no temporary sibling",
  );
  assert.ok(!(await exists(`${project}/by_page.txt`)));
  assert.ok(!(await exists(`${tmp.path}/escaped.txt`)));
  assert.ok(!(await exists(`${project}/_site/planted.js`)));

  // A page that loops forever does not hang the build (a CI job, say): it is named and stopped.
  // The limit leaves a machine busy with the other tests time to reach that page (at 2 s, one
  // run stopped while the page before it was still the last one named).
  const before = Deno.readTextFileSync(`${project}/_site/page/index.html`);
  const loop = await run(project, ["build", "--src", "tests/loop", "--timeout", "4"]);
  assert.notEqual(loop.code, 0, loop.out);
  assert.match(
    loop.out,
    /error: tests\/loop\/page\.md: still rendering this page after 4 s, so the build was stopped/,
  );
  assert.match(loop.out, /--timeout SECONDS sets the limit/);
  assert.equal(
    Deno.readTextFileSync(`${project}/_site/page/index.html`),
    before,
    "_site untouched",
  );
  assert.deepEqual(
    [...Deno.readDirSync(project)].map((e) => e.name).filter((n) => n.startsWith("_site")),
    ["_site"],
    "no temporary sibling left",
  );

  // The permissions follow the flags: a source and a destination outside the project.
  await Deno.mkdir(`${tmp.path}/notes`);
  await Deno.writeTextFile(`${tmp.path}/notes/page.md`, "---\ntitle: 外面\n---\n\n在项目之外\n");
  const outside = await run(project, ["build", "--src", "../notes", "--dest", "../public"]);
  assert.equal(outside.code, 0, outside.out);
  assert.match(Deno.readTextFileSync(`${tmp.path}/public/page/index.html`), /在项目之外/);
  // The task says what it runs in one short line, not a screenful of flags.
  const echo = outside.out.split("\n").find((l) => l.startsWith("Task build"));
  assert.ok(echo && echo.length < 160, `task echo: ${echo}`);
});

Deno.test("deno task serve: serves on loopback with the task's permissions; help for every task", async () => {
  await using tmp = await tempDir("ssg-clone-");
  const project = `${tmp.path}/project`;
  await freshCopy(project);
  await Deno.mkdir(`${project}/tests/ok`, { recursive: true });
  await Deno.writeTextFile(`${project}/tests/ok/page.md`, "---\ntitle: OK\n---\n\nserved\n");
  const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (probe.addr as Deno.NetAddr).port;
  probe.close();
  const child = task(project, ["serve", "--src", "tests/ok", "--port", String(port)]).spawn();
  try {
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let seen = "";
    await withTimeout(
      (async () => {
        while (!/built in \d+ ms/.test(seen)) {
          const { value, done } = await reader.read();
          if (done) throw new Error(`serve ended: ${seen}`);
          seen += value;
        }
      })(),
      60_000,
      "serve's first build",
    );
    reader.releaseLock();
    const res = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<html/);
  } finally {
    child.kill();
    await child.status;
    await child.stdout.cancel().catch(() => {});
    await child.stderr.cancel().catch(() => {});
  }

  // Help for every command, exit 0.
  for (const command of ["build", "serve", "new"]) {
    const help = await run(project, [command, "--help"]);
    assert.equal(help.code, 0, help.out);
    assert.match(help.out, new RegExp(`usage: deno task ${command}`));
  }
  const order = await run(project, ["new", "T", "--order", "abc"]);
  assert.notEqual(order.code, 0);
  assert.match(order.out, /--order must be a positive whole number, got "abc"/);
});

async function exists(path: string) {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}
