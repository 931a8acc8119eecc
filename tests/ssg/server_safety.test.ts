/**
 * What the dev server refuses (foreign or malformed Host, methods other than
 * GET/HEAD), what it watches (folders made or renamed after start), how it
 * gets out of a build that never ends, and how it reports start-up errors.
 */
import assert from "node:assert/strict";
import { type DevServer, serve } from "../../ssg/server/server.ts";
import { CONFIG, copyDir, fixture, freshCopy, ROOT, tempDir, withTimeout } from "../helpers.ts";

const WAIT = 20_000;

/** Sends one raw HTTP/1.1 request and returns the status line's code, headers and body. */
async function raw(
  url: string,
  request: { method?: string; path?: string; host?: string },
): Promise<{ status: number; head: string; body: string }> {
  const { hostname, port } = new URL(url);
  const conn = await Deno.connect({ hostname, port: Number(port) });
  try {
    const host = request.host ?? `${hostname}:${port}`;
    await conn.write(new TextEncoder().encode(
      `${request.method ?? "GET"} ${request.path ?? "/"} HTTP/1.1\r\nHost: ${host}\r\n` +
        "Content-Length: 0\r\nConnection: close\r\n\r\n",
    ));
    let text = "";
    const buf = new Uint8Array(65536);
    while (true) {
      const n = await conn.read(buf);
      if (n === null) break;
      text += new TextDecoder().decode(buf.subarray(0, n));
    }
    const split = text.indexOf("\r\n\r\n");
    return {
      status: Number(text.match(/^HTTP\/1\.[01] (\d{3})/)?.[1]),
      head: text.slice(0, split).toLowerCase(),
      body: text.slice(split + 4),
    };
  } finally {
    conn.close();
  }
}

/** Polls the served page until `check` passes. */
async function until(
  server: DevServer,
  path: string,
  check: (html: string) => boolean,
  label: string,
) {
  return await withTimeout(
    (async () => {
      while (true) {
        const res = await fetch(new URL(path, server.url));
        const body = await res.text();
        if (res.ok && check(body)) return body;
        await new Promise((r) => setTimeout(r, 100));
      }
    })(),
    WAIT,
    label,
  );
}

Deno.test("serve: a bad or foreign Host is a 4xx, redirects are relative, only GET and HEAD are served", async () => {
  await using tmp = await tempDir();
  await copyDir(fixture("sites", "plain"), tmp.path);
  const server = serve(CONFIG, {
    src: tmp.path,
    port: 0,
    location: "http://127.0.0.1:3000/course/",
  }, { quiet: true });
  try {
    await withTimeout(server.ready, WAIT, "first build");
    const port = new URL(server.url).port;
    const bad = await raw(server.url, { host: "a b" });
    assert.equal(bad.status, 400);
    assert.doesNotMatch(bad.body, /at |Error/);
    for (const host of ["evil.example", `evil.example:${port}`, `127.0.0.1.nip.io:${port}`]) {
      const foreign = await raw(server.url, { host, path: "/course/notes/01-first" });
      assert.ok(foreign.status >= 400 && foreign.status < 500, `${host}: ${foreign.status}`);
      assert.doesNotMatch(foreign.head, /evil|nip\.io/);
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const root = await raw(server.url, { host, path: "/" });
      assert.equal(root.status, 302, host);
      assert.match(root.head, /\r\nlocation: \/course\/\r\n/);
      const dir = await raw(server.url, { host, path: "/course/notes/01-first" });
      assert.equal(dir.status, 301);
      assert.match(dir.head, /\r\nlocation: \/course\/notes\/01-first\/\r\n/);
    }
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
      const r = await raw(server.url, { method, path: "/course/" });
      assert.equal(r.status, 405, method);
      assert.match(r.head, /\r\nallow: get, head\r\n/, method);
    }
    assert.equal((await raw(server.url, { method: "HEAD", path: "/course/" })).status, 200);
  } finally {
    await server.close();
  }
});

Deno.test("ssg/cli/cli.ts serve in a project: folders made or renamed at the top after start are watched", async () => {
  await using tmp = await tempDir("ssg-clone-");
  const project = `${tmp.path}/project`;
  await freshCopy(project);
  // The project's own pages are content, not what is tested: a home page alone will do.
  await Deno.remove(`${project}/lectures`, { recursive: true });
  await Deno.remove(`${project}/guide`, { recursive: true });
  for (const e of Deno.readDirSync(project)) {
    if (e.name.endsWith(".md")) await Deno.remove(`${project}/${e.name}`);
  }
  const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (probe.addr as Deno.NetAddr).port;
  probe.close();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--unstable-worker-options",
      "ssg/cli/cli.ts",
      "serve",
      "--port",
      String(port),
    ],
    cwd: project,
    env: { RUST_BACKTRACE: "0", NO_COLOR: "1" },
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
  const served = `http://127.0.0.1:${port}/`;
  const page = async (path: string) => {
    const res = await fetch(served + path).catch(() => null);
    return res ? (await res.text()) + res.status : "";
  };
  const until = (path: string, text: string, label: string) =>
    withTimeout(
      (async () => {
        while (!(await page(path)).includes(text)) await new Promise((r) => setTimeout(r, 150));
      })(),
      WAIT,
      label,
    );
  try {
    await until("", "<html", "first build");
    await Deno.mkdir(`${project}/later`);
    await new Promise((r) => setTimeout(r, 300));
    await Deno.writeTextFile(`${project}/later/p.md`, "---\ntitle: Later\n---\nfirst text\n");
    await until("later/p/", "first text", "a folder made at the top");
    await Deno.rename(`${project}/later`, `${project}/moved`);
    await until("moved/p/", "first text", "the renamed folder");
    await new Promise((r) => setTimeout(r, 300));
    await Deno.writeTextFile(`${project}/moved/p.md`, "---\ntitle: Later\n---\nsecond text\n");
    await until("moved/p/", "second text", "an edit in the renamed folder");
    await Deno.mkdir(`${project}/moved/deeper/still`, { recursive: true });
    await new Promise((r) => setTimeout(r, 300));
    await Deno.writeTextFile(`${project}/moved/deeper/still/q.md`, "deep text\n");
    await until("moved/deeper/still/q/", "deep text", "a nested folder made later");
  } finally {
    child.kill();
    await child.status;
  }
});

Deno.test("serve: a save ends a build that never finishes, and a build past the limit is reported", async () => {
  await using tmp = await tempDir();
  await copyDir(fixture("sites", "plain"), tmp.path);
  const page = `${tmp.path}/loop.md`;
  await Deno.writeTextFile(page, "fine at first\n");
  // Long enough for a fresh build worker to start and build on a loaded machine.
  const server = serve(CONFIG, { src: tmp.path, port: 0 }, { quiet: true, buildTimeout: 4000 });
  try {
    await withTimeout(server.ready, WAIT, "first build");
    const failed = server.nextBuild();
    await Deno.writeTextFile(page, "{{> while (true) {} }}\n");
    const reply = await withTimeout(failed, WAIT, "the looping build is stopped");
    assert.ok("error" in reply, "the build failed");
    assert.match(
      reply.error.message,
      /loop\.md: still rendering this page after 4 s, so the build was stopped/,
    );
    await Deno.writeTextFile(page, "fixed again\n");
    await until(server, "loop/", (h) => h.includes("fixed again"), "rebuilt after the fix");
  } finally {
    await server.close();
  }

  // With a long limit, only the next save can end the loop.
  await Deno.writeTextFile(page, "fine at first\n");
  const patient = serve(CONFIG, { src: tmp.path, port: 0 }, { quiet: true, buildTimeout: 600_000 });
  try {
    await withTimeout(patient.ready, WAIT, "first build");
    await Deno.writeTextFile(page, "{{> while (true) {} }}\n");
    await new Promise((r) => setTimeout(r, 1000));
    await Deno.writeTextFile(page, "saved over the loop\n");
    await until(patient, "loop/", (h) => h.includes("saved over the loop"), "save ends the loop");
  } finally {
    await patient.close();
  }
});

Deno.test("ssg/cli/cli.ts serve: start-up errors are one line and exit 1", async () => {
  const taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = String((taken.addr as Deno.NetAddr).port);
  try {
    for (
      const [args, message] of [
        [["--port", "abc"], /--port must be a number from 0 to 65535, got "abc"/],
        [["--port", "99999"], /--port must be a number from 0 to 65535, got "99999"/],
        [
          ["--timeout", "soon"],
          /--timeout must be a number of seconds \(0 for no limit\), got "soon"/,
        ],
        [["--src", "/missing-folder"], /source folder \/missing-folder does not exist/],
        [["--port", port], new RegExp(`port ${port} .*in use; choose another with --port`)],
      ] as const
    ) {
      const { code, stderr } = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "--unstable-worker-options", "ssg/cli/cli.ts", "serve", ...args],
        cwd: ROOT,
        env: { RUST_BACKTRACE: "0", NO_COLOR: "1" },
        stdout: "null",
        stderr: "piped",
      }).output();
      const err = new TextDecoder().decode(stderr).trim();
      assert.equal(code, 1, `${args}: ${err}`);
      assert.match(err, message);
      assert.equal(err.split("\n").length, 1, err);
      assert.doesNotMatch(err, /Uncaught|\s{4}at /);
    }
  } finally {
    taken.close();
  }
});
