/**
 * The page sandbox. Pages, layouts, components and `_data` modules are code that a course's
 * authors, and their pull requests, write: they render on worker threads that may read the
 * project (and the source folder) and nothing else: no writing, no running programs, no
 * network, no environment, no FFI, no system information. The build's own work (bundling,
 * indexing, writing the output) stays on this side and never evaluates page code; what
 * crosses over is plain data: pages in, HTML bytes and asset paths out.
 *
 * Deno's per-worker permissions need `--unstable-worker-options`, which the launcher
 * (launch.ts) passes; a process started without it cannot sandbox and says so.
 */
import { SiteError } from "./errors.ts";
import type { Page } from "./page.ts";
import { packPages, type SentPages } from "./sent_pages.ts";
import type { Rendered } from "./render.ts";
import type { Resolved } from "./options.ts";
import type { Site } from "./site.ts";

/** What the sandbox is told: load a site, render pages. */
export type SandboxJob =
  | { load: { configUrl: string; options: Resolved } }
  | { render: SentPages }
  /** The build's thread has taken in the rendered pages up to this one (see AHEAD). */
  | { taken: number }
  /** From now on, import these components' main files by these URLs (see loadComponents). */
  | { modules: Record<string, string> };

/** What the sandbox answers. */
export type SandboxReply =
  | { ready: true }
  | { loaded: true }
  | { modules: true }
  | { rendering: number }
  | { page: number; rendered: Rendered }
  | { done: true }
  | { error: { message: string; location?: SiteError["location"] } };

/** The permissions of page code: reading the project and the source folder, nothing else. */
export function sandboxPermissions(site: Site, configUrl: string): Deno.PermissionOptionsObject {
  return permissionsFor(site.options.root, site.options.srcDir, configUrl);
}

/** sandboxPermissions() of a site in `root`, its pages in `srcDir`, its config at `configUrl`. */
export function permissionsFor(
  root: string,
  srcDir: string,
  configUrl: string,
): Deno.PermissionOptionsObject {
  const read = [root];
  if (srcDir !== root && !srcDir.startsWith(root + "/")) read.push(srcDir);
  const config = new URL(configUrl);
  const configFile = decodeURIComponent(config.pathname);
  if (config.protocol === "file:" && !read.some((d) => configFile.startsWith(d + "/"))) {
    read.push(configFile);
  }
  return {
    read,
    write: false,
    run: false,
    net: false,
    env: false,
    ffi: false,
    sys: false,
    import: false,
  };
}

/** A permission error as an author reads it: what was refused, and why. */
export const NOT_PERMITTED =
  " (not permitted: pages, layouts and components may only read the project)";

/**
 * Rendered pages a sandbox may have sent that the build's thread has not yet taken in: it
 * waits beyond that, so a build whose writes fall behind holds at most this many pages (each
 * ~90 kB on the 1,000-page corpus) rather than all of them. The build's thread tells it every
 * TAKEN_EVERY pages.
 */
export const AHEAD = 48;
const TAKEN_EVERY = 16;

/**
 * A sandbox thread, started before a Sandbox takes it over: a build starts one first thing, so
 * that it loads its own code while the build's thread loads the site.
 */
export interface SandboxThread {
  worker: Worker;
  permissions: Deno.PermissionOptionsObject;
  /** Resolves once the thread has loaded its code, or failed to (`failed`). */
  ready: Promise<void>;
  /** Whether `ready` has resolved. */
  started: boolean;
  failed?: Error;
  /** Where the thread's replies and errors go, once a Sandbox has taken it over. */
  reply?: (reply: SandboxReply) => void;
  fail?: (error: Error) => void;
}

/**
 * Starts a sandbox thread with these permissions (see SandboxThread), and has it import the
 * config at `preload` as soon as it can.
 */
export function startThread(
  permissions: Deno.PermissionOptionsObject,
  preload?: string,
): SandboxThread {
  let worker: Worker;
  try {
    const script = new URL("./sandbox_worker.ts", import.meta.url);
    // The thread imports the config as soon as it starts, ahead of `load`.
    if (preload) script.searchParams.set("preload", preload);
    worker = new Worker(script, {
      type: "module",
      name: "page sandbox",
      deno: { permissions },
    } as WorkerOptions);
  } catch (error) {
    if (/--unstable-worker-options/.test(String(error))) {
      throw new Error(
        "pages render in a sandbox, which needs deno run --unstable-worker-options " +
          "(deno task build and serve pass it)",
      );
    }
    throw error;
  }
  let resolve!: () => void;
  const thread: SandboxThread = {
    worker,
    permissions,
    ready: new Promise<void>((r) => (resolve = r)),
    started: false,
  };
  const started = () => {
    thread.started = true;
    resolve();
  };
  worker.onmessage = (e: MessageEvent<SandboxReply>) => {
    if ("ready" in e.data) started();
    else thread.reply?.(e.data);
  };
  worker.onerror = (e) => {
    e.preventDefault();
    thread.failed = new Error(`page sandbox: ${e.message}`);
    started();
    thread.fail?.(thread.failed);
  };
  return thread;
}

/**
 * One sandboxed render thread. It loads the site's `_config.ts` itself (plugins are code,
 * not data, and cannot be sent over), then renders the pages it is given, one by one. It
 * takes over `thread` if that one was started with the permissions the site's pages get,
 * and starts its own otherwise.
 */
export class Sandbox {
  #worker: Worker;
  #ready: Promise<void>;
  /**
   * Resolves once the thread has been told to load the site (or failed to start). A build
   * waits for it before reading its pages: reading them keeps this thread from hearing that
   * the sandbox is up, so the sandbox would load the site's code only once they are read.
   */
  readonly told: Promise<void>;
  #busy: Promise<unknown> = Promise.resolve();
  #onReply?: (reply: SandboxReply) => void;
  #failed?: Error;

  constructor(site: Site, thread?: SandboxThread) {
    const configUrl = site.configUrl;
    if (!configUrl) {
      throw new Error(
        "site: pages render in a sandbox that loads the site's config file; load the site " +
          "with loadSite() (or set site.configUrl to the module that exports it)",
      );
    }
    const permissions = sandboxPermissions(site, configUrl);
    const same = thread && !thread.failed &&
      JSON.stringify(thread.permissions) === JSON.stringify(permissions);
    if (thread && !same) thread.worker.terminate();
    const own = same ? thread : startThread(permissions);
    this.#worker = own.worker;
    own.reply = (reply) => this.#onReply?.(reply);
    own.fail = (error) => {
      this.#failed = error;
      this.#onReply?.({ error: { message: error.message } });
    };
    const load = () => {
      this.#failed ??= own.failed;
      return this.#ask({ load: { configUrl, options: site.options } }, () => {});
    };
    // A thread that is up gets the site at once, not after what this thread does next
    // (a build reads its pages): it then loads the site's code while the pages are read.
    this.#ready = own.started ? load() : own.ready.then(load);
    this.told = own.ready;
  }

  /**
   * Renders `pages` in order. `before(i)` is told before page i renders (so a build that
   * never ends can name its page), `after(i, rendered)` once it has. A page's error rejects
   * with that error, located in its source.
   */
  render(
    pages: Page[],
    before: (i: number) => void,
    after: (i: number, rendered: Rendered) => void,
  ): Promise<void> {
    const run = this.#busy.then(() => this.#ready).then(() => {
      const sent = packPages(pages);
      return this.#ask({ render: sent }, (reply) => {
        if ("rendering" in reply) before(reply.rendering);
        else if ("page" in reply) {
          after(reply.page, reply.rendered);
          if (reply.page % TAKEN_EVERY === 0) this.#worker.postMessage({ taken: reply.page });
        }
      }, [sent.text.buffer]);
    });
    this.#busy = run.catch(() => {});
    return run;
  }

  /**
   * Imports components' main files by these URLs from the next render on (the dev server
   * re-imports edited components this way, in the thread it keeps).
   */
  useModules(urls: Record<string, string>): Promise<void> {
    const run = this.#busy.then(() => this.#ready).then(() =>
      this.#ask({ modules: urls }, () => {})
    );
    this.#busy = run.catch(() => {});
    return run;
  }

  /** Ends the thread, whatever it is doing (an endless loop in a page, say). */
  close(): void {
    this.#worker.terminate();
  }

  #ask(
    job: SandboxJob,
    progress: (reply: SandboxReply) => void,
    transfer: Transferable[] = [],
  ): Promise<void> {
    if (this.#failed) return Promise.reject(this.#failed);
    return new Promise((resolve, reject) => {
      this.#onReply = (reply) => {
        if ("error" in reply) {
          this.#onReply = undefined;
          const { message, location } = reply.error;
          reject(location ? new SiteError(message, location) : new Error(message));
        } else if ("done" in reply || "loaded" in reply || "modules" in reply) {
          this.#onReply = undefined;
          resolve();
        } else progress(reply);
      };
      this.#worker.postMessage(job, transfer);
    });
  }
}

/**
 * Renders pages on `site.options.workers + 1` sandboxes, in page order: `before(i)` and
 * `after(i, …)` are told in the order of `pages` whichever thread finished first, so what
 * listens (the search index) sees the same sequence on every build.
 */
export async function renderInSandboxes(
  sandboxes: Sandbox[],
  pages: Page[],
  before: (i: number) => void,
  after: (i: number, rendered: Rendered) => void,
): Promise<void> {
  if (sandboxes.length === 1) return sandboxes[0].render(pages, before, after);
  const n = sandboxes.length;
  const done: Array<Rendered | undefined> = new Array(pages.length);
  let next = 0;
  const flush = () => {
    while (next < pages.length && done[next]) {
      after(next, done[next]!);
      done[next++] = undefined;
    }
  };
  // Round-robin keeps shares balanced when page sizes drift along the list.
  const current: Array<number | undefined> = new Array(n);
  await Promise.all(sandboxes.map(async (sandbox, k) => {
    const share = pages.filter((_, i) => i % n === k);
    await sandbox.render(share, (j) => before(current[k] = j * n + k), (j, rendered) => {
      done[j * n + k] = rendered;
      flush();
    });
    current[k] = undefined;
    // The watchdog names the page of a thread still at work, not one that has finished.
    const busy = current.find((i) => i !== undefined);
    if (busy !== undefined) before(busy);
  }));
}
