/**
 * `deno task build` and `deno task serve` run with the least they need, so a
 * page that reads or writes outside what the build may touch fails with a
 * permission error naming the page. Run in a fresh copy of the project, the
 * way a clone runs them.
 */
import assert from "node:assert/strict";
import { freshCopy, tempDir, withTimeout } from "../helpers.ts";

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
  const pages: Record<string, string> = {
    read: '---\ntitle: R\n---\n\nhost: {{ Deno.readTextFileSync("/etc/hostname") }}\n',
    write: '---\ntitle: W\n---\n\n{{> Deno.writeTextFileSync("by_page.txt", "x") }}\n',
    outside: '---\ntitle: O\n---\n\n{{> Deno.writeTextFileSync("../escaped.txt", "x") }}\n',
    env: '---\ntitle: E\n---\n\n{{ Deno.env.get("SECRET_TOKEN") ?? "none" }}\n',
    // A chart (its client code goes through esbuild) on a searchable page (pagefind).
    ok:
      '---\ntitle: 线性模型\n---\n\n均方误差\n\n{{ comp.LossCurve({ data: "linear", select: 2 }) }}\n',
    loop: "---\ntitle: L\n---\n\n{{> while (true) {} }}\n",
  };
  for (const [name, body] of Object.entries(pages)) {
    await Deno.mkdir(`${project}/tests/${name}`, { recursive: true });
    await Deno.writeTextFile(`${project}/tests/${name}/page.md`, body);
  }

  // The project's pages are content; the tools a build runs are what is tested here.
  const built = await run(project, ["build", "--src", "tests/ok"]);
  assert.equal(built.code, 0, built.out);
  assert.ok(Deno.statSync(`${project}/_site/page/index.html`).isFile);
  const files = [...Deno.readDirSync(`${project}/_site`)].map((e) => e.name);
  assert.ok(files.includes("pagefind"), `search index written: ${files}`);
  assert.match(
    Deno.readTextFileSync(`${project}/_site/page/index.html`),
    /<script type="module" src="\/components\/[^"]+\.js">/,
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

  for (const [name, access] of [["read", "read"], ["write", "write"], ["outside", "write"]]) {
    const r = await run(project, ["build", "--src", `tests/${name}`, "--dest", "_site"]);
    assert.equal(r.code, 1, r.out);
    assert.match(
      r.out,
      new RegExp(`error: tests/${name}/page\\.md:5:\\d+: Requires ${access} access to`),
    );
    assert.match(r.out, /not permitted/);
  }
  assert.ok(!(await exists(`${project}/by_page.txt`)));
  assert.ok(!(await exists(`${tmp.path}/escaped.txt`)));

  const env = await run(project, ["build", "--src", "tests/env"]);
  assert.equal(env.code, 0, env.out);
  const html = Deno.readTextFileSync(`${project}/_site/page/index.html`);
  assert.doesNotMatch(html, /hunter2/, "an unnamed environment variable reached a page");
  assert.match(html, /none/);

  // A page that loops forever does not hang the build (a CI job, say): it is named and stopped.
  const before = Deno.readTextFileSync(`${project}/_site/page/index.html`);
  const loop = await run(project, ["build", "--src", "tests/loop", "--timeout", "2"]);
  assert.notEqual(loop.code, 0, loop.out);
  assert.match(
    loop.out,
    /error: tests\/loop\/page\.md: still rendering this page after 2 s, so the build was stopped/,
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

  const dest = await run(project, ["build", "--dest", "elsewhere"]);
  assert.equal(dest.code, 1);
  assert.match(dest.out, /not allowed to write .*elsewhere: the build task writes only _site/);
});

Deno.test("deno task serve: serves on loopback with the task's permissions, refuses other addresses", async () => {
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

  const wide = task(project, ["serve", "--port", String(port), "--hostname", "0.0.0.0"]).spawn();
  const ended = Promise.all([
    wide.status,
    new Response(wide.stdout).text(),
    new Response(wide.stderr).text(),
  ]);
  // Before the tasks were restricted this started a server on every interface: stop it.
  const timer = setTimeout(() => wide.kill(), 30_000);
  const [status, out, err] = await ended;
  clearTimeout(timer);
  assert.equal(status.code, 1, "serve --hostname 0.0.0.0 must refuse to start");
  assert.match(
    out + err,
    /not allowed to listen on 0\.0\.0\.0:\d+; the serve task allows loopback only/,
  );
});

async function exists(path: string) {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}
