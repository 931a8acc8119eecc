import { checkSourceFolder } from "../core/dest.ts";
import type { DevJob, DevReply, DevResult } from "./dev_worker.ts";
import { type Options, resolveOptions } from "../core/options.ts";
import { stoppedMessage } from "./watchdog.ts";
import { watchTree } from "./watcher.ts";
import { addLate } from "../core/write_output.ts";
import { applyChanges, changedOutput, whatChanged } from "./changes.ts";
import { EventStreams } from "./events.ts";
import { respond, type Served } from "./respond.ts";

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
  const streams = new EventStreams();
  const served: Served = { output: new Map(), basePath: resolved.basePath, version: 0 };
  let error: Extract<DevResult, { ok: false }>["error"] | null = null;
  const waiters: Array<(r: DevResult) => void> = [];
  const server = listen(resolved.hostname, resolved.port, (req) =>
    respond(req, served, {
      hostname: resolved.hostname,
      port: server.addr.port,
      events: () => streams.open(served.version, error),
    }));

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
      if ("ready" in e.data) {
        w.postMessage(job);
        startLimit();
      } else if ("progress" in e.data) doing = e.data;
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
  const build = (fresh: boolean, restart: boolean, components?: string[]) => {
    if (building) {
      // A save during a build makes it stale, and it may never end: start over.
      stop();
      fresh = restart = true;
      components = undefined;
    }
    building = true;
    started = performance.now();
    job = { config, options, fresh };
    doing = { progress: "starting" };
    if (components && !restart && worker) job.components = components;
    if (restart || !worker) {
      job.fresh = true;
      startWorker(); // the limit starts when the new worker has loaded and takes the job
    } else {
      worker.postMessage(job);
      startLimit();
    }
  };
  /** The build's time limit: for the author's code, not for a worker loading its modules. */
  const startLimit = () => {
    clearTimeout(timer);
    if (timeout <= 0) return;
    timer = setTimeout(() => {
      stop();
      finished(failure(
        `${stoppedMessage(doing.progress, doing.file, timeout / 1000)} Save a file to try again`,
      ));
    }, timeout);
  };
  /** The build whose output is served. */
  let servedBuild = 0;
  /** Folders that late files fill (the search index): a new build has them only later. */
  const lateFolders = new Set<string>();
  /** Files a served build finished after it reloaded the page (its search index). */
  const lateFiles = (late: Extract<DevReply, { late: unknown }>["late"]) => {
    if (late.build !== servedBuild) return; // a newer build has replaced it
    lateFolders.add(late.folder);
    if (late.error !== undefined) return warn(`error: ${late.error}`);
    addLate(served.output, late.folder, late.files ?? []);
  };
  const finished = (reply: DevResult) => {
    clearTimeout(timer);
    building = false;
    const ms = Math.round(performance.now() - started);
    if (reply.ok) {
      let changed: string[] | null;
      if (reply.output instanceof Map) {
        changed = changedOutput(served.output, reply.output, lateFolders);
        served.output = reply.output;
      } else {
        ({ output: served.output, changed } = applyChanges(served.output, reply.output));
      }
      served.basePath = reply.basePath;
      served.version++;
      servedBuild = reply.build;
      error = null;
      log(`built in ${ms} ms: ${reply.summary.split("\n")[0]}`);
      // Open pages learn what changed: a page whose file did not stays as it is, one whose
      // content did swaps it in place, one whose styles or scripts did reloads.
      streams.broadcast("reload", { version: served.version, changed });
    } else {
      error = reply.error;
      warn(reply.error.printout);
      streams.broadcast("build-error", error);
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
    `${resolved.srcDir}/.git`,
    `${resolved.srcDir}/node_modules`,
  ];
  // The project's own folders (layouts, components, config) and the source folder, wherever it is.
  const roots = [resolved.root];
  if (resolved.srcDir !== resolved.root) roots.push(resolved.srcDir);
  const watcher = watchTree(roots, {
    ignore,
    onChange(paths) {
      const { fresh, restart, components } = whatChanged(paths, componentDirs);
      build(fresh, restart, components ? paths : undefined);
    },
  });

  const url = `http://${resolved.hostname}:${server.addr.port}${resolved.basePath}`;
  log(`serving ${url} (drafts shown; Ctrl-C to stop)`);
  return {
    url,
    ready,
    nextBuild: () => new Promise((resolve) => waiters.push(resolve)),
    async close() {
      watcher.close();
      worker?.terminate();
      streams.close();
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
