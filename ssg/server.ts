import { checkSourceFolder } from "./dest.ts";
import type { DevJob, DevReply, DevResult } from "./dev_worker.ts";
import { type Options, resolveOptions } from "./options.ts";
import { refusal } from "./host_check.ts";
import type { Output } from "./site.ts";
import { stoppedMessage } from "./watchdog.ts";
import { watchTree } from "./watcher.ts";
import { addLate } from "./write_output.ts";

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  json: "application/json",
  svg: "image/svg+xml",
  xml: "application/xml",
  png: "image/png",
  jpg: "image/jpeg",
  woff2: "font/woff2",
  txt: "text/plain; charset=utf-8",
};

/** A running dev server, for tests and the CLI. */
export interface DevServer {
  url: string;
  /** Resolves after the first build (good or failed). */
  ready: Promise<void>;
  /** Resolves after the next build finishes. */
  nextBuild(): Promise<DevResult>;
  close(): Promise<void>;
}

/**
 * Builds in a worker, serves the result from memory on loopback, rebuilds on
 * change and tells open pages over Server-Sent Events to reload, or to show
 * the error. A failed build keeps the last good site online.
 */
export function serve(config: string, options: Options, limits: Limits = {}): DevServer {
  const quiet = limits.quiet ?? false;
  const resolved = resolveOptions(options, Deno.cwd());
  const log = quiet ? () => {} : (s: string) => console.log(s);
  const warn = quiet ? () => {} : (s: string) => console.error(s);
  const timeout = limits.buildTimeout ?? 30_000;
  checkSourceFolder(resolved.srcDir);
  const server = listen(resolved.hostname, resolved.port, (req) => handle(req));
  let output: Output = new Map();
  let basePath = resolved.basePath;
  let error: Extract<DevResult, { ok: false }>["error"] | null = null;
  let version = 0;
  const clients = new Set<ReadableStreamDefaultController<Uint8Array>>();
  const waiters: Array<(r: DevResult) => void> = [];
  const encoder = new TextEncoder();

  const broadcast = (event: string, data: unknown) => {
    const chunk = encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    for (const c of clients) {
      try {
        c.enqueue(chunk);
      } catch {
        clients.delete(c);
      }
    }
  };

  let worker: Worker | undefined;
  let building = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let started = 0;
  let job: DevJob | undefined;
  /** What the running build said it was doing last. */
  let doing: { progress: string; file?: string } = { progress: "starting" };
  const startWorker = () => {
    worker?.terminate();
    worker = new Worker(new URL("./dev_worker.ts", import.meta.url), { type: "module" });
    const w = worker;
    w.onmessage = (e: MessageEvent<DevReply>) => {
      if (w !== worker) return;
      if ("ready" in e.data) w.postMessage(job);
      else if ("progress" in e.data) doing = e.data;
      else if ("late" in e.data) lateFiles(e.data.late);
      else finished(e.data);
    };
    w.onerror = (e) => {
      e.preventDefault();
      if (w !== worker) return;
      worker = undefined;
      finished(failure(e.message));
    };
  };
  /** Ends the running build: the worker may be stuck in a loop, so it goes too. */
  const stop = () => {
    clearTimeout(timer);
    worker?.terminate();
    worker = undefined;
    building = false;
  };
  const build = (fresh: boolean, restart: boolean, components = false) => {
    if (building) {
      // A save during a build makes it stale, and it may never end: start over.
      stop();
      fresh = restart = true;
      components = false;
    }
    building = true;
    started = performance.now();
    job = { config, options, fresh };
    doing = { progress: "starting" };
    if (timeout > 0) {
      timer = setTimeout(() => {
        stop();
        finished(failure(
          `${stoppedMessage(doing.progress, doing.file, timeout / 1000)} Save a file to try again`,
        ));
      }, timeout);
    }
    if (components && !restart && worker) job.components = true;
    if (restart || !worker) {
      job.fresh = true;
      startWorker();
    } else worker.postMessage(job);
  };
  /** The build whose output is served. */
  let served = 0;
  /** Files a served build finished after it reloaded the page (its search index). */
  const lateFiles = (late: Extract<DevReply, { late: unknown }>["late"]) => {
    if (late.build !== served) return; // a newer build has replaced it
    if (late.error !== undefined) return warn(`error: ${late.error}`);
    addLate(output, late.folder, late.files ?? []);
  };
  const finished = (reply: DevResult) => {
    clearTimeout(timer);
    building = false;
    const ms = Math.round(performance.now() - started);
    if (reply.ok) {
      output = reply.output;
      served = reply.build;
      basePath = reply.basePath;
      error = null;
      version++;
      log(`built in ${ms} ms: ${reply.summary.split("\n")[0]}`);
      broadcast("reload", { version });
    } else {
      error = reply.error;
      warn(reply.error.printout);
      broadcast("build-error", error);
    }
    waiters.splice(0).forEach((w) => w(reply));
  };

  const ready = new Promise<void>((resolve) => waiters.push(() => resolve()));
  build(true, true);

  const componentDirs = [...new Set([resolved.srcDir, resolved.root])]
    .map((d) => `${d}/${resolved.components}/`);
  const ignore = [
    resolved.destDir,
    `${resolved.destDir}.tmp`,
    `${resolved.root}/.git`,
    `${resolved.root}/node_modules`,
  ];
  // The project's own folders (layouts, components, config) and the source folder, wherever it is.
  const roots = [resolved.root];
  if (resolved.srcDir !== resolved.root) roots.push(resolved.srcDir);
  const watcher = watchTree(roots, {
    ignore,
    onChange(paths) {
      // Code (engine, config, data modules) needs a fresh module graph; components alone
      // are imported afresh by the running build thread.
      const code = paths.filter((p) =>
        /\.(ts|js|mjs|tsx)$/.test(p) && !p.includes("/client/") && !/\/client\.(ts|js)$/.test(p)
      );
      const components = code.length > 0 &&
        code.every((p) => componentDirs.some((d) => p.startsWith(d)));
      const restart = code.length > 0 && !components;
      const fresh = restart ||
        paths.some((p) => !code.includes(p) && (!/\.(md|vto)$/.test(p) || p.includes("/_")));
      build(fresh, restart, components);
    },
  });

  const handle = (req: Request): Response => {
    const refused = refusal(req, { hostname: resolved.hostname, port: server.addr.port });
    if (refused) {
      return new Response(refused.reason + "\n", {
        status: refused.status,
        headers: { "content-type": TYPES.txt, ...refused.headers },
      });
    }
    const { pathname } = new URL(req.url);
    if (pathname === "/_ssg/events") return events();
    if (pathname === "/_ssg/reload.js") {
      return new Response(reloadScript, { headers: { "content-type": TYPES.js } });
    }
    let path: string;
    try {
      path = decodeURIComponent(pathname);
    } catch {
      return notFound();
    }
    // Any `..` segment, however encoded, is refused before lookup.
    if (path.split(/[\\/]/).includes("..") || path.includes("\0")) return notFound();
    if (!path.startsWith(basePath)) {
      return path === "/" ? redirect(basePath, 302) : notFound();
    }
    let key = path.slice(basePath.length);
    if (key === "" || key.endsWith("/")) key += "index.html";
    let body = output.get(key);
    if (body === undefined && output.has(`${key}/index.html`)) {
      return redirect(`/${pathname.replace(/^\/+/, "")}/`, 301);
    }
    if (body === undefined) return notFound();
    const ext = key.slice(key.lastIndexOf(".") + 1);
    if (ext === "html") body = inject(body);
    return new Response(body as BodyInit, {
      headers: {
        "content-type": TYPES[ext] ?? "application/octet-stream",
        "cache-control": "no-store",
      },
    });
  };

  const inject = (html: string | Uint8Array) => {
    const text = typeof html === "string" ? html : new TextDecoder().decode(html);
    const tag = `<script type="module" src="/_ssg/reload.js" data-version="${version}"></script>`;
    return text.includes("</body>") ? text.replace("</body>", `${tag}</body>`) : text + tag;
  };
  // Relative, so a forged Host never ends up in a Location header.
  const redirect = (location: string, status: number) =>
    new Response(null, { status, headers: { location } });
  const notFound = () => {
    const page = output.get("404.html");
    return new Response(page === undefined ? "Not found" : inject(page), {
      status: 404,
      headers: { "content-type": TYPES.html },
    });
  };
  const events = () => {
    let me: ReadableStreamDefaultController<Uint8Array>;
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        me = c;
        clients.add(c);
        c.enqueue(
          encoder.encode(`retry: 500\nevent: hello\ndata: ${JSON.stringify({ version })}\n\n`),
        );
        if (error) {
          c.enqueue(encoder.encode(`event: build-error\ndata: ${JSON.stringify(error)}\n\n`));
        }
      },
      cancel() {
        clients.delete(me);
      },
    });
    return new Response(stream, {
      headers: { "content-type": "text/event-stream", "cache-control": "no-store" },
    });
  };

  const url = `http://${resolved.hostname}:${server.addr.port}${resolved.basePath}`;
  log(`serving ${url} (drafts shown; Ctrl-C to stop)`);
  return {
    url,
    ready,
    nextBuild: () => new Promise((resolve) => waiters.push(resolve)),
    async close() {
      watcher.close();
      worker?.terminate();
      for (const c of clients) {
        try {
          c.close();
        } catch { /* already closed */ }
      }
      await server.shutdown();
    },
  };
}

/** How the dev server behaves; tests quiet it and shorten its limits. */
export interface Limits {
  /** Print nothing, not even build errors (they still reach open pages). */
  quiet?: boolean;
  /** A build running longer than this many ms is stopped and reported (default 30 s; 0: none). */
  buildTimeout?: number;
}

function failure(message: string): Extract<DevResult, { ok: false }> {
  return { ok: false, error: { message, excerpt: "", printout: `error: ${message}` } };
}

/** Starts listening, or throws one clear line (port taken, address not allowed). */
function listen(
  hostname: string,
  port: number,
  handler: (req: Request) => Response,
): Deno.HttpServer<Deno.NetAddr> {
  try {
    return Deno.serve({ hostname, port, onListen: () => {} }, handler);
  } catch (error) {
    if (error instanceof Deno.errors.AddrInUse) {
      throw new Error(
        `port ${port} on ${hostname} is already in use; choose another with --port N`,
      );
    }
    if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
      throw new Error(
        `not allowed to listen on ${hostname}:${port}; the serve task allows loopback only (see README)`,
      );
    }
    if (error instanceof Deno.errors.AddrNotAvailable) {
      throw new Error(`cannot listen on ${hostname}: no such address on this machine`);
    }
    throw error;
  }
}

// No top-level await: dev_worker.ts imports this module, and a worker drops messages
// that arrive before its onmessage is set.
const reloadScript = Deno.readTextFileSync(new URL("./client/reload.js", import.meta.url));
