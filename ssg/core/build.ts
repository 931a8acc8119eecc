import { findComponents } from "./components.ts";
import { loadSources } from "./load.ts";
import type { Page } from "./page.ts";
import type { Rendered } from "./render.ts";
import { renderInSandboxes, Sandbox } from "./sandbox.ts";
import { type LateFiles, layers, type Site } from "./site.ts";
import { bundleClients } from "./bundle.ts";
import { gzipSync } from "node:zlib";
import { checkFolderFree, checkUrls, GuardedOutput } from "./url_check.ts";
import { checkSvg } from "./svg_check.ts";
import { addLate } from "./write_output.ts";
export { writeOutput } from "./write_output.ts";

/** What a build produced, with the figures its summary prints. */
export interface BuildResult {
  output: GuardedOutput;
  pages: Page[];
  /** Per output page: bytes of JS and CSS it loads, and of its JS gzipped. */
  weight: Map<string, { js: number; css: number; jsGzip: number }>;
  ms: number;
  /** Milliseconds spent in each phase, for benchmarks. */
  phases: Record<string, number>;
  /** Output still being made (Site.later), when render() was asked not to wait for it. */
  late: LateFiles[];
}

/** Rendered pages kept between dev builds, keyed by page source. */
export type RenderCache = Map<string, { key: string; rendered: Rendered }>;

/**
 * What a build is doing, told as it goes: a page's path before it renders on
 * this thread, or a phase. A build that never ends can then be named.
 */
export type Progress = (what: string, page?: Page) => void;

/** How render() builds: all optional. */
export interface RenderOptions {
  /** Pages whose URL, body and data did not change since the last build are not rendered again. */
  cache?: RenderCache;
  /** Told what the build does as it goes. */
  progress?: Progress;
  /**
   * Output that plugins hand to Site.later() comes back unawaited in `result.late`
   * (writeOutput() and the dev server take it); otherwise it is in the output.
   */
  late?: boolean;
  /**
   * Page sandboxes to render in, kept by the caller across builds (the dev server);
   * otherwise render() starts `site.options.workers + 1` of them and ends them.
   */
  sandboxes?: Sandbox[];
  /**
   * Told each page's output path and HTML as soon as it renders: a build writes the pages
   * while the rest render (write_output.ts, Staging). Once the promise resolves, the output
   * keeps the page on disk (GuardedOutput.spill), reading it again with the function it
   * resolves to.
   */
  write?: (path: string, html: Uint8Array) => Promise<() => Uint8Array>;
}

/**
 * Renders every page of the site into an in-memory output. Nothing is written. Pages,
 * layouts, components and data render in the page sandbox (sandbox.ts); the plugins'
 * preprocessors, listeners and finishers, the bundler and the search index run here.
 */
export async function render(site: Site, options: RenderOptions = {}): Promise<BuildResult> {
  const { progress, late: acceptLate = false } = options;
  const start = performance.now();
  const phases: Record<string, number> = {};
  let mark = start;
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = now - mark;
    mark = now;
  };
  // The sandbox loads the site's config while this thread reads the pages.
  const own = options.sandboxes
    ? []
    : Array.from({ length: site.options.workers + 1 }, () => new Sandbox(site));
  const sandboxes = options.sandboxes ?? own;
  try {
    progress?.("loading the pages and files");
    await Promise.all(sandboxes.map((s) => s.told));
    const { pages: loaded, files } = loadSources(site);
    phase("load");
    progress?.("running the plugins' preprocessors");
    const pages = site.options.drafts ? loaded : loaded.filter((p) => !p.data.draft);
    for (const pre of site.preprocessors) await pre(pages, site);
    checkUrls(pages, files);
    const components = findComponents(layers(site, site.options.components));
    // The bundler works while the pages render: it needs only the components' browser code.
    const clients = components.flatMap((c) => (c.client ? [c.client] : []));
    const bundle = bundleClients(clients, site.options.root, site.classicScripts);
    bundle.catch(() => {}); // awaited after the render
    phase("preprocess");

    const { rendered, onDisk } = await renderWith(sandboxes, pages, site, options);
    phase("render");
    progress?.("bundling scripts and running the plugins' finishers (search index, links)");
    const result = await finish(
      site,
      { pages, rendered, onDisk, files, components, bundle },
      acceptLate,
      phase,
    );
    return { ...result, phases, ms: performance.now() - start };
  } catch (error) {
    for (const cleanup of site.cleanups) await Promise.resolve(cleanup()).catch(() => {});
    throw error;
  } finally {
    for (const s of own) s.close();
  }
}

/** A page written as it rendered, and no longer held in memory: how to read it again. */
interface OnDisk {
  read: () => Uint8Array;
  length: number;
}

/**
 * Renders the pages the cache does not hold, telling the site's listeners of each, and
 * `write` (whose pages are then kept on disk only).
 */
async function renderWith(
  sandboxes: Sandbox[],
  pages: Page[],
  site: Site,
  { cache, progress, write }: RenderOptions,
): Promise<{ rendered: Rendered[]; onDisk: Array<OnDisk | undefined> }> {
  const rendered: Rendered[] = new Array(pages.length);
  const onDisk: Array<OnDisk | undefined> = new Array(pages.length);
  const writes: Promise<void>[] = [];
  const todo: number[] = [];
  const keys = pages.map((page, i) => {
    const key = cache ? JSON.stringify([page.url, page.body, page.data]) : "";
    const hit = cache?.get(page.src);
    if (hit && hit.key === key) rendered[i] = hit.rendered;
    else todo.push(i);
    return key;
  });
  // The first page is named before the sandbox starts it: a slow start is still told of it.
  if (todo.length) progress?.("rendering", pages[todo[0]]);
  await renderInSandboxes(sandboxes, todo.map((i) => pages[i]), (j) => {
    progress?.("rendering", pages[todo[j]]);
  }, (j, r) => {
    const i = todo[j];
    rendered[i] = r;
    cache?.set(pages[i].src, { key: keys[i], rendered: r });
    if (write) {
      writes.push(
        write(pages[i].output, r.html).then((read) => {
          onDisk[i] = { read, length: r.html.length };
          rendered[i] = { html: EMPTY, assets: r.assets };
        }, () => {}),
      ); // a page not written is kept in memory, and written again at the end
    }
    if (site.listeners.length) {
      const html = new TextDecoder().decode(r.html);
      for (const listen of site.listeners) listen(html, pages[i], r.html);
    }
  });
  await Promise.all(writes);
  return { rendered, onDisk };
}

const EMPTY = new Uint8Array(0);

/** Bundles, runs the finishers and counts what each page loads. */
async function finish(
  site: Site,
  { pages, rendered, onDisk, files, components, bundle: bundling }: {
    pages: Page[];
    rendered: Rendered[];
    onDisk: Array<OnDisk | undefined>;
    files: Array<{ from: string; to: string }>;
    components: ReturnType<typeof findComponents>;
    bundle: ReturnType<typeof bundleClients>;
  },
  acceptLate: boolean,
  phase: (name: string) => void,
): Promise<Omit<BuildResult, "ms" | "phases">> {
  const output = new GuardedOutput(pages);
  const sortedPages = pages.map((p, i) => [p, rendered[i], onDisk[i]] as const)
    .sort(([a], [b]) => (a.output < b.output ? -1 : 1));
  for (const [page, r, disk] of sortedPages) {
    if (disk) output.spill(page.output, disk.read, disk.length);
    else output.set(page.output, r.html);
  }
  for (const f of files) {
    const bytes = await Deno.readFile(f.from);
    if (f.to.toLowerCase().endsWith(".svg")) checkSvg(bytes, f.from);
    output.set(f.to, bytes);
  }
  for (const c of components) {
    for (const a of c.assets) output.set(a.to, await Deno.readFile(a.from));
  }
  const bundle = await bundling;
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
    if (n === undefined) sizes.set(path, n = output.byteLength(path));
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
  return { output, pages, weight, late };
}

/** One-paragraph summary: pages, files, time and JS/CSS bytes per page. */
export function summary(result: BuildResult): string {
  let bytes = 0;
  for (const path of result.output.keys()) bytes += result.output.byteLength(path);
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
