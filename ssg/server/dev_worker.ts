/// <reference lib="deno.worker" />
/**
 * The dev server's build thread. It imports `_config.ts` once and keeps a page sandbox
 * (sandbox.ts) across builds. An edit to components re-imports the edited modules, and those
 * that import them, in that sandbox (hot.ts), and renders again only the pages that call the
 * components above the edit; where that cannot be right (a `_data` module imports the edited
 * file) the sandbox is replaced. The server replaces this whole thread when other code changes.
 */
import { render, type RenderCache, summary } from "../core/build.ts";
import { formatError, loadSite } from "../core/load_site.ts";
import { SiteError } from "../core/errors.ts";
import { Sandbox } from "../core/sandbox.ts";
import type { Options } from "../core/options.ts";
import { type LateFiles, layers, type Output, type Site } from "../core/site.ts";
import { hotModules, realPaths } from "./hot.ts";
import { type OutputChanges, outputChanges } from "./changes.ts";

/** A request to build; `fresh` drops cached pages (a layout or data file changed). */
export interface DevJob {
  config: string;
  options: Options;
  fresh: boolean;
  /**
   * Only components changed, these files: import them anew (and what imports them), and
   * render again the pages that call the components above them.
   */
  components?: string[];
}

/** How a build ended. */
export type DevResult =
  | {
    ok: true;
    /** The whole output (this thread's first build), or what changed since its last one. */
    output: Output | OutputChanges;
    summary: string;
    basePath: string;
    build: number;
  }
  | {
    ok: false;
    error: { message: string; where?: string; excerpt: string; printout: string };
  };

export type DevReply =
  | { ready: true }
  /** What the build does now (a page's path, or a phase), so a build that never ends is named. */
  | { progress: string; file?: string }
  /** Files of build `build` that came after it (Site.later): they replace `folder/`. */
  | { late: { build: number; folder: string; files?: Array<[string, Uint8Array]>; error?: string } }
  | DevResult;

let site: Site | undefined;
/** Kept across builds: it holds the libraries pages use, loaded once. */
let sandbox: Sandbox | undefined;
const cache: RenderCache = new Map();
/** Component files edited since the sandbox started: it imports them by `data:` URLs. */
const edited = new Set<string>();
/** Those URLs → the files they stand for, so that errors name real files. */
let hotFiles: Record<string, string> = {};
/** Builds run by this thread, to tell late files which build they belong to. */
let builds = 0;
/** The output of the last build sent: later builds send only what changed since. */
let sent: Output | undefined;

self.onmessage = async (e: MessageEvent<DevJob>) => {
  const { config, options, fresh, components } = e.data;
  let reply: DevResult;
  let late: LateFiles[] = [];
  let full: Output | undefined;
  const build = ++builds;
  try {
    if (!site) {
      site = await loadSite(config, options);
      site.serving = true;
    }
    if (fresh) cache.clear();
    if (components) await reimport(site, components);
    sandbox ??= new Sandbox(site);
    const result = await render(site, {
      cache,
      progress: (what, page) => {
        self.postMessage({ progress: what, file: page?.path } satisfies DevReply);
      },
      late: true,
      sandboxes: [sandbox],
    });
    late = result.late;
    full = result.output;
    reply = {
      ok: true,
      output: sent ? outputChanges(sent, result.output) : result.output,
      summary: summary(result),
      basePath: site.options.basePath,
      build,
    };
  } catch (error) {
    const real = (s: string) => realPaths(s, hotFiles);
    reply = {
      ok: false,
      error: {
        message: real(error instanceof Error ? error.message : String(error)),
        where: error instanceof SiteError ? error.where : undefined,
        excerpt: error instanceof SiteError ? error.excerpt() : "",
        printout: real(formatError(error)),
      },
    };
  }
  self.postMessage(reply);
  if (reply.ok) sent = full;
  for (const { folder, files } of reply.ok ? late : []) {
    files.then(
      (files) => self.postMessage({ late: { build, folder, files } } satisfies DevReply),
      (error) => {
        const message = error instanceof Error ? error.message : String(error);
        self.postMessage({ late: { build, folder, error: message } } satisfies DevReply);
      },
    );
  }
};

/**
 * After an edit to component files: the sandbox imports the edited modules anew, and the pages
 * calling a component above them are dropped from the cache; or, where that cannot be right, a
 * new sandbox imports everything and every page calling a component renders again.
 */
async function reimport(site: Site, files: string[]): Promise<void> {
  for (const f of files) edited.add(f);
  const dirs = (folder: string) => layers(site, folder).map((d) => `${d}/`);
  const hot = sandbox
    ? hotModules(edited, dirs(site.options.components), dirs(site.options.data))
    : null;
  if (sandbox && hot) {
    await sandbox.useModules(hot.urls);
    hotFiles = hot.files;
    const calls = hot.names.map((name) => new RegExp(`comp\\.${name}\\b`));
    for (const [src, entry] of cache) if (calls.some((c) => c.test(entry.key))) cache.delete(src);
    return;
  }
  sandbox?.close();
  sandbox = undefined;
  edited.clear();
  hotFiles = {};
  for (const [src, entry] of cache) if (entry.key.includes("comp.")) cache.delete(src);
}

// Messages sent before this module finished loading can be lost: say when it has.
self.postMessage({ ready: true } satisfies DevReply);
