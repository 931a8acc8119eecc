/// <reference lib="deno.worker" />
/**
 * The dev server's build thread. It imports `_config.ts` (and so components
 * and the engine) once; the server replaces the whole worker when code
 * changes, which is how edits to components take effect without a restart.
 */
import { render, type RenderCache, summary } from "./build.ts";
import { formatError, loadSite } from "./cli.ts";
import { SiteError } from "./errors.ts";
import { useGeneration } from "./module_generations.ts";
import type { Options } from "./options.ts";
import type { LateFiles, Output, Site } from "./site.ts";

/** A request to build; `fresh` drops cached pages (a layout or data file changed). */
export interface DevJob {
  config: string;
  options: Options;
  fresh: boolean;
  /**
   * Only components changed: import them afresh through generation `n` of
   * symlinks in `dir`, and render again the pages that call components.
   */
  components?: { dir: string; n: number };
}

/** How a build ended. */
export type DevResult =
  | { ok: true; output: Output; summary: string; basePath: string; build: number }
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
const cache: RenderCache = new Map();
/** Builds run by this thread, to tell late files which build they belong to. */
let builds = 0;

self.onmessage = async (e: MessageEvent<DevJob>) => {
  const { config, options, fresh, components } = e.data;
  let reply: DevResult;
  let late: LateFiles[] = [];
  const build = ++builds;
  try {
    if (!site) {
      site = await loadSite(config, options);
      site.serving = true;
    }
    if (fresh) cache.clear();
    if (components) {
      const { root, srcDir } = site.options;
      useGeneration(components.dir, components.n, srcDir === root ? [root] : [root, srcDir]);
      for (const [src, entry] of cache) if (entry.key.includes("comp.")) cache.delete(src);
    }
    const result = await render(site, undefined, cache, (what, page) => {
      self.postMessage({ progress: what, file: page?.path } satisfies DevReply);
    }, { late: true });
    late = result.late;
    reply = {
      ok: true,
      output: result.output,
      summary: summary(result),
      basePath: site.options.basePath,
      build,
    };
  } catch (error) {
    reply = {
      ok: false,
      error: {
        message: error instanceof Error ? error.message : String(error),
        where: error instanceof SiteError ? error.where : undefined,
        excerpt: error instanceof SiteError ? error.excerpt() : "",
        printout: formatError(error),
      },
    };
  }
  self.postMessage(reply);
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

// Messages sent before this module finished loading can be lost: say when it has.
self.postMessage({ ready: true } satisfies DevReply);
