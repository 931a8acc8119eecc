import { loadComponents } from "./components.ts";
import { loadData, loadSources } from "./load.ts";
import type { Page } from "./page.ts";
import { type Rendered, type Renderer, renderPage } from "./render.ts";
import type { LateFiles, Output, PageListener, Site } from "./site.ts";
import { createVento } from "./vento.ts";
import { bundleClients } from "./bundle.ts";
import { gzipSync } from "node:zlib";
import { setImmediate } from "node:timers";
import { checkFolderFree, checkUrls, GuardedOutput } from "./url_check.ts";
import { renderInWorkers } from "./workers.ts";

import { addLate } from "./write_output.ts";
export { writeOutput } from "./write_output.ts";

/** What a build produced, with the figures its summary prints. */
export interface BuildResult {
  output: Output;
  pages: Page[];
  /** Per output page: bytes of JS and CSS it loads, and of its JS gzipped. */
  weight: Map<string, { js: number; css: number; jsGzip: number }>;
  ms: number;
  /** Milliseconds spent in each phase, for benchmarks. */
  phases: Record<string, number>;
  /** Output still being made (Site.later), when render() was asked not to wait for it. */
  late: LateFiles[];
}

/** Folders searched in order for `_includes`, `_components` and `_data`. */
export function layers(site: Site, folder: string): string[] {
  const { srcDir, root } = site.options;
  const dirs = [`${srcDir}/${folder}`];
  if (srcDir !== root) dirs.push(`${root}/${folder}`);
  return dirs;
}

/** Loads templates, components, data and the Markdown parser: all a page render needs. */
export async function createRenderer(site: Site): Promise<Renderer> {
  const env = createVento(layers(site, site.options.includes));
  for (const plugin of site.ventoPlugins) plugin(env);
  const components = await loadComponents(layers(site, site.options.components), env);
  const data = { ...await loadData(layers(site, site.options.data)), ...site.globals };
  if (!site.markdown) {
    throw new Error("site: no Markdown engine; add site.use(markdown()) in _config.ts");
  }
  return { site, env, md: site.markdown, components, data, layouts: new Map() };
}

/** Rendered pages kept between dev builds, keyed by page source. */
export type RenderCache = Map<string, { key: string; rendered: Rendered }>;

/**
 * What a build is doing, told as it goes: a page's path before it renders on
 * this thread, or a phase. A build that never ends can then be named.
 */
export type Progress = (what: string, page?: Page) => void;

/**
 * Renders every page of the site into an in-memory output. Nothing is written.
 * With `configUrl`, large sites render on worker threads too; with `cache`,
 * pages whose body and data did not change are not rendered again. With
 * `late`, output that plugins hand to Site.later() comes back unawaited in
 * `result.late` (writeOutput() and the dev server take it); otherwise it is
 * in the output.
 */
export async function render(
  site: Site,
  configUrl?: string,
  cache?: RenderCache,
  progress?: Progress,
  { late: acceptLate = false }: { late?: boolean } = {},
): Promise<BuildResult> {
  const start = performance.now();
  const phases: Record<string, number> = {};
  let mark = start;
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = now - mark;
    mark = now;
  };
  progress?.("loading the pages and files");
  const { pages: loaded, files } = loadSources(site);
  phase("load");
  progress?.("running the plugins' preprocessors");
  const pages = site.options.drafts ? loaded : loaded.filter((p) => !p.data.draft);
  for (const pre of site.preprocessors) await pre(pages, site);
  checkUrls(pages, files);
  phase("preprocess");

  progress?.("loading layouts, components and data");
  const renderer = await createRenderer(site);
  phase("setup");
  const useWorkers = configUrl && site.options.workers > 0 && pages.length >= 64;
  const rendered: Rendered[] = useWorkers
    ? await renderInWorkers(site, pages, configUrl, renderer, progress)
    : await renderAll(renderer, pages, { cache, listeners: site.listeners, progress });
  phase("render");
  progress?.("bundling scripts and running the plugins' finishers (search index, links)");

  const output: Output = new GuardedOutput(pages);
  const sortedPages = pages.map((p, i) => [p, rendered[i]] as const)
    .sort(([a], [b]) => (a.output < b.output ? -1 : 1));
  for (const [page, r] of sortedPages) output.set(page.output, r.html);
  for (const f of files) output.set(f.to, await Deno.readFile(f.from));
  for (const c of renderer.components.values()) {
    for (const a of c.assets) output.set(a.to, await Deno.readFile(a.from));
  }
  const clients = [...renderer.components.values()].flatMap((c) => (c.client ? [c.client] : []));
  const bundle = await bundleClients(clients, site.options.root, site.classicScripts);
  for (const [path, bytes] of bundle.files) output.set(path, bytes);
  site.lateWork.length = 0;
  for (const finish of site.finishers) await finish(output, site);
  const late = site.lateWork.splice(0);
  for (const work of late) checkFolderFree(pages, work.folder);
  if (!acceptLate) {
    for (const work of late) addLate(output, work.folder, await work.files);
    late.length = 0;
  }
  phase("output");

  const sizes = new Map<string, number>();
  const size = (path: string) => {
    let n = sizes.get(path);
    if (n === undefined) {
      const f = output.get(path);
      n = f === undefined
        ? 0
        : typeof f === "string"
        ? new TextEncoder().encode(f).length
        : f.length;
      sizes.set(path, n);
    }
    return n;
  };
  const gzipped = new Map<string, number>();
  const gzipSize = (path: string) => {
    let n = gzipped.get(path);
    if (n === undefined) {
      const f = output.get(path);
      n = f === undefined ? 0 : gzipSync(f, { level: 9 }).length;
      gzipped.set(path, n);
    }
    return n;
  };
  const weight = new Map<string, { js: number; css: number; jsGzip: number }>();
  for (const [page, r] of sortedPages) {
    const all = [...site.styles, ...site.scripts, ...r.assets];
    // A component bundle loads the shared chunks it imports: count each file once.
    const js = [
      ...new Set(all.filter((a) => a.endsWith(".js")).flatMap((a) => bundle.loads.get(a) ?? [a])),
    ];
    weight.set(page.output, {
      js: js.reduce((s, a) => s + size(a), 0),
      css: all.filter((a) => a.endsWith(".css")).reduce((s, a) => s + size(a), 0),
      jsGzip: js.reduce((s, a) => s + gzipSize(a), 0),
    });
  }
  return { output, pages, weight, ms: performance.now() - start, phases, late };
}

/**
 * Renders pages one after another on this thread, telling `progress` of each
 * before it renders and `listeners` after.
 */
export async function renderAll(
  r: Renderer,
  pages: Page[],
  { cache, listeners = [], progress }: {
    cache?: RenderCache;
    listeners?: PageListener[];
    progress?: Progress;
  } = {},
): Promise<Rendered[]> {
  const out: Rendered[] = [];
  for (const page of pages) {
    progress?.("rendering", page);
    const key = cache ? JSON.stringify([page.url, page.body, page.data]) : "";
    const hit = cache?.get(page.src);
    if (hit && hit.key === key) {
      out.push(hit.rendered);
      continue;
    }
    const rendered = await renderPage(r, page, listeners);
    cache?.set(page.src, { key, rendered });
    out.push(rendered);
    // Lets I/O a listener started (pages sent to a search indexer) proceed while pages render.
    if (listeners.length) await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}

/** One-paragraph summary: pages, files, time and JS/CSS bytes per page. */
export function summary(result: BuildResult): string {
  let bytes = 0;
  for (const f of result.output.values()) {
    bytes += typeof f === "string" ? new TextEncoder().encode(f).length : f.length;
  }
  const w = [...result.weight.values()];
  const max = (k: "js" | "css" | "jsGzip") => Math.max(0, ...w.map((x) => x[k]));
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  // Pages that load more than the theme's script: heaviest first, at most ten.
  const base = Math.min(...w.map((x) => x.jsGzip));
  const heavy = [...result.weight].filter(([, x]) => x.jsGzip > base)
    .sort(([a, x], [b, y]) => y.jsGzip - x.jsGzip || (a < b ? -1 : 1)).slice(0, 10);
  return [
    `${result.pages.length} pages, ${result.output.size} files, ${kb(bytes)} in ${
      Math.round(result.ms)
    } ms`,
    `per page at most: ${kb(max("js"))} JS (${kb(max("jsGzip"))} gzip), ${kb(max("css"))} CSS`,
    ...heavy.map(([page, x]) => `  ${page}: ${kb(x.jsGzip)} JS gzip`),
  ].join("\n");
}
