/**
 * The dev server, on 127.0.0.1 with a free port, serving a copy of a fixture
 * site from a temp folder (absolute `src`, the project's `_config.ts`).
 * Other edits in the project may trigger extra rebuilds, so waits loop until
 * the awaited state shows up, each bounded by a timeout.
 */
import assert from "node:assert/strict";
import { type DevServer, serve } from "../../ssg/server/server.ts";
import { captureConsole, CONFIG, copyDir, fixture, withTimeout } from "../helpers.ts";

const WAIT = 20_000;

/** Reads Server-Sent Events from the dev server. */
class Events {
  #reader: ReadableStreamDefaultReader<string>;
  #buffer = "";
  #queue: Array<{ event: string; data: unknown }> = [];
  private constructor(reader: ReadableStreamDefaultReader<string>) {
    this.#reader = reader;
  }
  static async open(url: string): Promise<Events> {
    const res = await fetch(new URL("/_ssg/events", url));
    assert.equal(res.headers.get("content-type"), "text/event-stream");
    return new Events(res.body!.pipeThrough(new TextDecoderStream()).getReader());
  }
  /** The next event of one of `types`, skipping others. */
  async next(...types: string[]): Promise<{ event: string; data: unknown }> {
    while (true) {
      const i = this.#queue.findIndex((e) => types.includes(e.event));
      if (i >= 0) return this.#queue.splice(0, i + 1).pop()!;
      this.#queue.length = 0;
      const { value, done } = await this.#reader.read();
      if (done) throw new Error("event stream closed");
      this.#buffer += value;
      let end;
      while ((end = this.#buffer.indexOf("\n\n")) >= 0) {
        const block = this.#buffer.slice(0, end);
        this.#buffer = this.#buffer.slice(end + 2);
        const event = block.match(/^event: (.*)$/m)?.[1];
        const data = block.match(/^data: (.*)$/m)?.[1];
        if (event) this.#queue.push({ event, data: data ? JSON.parse(data) : null });
      }
    }
  }
  async close() {
    await this.#reader.cancel().catch(() => {});
  }
}

async function get(url: string): Promise<{ status: number; body: string; type: string | null }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text(), type: res.headers.get("content-type") };
}

/** Sends a request line as is (fetch would normalise `..`) and returns status and body. */
async function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  const conn = await Deno.connect({ hostname, port: Number(port) });
  try {
    await conn.write(
      new TextEncoder().encode(
        `GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`,
      ),
    );
    let text = "";
    const buf = new Uint8Array(65536);
    const decoder = new TextDecoder();
    while (true) {
      const n = await conn.read(buf);
      if (n === null) break;
      text += decoder.decode(buf.subarray(0, n), { stream: true });
    }
    const status = Number(text.match(/^HTTP\/1\.[01] (\d{3})/)?.[1]);
    return { status, body: text.slice(text.indexOf("\r\n\r\n") + 4) };
  } finally {
    conn.close();
  }
}

/** Waits for `reload` events until `check` passes on the served page. */
async function untilPage(
  server: DevServer,
  events: Events,
  path: string,
  check: (html: string) => boolean,
  label: string,
): Promise<string> {
  return await withTimeout(
    (async () => {
      while (true) {
        await events.next("reload");
        const { body } = await get(new URL(path, server.url).href);
        if (check(body)) return body;
      }
    })(),
    WAIT,
    label,
  );
}

Deno.test("serve(config, { src, port: 0 }): live reload, build errors, traversal, component edits", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "ssg-serve-" });
  await copyDir(fixture("sites", "components"), dir);
  await Deno.writeTextFile(`${dir}/lecture.md`, "---\ntitle: Live\n---\n\nFirst version $a_1$.\n");
  const server = serve(CONFIG, { src: dir, dest: `${dir}/_site`, port: 0, drafts: true }, {
    quiet: true,
  });
  let events: Events | undefined;
  try {
    await withTimeout(server.ready, WAIT, "first build");
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.doesNotMatch(server.url, /:0\//, "the URL has the real port");
    events = await Events.open(server.url);
    assert.equal((await withTimeout(events.next("hello"), WAIT, "hello")).event, "hello");

    await t.step("a page is served with the reload script injected before </body>", async () => {
      const page = await get(`${server.url}lecture/`);
      assert.equal(page.status, 200);
      assert.equal(page.type, "text/html; charset=utf-8");
      assert.match(page.body, /First version/);
      assert.match(
        page.body,
        /<script type="module" src="\/_ssg\/reload.js" data-page="lecture\/index.html" data-base="\/" data-version="\d+"><\/script><\/body>/,
      );
      const script = await get(`${server.url}_ssg/reload.js`);
      assert.equal(script.status, 200);
      assert.match(script.body, /new EventSource\("\/_ssg\/events"\)/);
      const css = await get(`${server.url}assets/katex/katex.min.css`);
      assert.equal(css.type, "text/css; charset=utf-8");
      assert.doesNotMatch(css.body, /_ssg/, "only HTML gets the script");
    });

    await t.step(
      "a folder URL without its slash redirects to it; unknown paths get the 404 page",
      async () => {
        const res = await fetch(`${server.url}lecture`, { redirect: "manual" });
        await res.body?.cancel();
        assert.equal(res.status, 301);
        assert.equal(new URL(res.headers.get("location")!, server.url).pathname, "/lecture/");
        const missing = await get(`${server.url}no/such/page/`);
        assert.equal(missing.status, 404);
        assert.match(missing.body, /找不到这一页/);
      },
    );

    await t.step("editing a page sends reload and serves the new content", async () => {
      await Deno.writeTextFile(
        `${dir}/lecture.md`,
        "---\ntitle: Live\n---\n\nSecond version $b_2$.\n",
      );
      const html = await untilPage(
        server,
        events!,
        "lecture/",
        (h) => h.includes("Second version"),
        "reload after edit",
      );
      assert.doesNotMatch(html, /First version/);
    });

    await t.step(
      "bad TeX sends build-error with file:line and keeps serving the last good page",
      async () => {
        await Deno.writeTextFile(
          `${dir}/lecture.md`,
          "---\ntitle: Live\n---\n\nThird version.\n\nBroken $\\frac{1}{$ here.\n",
        );
        const { data } = await withTimeout(events!.next("build-error"), WAIT, "build-error event");
        const error = data as { message: string; where: string; excerpt: string };
        assert.match(error.message, /^bad TeX: /);
        assert.match(error.where, new RegExp(`^${dir}/lecture\\.md:7:\\d+$`));
        assert.match(error.excerpt, / 7 \| Broken \$\\frac\{1\}\{\$ here\./);
        const page = await get(`${server.url}lecture/`);
        assert.equal(page.status, 200);
        assert.match(page.body, /Second version/, "the last good page stays online");
        const late = await Events.open(server.url);
        try {
          await withTimeout(late.next("hello"), WAIT, "hello");
          const again = await withTimeout(late.next("build-error"), WAIT, "error replayed");
          assert.match(
            (again.data as { message: string }).message,
            /^bad TeX/,
            "a page opened now sees the error too",
          );
        } finally {
          await late.close();
        }
      },
    );

    await t.step("fixing the page sends reload with the fixed content", async () => {
      await Deno.writeTextFile(
        `${dir}/lecture.md`,
        "---\ntitle: Live\n---\n\nFourth version $\\frac{1}{2}$.\n",
      );
      await untilPage(
        server,
        events!,
        "lecture/",
        (h) => h.includes("Fourth version"),
        "reload after fix",
      );
    });

    await t.step("a broken link sends build-error with its file:line:col", async () => {
      await Deno.writeTextFile(
        `${dir}/lecture.md`,
        "---\ntitle: Live\n---\n\nFifth version.\n\nSee [lecture 5](/lectures/05-softmax/).\n",
      );
      const { data } = await withTimeout(events!.next("build-error"), WAIT, "build-error event");
      const error = data as { message: string; where: string };
      assert.match(error.message, /^broken link "\/lectures\/05-softmax\/"/);
      assert.match(error.where, new RegExp(`^${dir}/lecture\\.md:7:17$`));
      await Deno.writeTextFile(`${dir}/lecture.md`, "---\ntitle: Live\n---\n\nSixth version.\n");
      await untilPage(server, events!, "lecture/", (h) => h.includes("Sixth version"), "fixed");
    });

    await t.step("path traversal, however encoded, is a 404 that leaks nothing", async () => {
      for (
        const path of [
          "/../deno.json",
          "/%2e%2e/deno.json",
          "/..%2f..%2fdeno.json",
          "/%2e%2e%2f_config.ts",
          "/assets/..%5c..%5cdeno.json",
        ]
      ) {
        const { status, body } = await rawGet(server.url, path);
        assert.ok(status === 404 || status === 400, `${path}: status ${status}`);
        assert.doesNotMatch(body, /nodeModulesDir|export default site/, `${path} leaked a file`);
      }
    });

    await t.step("editing a component's .ts takes effect without a restart", async () => {
      const file = `${dir}/_components/badge.ts`;
      const source = Deno.readTextFileSync(file);
      await Deno.writeTextFile(file, source.replace('class="badge"', 'class="badge badge-edited"'));
      await untilPage(
        server,
        events!,
        "uses/",
        (h) => h.includes('class="badge badge-edited"'),
        "component edit",
      );
    });

    await t.step(
      "a component edit reaches the modules it imports; its errors name real files",
      async () => {
        await Deno.mkdir(`${dir}/_components/_shared`, { recursive: true });
        await Deno.writeTextFile(
          `${dir}/_components/_shared/word.ts`,
          'export const word = "alpha";\n',
        );
        const badge = `${dir}/_components/word_badge.ts`;
        const good = 'import { word } from "./_shared/word.ts";\n' +
          'export default () => `<b class="word">${word}</b>`;\n';
        await Deno.writeTextFile(badge, good);
        await Deno.writeTextFile(
          `${dir}/word.md`,
          "---\ntitle: W\n---\n\n{{ comp.WordBadge() }}\n",
        );
        await untilPage(server, events!, "word/", (h) => h.includes(">alpha<"), "new component");
        await Deno.writeTextFile(
          `${dir}/_components/_shared/word.ts`,
          'export const word = "beta";\n',
        );
        await untilPage(
          server,
          events!,
          "word/",
          (h) => h.includes(">beta<"),
          "shared module edit",
        );
        await Deno.writeTextFile(
          badge,
          'import { none } from "./_shared/none.ts";\nexport default () => String(none);\n',
        );
        const { data } = await withTimeout(events!.next("build-error"), WAIT, "build-error event");
        const error = data as { message: string; where: string };
        assert.equal(error.where, badge);
        assert.match(error.message, new RegExp(`${dir}/_components/_shared/none\\.ts`));
        assert.doesNotMatch(error.message, /ssg-modules-/);
        await Deno.writeTextFile(badge, good.replace("<b ", "<i ").replace("</b>", "</i>"));
        await untilPage(
          server,
          events!,
          "word/",
          (h) => h.includes('<i class="word">beta</i>'),
          "fixed",
        );
      },
    );

    await t.step("a _data module a page reads shows its edits on the next rebuild", async () => {
      await Deno.mkdir(`${dir}/_data`, { recursive: true });
      const module = `${dir}/_data/live.ts`;
      await Deno.writeTextFile(module, 'export default { word: "gamma" };\n');
      await Deno.writeTextFile(`${dir}/data.md`, "---\ntitle: D\n---\n\nWord {{ live.word }}.\n");
      await untilPage(server, events!, "data/", (h) => h.includes("Word gamma."), "new module");
      await Deno.writeTextFile(module, 'export default { word: "delta" };\n');
      await untilPage(server, events!, "data/", (h) => h.includes("Word delta."), "module edit");
    });
  } finally {
    await events?.close();
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("serve(…, quiet) prints nothing, not even a build error (tests stay quiet)", async () => {
  const dir = await Deno.makeTempDir({ prefix: "ssg-serve-quiet-" });
  await Deno.writeTextFile(`${dir}/page.md`, "---\ntitle: Q\n---\n\nBroken $\\frac{1}{$.\n");
  const { value: server, out } = await captureConsole(async () => {
    const server = serve(CONFIG, { src: dir, dest: `${dir}/_site`, port: 0 }, { quiet: true });
    await withTimeout(server.ready, 20_000, "first build");
    return server;
  });
  try {
    assert.equal(out, "");
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});
