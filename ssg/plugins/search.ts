import type { Page } from "../core/page.ts";
import type { Site } from "../core/site.ts";
import { siteScript } from "../core/bundle.ts";
import { Indexer, type PageRecord, reader, writeIndex } from "./search_index.ts";
import { IndexThread } from "./search_thread.ts";

export { formulaText } from "./search_text.ts";

export interface Options {
  /** The element of a page whose text is indexed (a tag, #id, .class or [attribute] selector). */
  root?: string;
  /** Elements inside `root` left out of the index (navigation, formulas, charts, buttons). */
  exclude?: string[];
  /** Which pages are indexed; default: every page at a folder URL (not 404.html) without `search: false`. */
  filter?: (page: Page) => boolean;
  /**
   * Fragment files per language at most (the pages' text, for excerpts): a site with more
   * pages puts several pages in a file, so hundreds of pages do not write hundreds of files; a
   * result then loads a few kB more.
   */
  maxFragments?: number;
}

/** Where the index goes in the site. */
export const FOLDER = "assets/search";

export const defaults = {
  root: "main",
  exclude: [
    ".pager",
    ".toc",
    ".katex",
    "svg",
    "[aria-hidden=true]",
    ".code-block > button",
    "[data-search-ignore]",
  ],
  filter: (page: Page) => page.url.endsWith("/") && page.data.search !== false,
  maxFragments: 100,
} satisfies Required<Options>;

/**
 * Full-text search, built with the site: each page's text is read for the index as it renders
 * (search_index.ts), and the index, one per `<html lang>`, joins the output in `assets/search/`, so a
 * build stays atomic. Every page loads `assets/search.js` (a button and the `/` key); the search
 * engine (`assets/search_engine.js`) and the index's files load only when the reader searches.
 */
export default function search(userOptions: Options = {}) {
  const options = { ...defaults, ...userOptions };
  if (typeof options.root !== "string" || !options.root) {
    throw new TypeError(`search: root must be a CSS selector such as "main"`);
  }
  if (!Array.isArray(options.exclude) || options.exclude.some((s) => typeof s !== "string")) {
    throw new TypeError(`search: exclude must be a list of CSS selectors`);
  }
  if (typeof options.filter !== "function") {
    throw new TypeError(`search: filter must be a function (page) => boolean`);
  }
  for (const key of Object.keys(userOptions)) {
    if (!(key in defaults)) {
      throw new TypeError(
        `search: unknown option "${key}"; the options are ${Object.keys(defaults).join(", ")}`,
      );
    }
  }
  if (!Number.isInteger(options.maxFragments) || options.maxFragments < 1) {
    throw new TypeError(`search: maxFragments must be a whole number of files, 1 or more`);
  }
  // Checked here, where a bad selector is the config's error; the index's thread reads them again.
  const read = reader(options.root, options.exclude);
  const selectors = { root: options.root, exclude: options.exclude };
  return (site: Site) => {
    /** A build's index, made on a thread of its own while pages render. */
    let thread: IndexThread | undefined;
    /** The dev server's, made on its build's thread, keeping each page's record for the next build. */
    let indexer: Indexer | undefined;
    /** Records by the page output they were read from: the dev server's unchanged pages keep theirs. */
    const memo = new WeakMap<Uint8Array, PageRecord>();
    site.scripts.push("assets/search.js");
    site.styles.push("assets/search.css");
    // A site read from disk cannot fetch an index: it gets no search at all.
    for (const f of ["assets/search.js", "assets/search.css"]) site.needsServer.add(f);
    site.preprocess((pages) => {
      thread?.close();
      [thread, indexer] = [undefined, undefined];
      if (site.fromDisk) return;
      // The pages' order (sorted sources, then the pages plugins made): one fixed order for
      // every build, whatever order they render in.
      const indexed = pages.filter(options.filter);
      if (site.serving) indexer = new Indexer(indexed, read);
      else thread = new IndexThread(indexed, selectors);
    });
    site.rendered((html, page, bytes) => {
      indexer?.rendered(page, html);
      thread?.rendered(page, bytes);
    });
    site.failed(() => {
      thread?.close();
      thread = undefined;
    });
    site.finish(async (output) => {
      if (!thread && !indexer) return;
      for (const name of ["search.js", "search_engine.js", "search_terms.js", "search.css"]) {
        const code = await Deno.readTextFile(new URL(`../client/${name}`, import.meta.url));
        output.set(
          `assets/${name}`,
          name === "search.js" ? await siteScript(site, code, name) : code,
        );
      }
      if (thread) {
        // Written while the build writes the rest (the index's thread has most of it by now).
        site.later(FOLDER, thread.files(output, options.maxFragments));
        thread = undefined;
        return;
      }
      for (const [name, body] of writeIndex(indexer!.records(output, memo), options.maxFragments)) {
        output.set(`${FOLDER}/${name}`, body);
      }
      indexer = undefined;
    });
  };
}
