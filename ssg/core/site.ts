import type { MarkdownIt } from "markdown-it";
import type { Environment } from "ventojs/core/environment.js";
import { type Options, type Resolved, resolveOptions } from "./options.ts";
import type { Page } from "./page.ts";

/** A plugin, as in Lume: a function that configures the site. */
export type Plugin = (site: Site) => void;

/** Runs after pages are loaded and before they render: add, drop or annotate pages. */
export type Preprocessor = (pages: Page[], site: Site) => void | Promise<void>;

/** Transforms each rendered HTML page (base path, links…). */
export type Processor = (html: string, page: Page, site: Site) => string;

/**
 * Sees each page's final HTML as soon as it has rendered, on the main thread,
 * so slow work on it (search indexing) can start while other pages render.
 * `bytes` is the page's output as rendered (UTF-8), which a finisher finds in
 * the output unless a processor or finisher replaced it. Pages rendered on
 * worker threads or reused from the dev server's cache are not seen: a
 * finisher reads those from the output.
 */
export type PageListener = (html: string, page: Page, bytes: Uint8Array) => void;

/** Adds files after all pages rendered (sitemap, search index…). */
export type Finisher = (output: Output, site: Site) => void | Promise<void>;

/** Files a finisher hands over after the build returned: they replace the output's `folder/`. */
export interface LateFiles {
  folder: string;
  files: Promise<Array<[string, Uint8Array]>>;
}

/** Files of a build, keyed by output path relative to dest. */
export interface Output extends Map<string, string | Uint8Array> {
  /**
   * Whether `path` holds a page as it rendered, which the build has written and keeps on
   * disk rather than in memory (reading it reads the file). A plugin that looks for
   * something in every page can skip those it saw without it as they rendered.
   */
  onDisk?(path: string): boolean;
}

/**
 * The site: options plus what plugins registered. `_config.ts` exports one,
 * made by `site()` from `ssg/mod.ts`, and chains `.use(plugin())` on it.
 */
export class Site {
  readonly userOptions: Options;
  options: Resolved;
  /**
   * URL of the module that exports this site (`_config.ts`), set by loadSite(): the page
   * sandbox imports it to render with the same plugins.
   */
  configUrl?: string;
  /** Set by the markdown plugin, where pages render (see beforeRender()). */
  markdown?: MarkdownIt;
  /**
   * Set by the math plugin, where pages render: typesets TeX at build time; pages using it
   * link `css`.
   */
  tex?: { css: string; render(source: string, display: boolean): string };
  /** What beforeRender() was given, in order. */
  readonly renderSetups: Array<(site: Site) => void | Promise<void>> = [];
  #prepared?: Promise<void>;
  readonly preprocessors: Preprocessor[] = [];
  readonly processors: Processor[] = [];
  readonly finishers: Finisher[] = [];
  readonly listeners: PageListener[] = [];
  /** Run when a build fails, before render() rejects: plugins end work the build started. */
  readonly cleanups: Array<() => void | Promise<void>> = [];
  readonly ventoPlugins: Array<(env: Environment) => void> = [];
  readonly copyExtensions: string[] = [];
  readonly copyDirs: string[] = [];
  readonly ignored: string[] = ["node_modules", "deno.lock", "deno.json"];
  /** Global data for every template, as Lume's `site.data()`. */
  readonly globals: Record<string, unknown> = {};
  /** CSS and JS files every page links, relative to dest. */
  readonly styles: string[] = [];
  readonly scripts: string[] = [];
  /**
   * Scripts run as classic scripts (`<script defer>`), not modules: browsers
   * refuse module scripts on pages read from disk (`file://`). Components'
   * browser code is then one bundle, `components/charts.js`. Set by relativeUrls().
   */
  classicScripts = false;
  /**
   * The output is made to be read from disk (`file://`) as well as served; features that need a
   * server (search fetches its index) leave themselves out. Set by relativeUrls().
   */
  fromDisk = false;
  /** Files of `styles` and `scripts` that work only when served: pages read from disk leave them out. */
  readonly needsServer = new Set<string>();
  /** True under the dev server, which serves each build as soon as its pages are out. */
  serving = false;
  /** Work handed to later() by the current build, taken by render(). */
  readonly lateWork: LateFiles[] = [];

  constructor(options: Options = {}, root = Deno.cwd()) {
    this.userOptions = options;
    this.options = resolveOptions(options, root);
  }

  /** Re-resolves options with overrides (CLI flags such as `--src`). */
  configure(overrides: Options): this {
    // A flag left out (undefined) keeps the value `_config.ts` gave, not the default.
    const given = Object.entries(overrides).filter(([, v]) => v !== undefined);
    this.options = resolveOptions(
      { ...this.userOptions, ...Object.fromEntries(given) },
      this.options.root,
    );
    return this;
  }

  use(plugin: Plugin): this {
    plugin(this);
    return this;
  }

  /** Leaves files or folders (relative to `src`) out of the site. */
  ignore(...paths: string[]): this {
    this.ignored.push(...paths);
    return this;
  }

  /**
   * Copies static files: a folder or file relative to `src` (`"assets"`),
   * or every file with one of the extensions (`[".png", ".svg"]`).
   */
  copy(from: string | string[]): this {
    if (Array.isArray(from)) this.copyExtensions.push(...from);
    else this.copyDirs.push(from.replace(/\/$/, ""));
    return this;
  }

  /** Sets a global template variable. */
  data(name: string, value: unknown): this {
    this.globals[name] = value;
    return this;
  }

  /** Registers a Vento filter, used as `{{ value |> name }}`. */
  filter(name: string, fn: (...args: never[]) => unknown): this {
    this.ventoPlugins.push((env) => {
      env.filters[name] = fn as (...args: unknown[]) => unknown;
    });
    return this;
  }

  /**
   * Runs `fn` where pages render, once, before the first page: for what only rendering needs
   * (the Markdown parser and its rules, a typesetter). `fn` may import its libraries there
   * (`await import("katex")`): the build's own thread renders no page and never loads them,
   * so it reads the pages sooner. Setups run in the order they were added, each awaited.
   */
  beforeRender(fn: (site: Site) => void | Promise<void>): this {
    this.renderSetups.push(fn);
    return this;
  }

  /** Runs the beforeRender() setups, the first time it is called; later calls wait for them. */
  prepareRender(): Promise<void> {
    return this.#prepared ??= (async () => {
      for (const setup of this.renderSetups) await setup(this);
    })();
  }

  preprocess(fn: Preprocessor): this {
    this.preprocessors.push(fn);
    return this;
  }

  process(fn: Processor): this {
    this.processors.push(fn);
    return this;
  }

  /**
   * Slow output a finisher need not wait for (the search index): `files`, by
   * path inside `folder/`, replace that folder once they resolve. Meanwhile a
   * build writes the rest of the site and the dev server reloads the page;
   * `render()` alone waits for them.
   */
  later(folder: string, files: Promise<Array<[string, Uint8Array]>>): this {
    files.catch(() => {}); // reported where the files are awaited
    this.lateWork.push({ folder, files });
    return this;
  }

  /** Calls `fn` with each page's final HTML as it renders (see PageListener). */
  rendered(fn: PageListener): this {
    this.listeners.push(fn);
    return this;
  }

  /** Calls `fn` when a build fails, so a plugin can end what it started (a search index). */
  failed(fn: () => void | Promise<void>): this {
    this.cleanups.push(fn);
    return this;
  }

  finish(fn: Finisher): this {
    this.finishers.push(fn);
    return this;
  }

  /** Absolute URL of a site path, with the base path: `/a/` → `https://x.org/course/a/`. */
  absoluteUrl(path: string): string {
    return this.options.location + path.replace(/^\//, "");
  }
}

/** Folders searched in order for `_includes`, `_components` and `_data`. */
export function layers(site: Site, folder: string): string[] {
  const { srcDir, root } = site.options;
  const dirs = [`${srcDir}/${folder}`];
  if (srcDir !== root) dirs.push(`${root}/${folder}`);
  return dirs;
}
