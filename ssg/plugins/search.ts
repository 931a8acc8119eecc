import type { Page } from "../core/page.ts";
import type { Site } from "../core/site.ts";
import { siteScript } from "../core/bundle.ts";
import { cachedIndex, Indexer } from "./search_index.ts";
import { IndexCache } from "./search_cache.ts";
import { resolvePath } from "../core/options.ts";
import { type IndexOptions, type SearchInput, searchInput } from "./search_text.ts";

/** The line of assets/search.js that says how many parts the index is in. */
const PARTS = "const PARTS = [];";

export { formulaText, searchable } from "./search_text.ts";

export interface Options {
  /** The element of a page whose text is indexed. */
  root?: string;
  /** Elements inside `root` left out of the index (navigation, formulas, charts, buttons). */
  exclude?: string[];
  /** Which pages are indexed; default: every page at a folder URL (not 404.html) without `search: false`. */
  filter?: (page: Page) => boolean;
  /**
   * Where the index is kept on disk, relative to the project's folder, to be reused by a build
   * whose pages give pagefind the same text (search_cache.ts); `false`: nowhere. The build and
   * the dev server may write only inside `_cache/`; elsewhere the cache is left out.
   */
  cache?: string | false;
  /**
   * Fragment files per language at most, over all parts (pagefind keeps each page's text for its
   * excerpts in one): a site with more pages gets several pages in a file, so hundreds of pages do not
   * write hundreds of files; a result then loads a few kB more.
   */
  maxFragments?: number;
  /**
   * Parts the index is made in, side by side, each by a pagefind process of its own (the
   * browser joins them): "auto" is 2 from 200 indexed pages on, else 1. Not the machine's
   * core count: the output is the same on every machine.
   */
  shards?: number | "auto";
}

/** Indexed pages from which "auto" makes the index in two parts. */
export const SHARD_FROM = 200;

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
  cache: "_cache/search",
  maxFragments: 100,
  shards: "auto",
} satisfies Required<Options>;

/**
 * Full-text search with pagefind, built with the site: as pages render, their HTML goes to
 * pagefind (one index per `<html lang>`, Chinese segmented into words) and the index files join
 * the output, so a build stays atomic. The index goes to `pagefind/` (a large site's in two parts
 * made side by side, the second in `pagefind/1/`), and is kept in `_cache/search/` for later
 * builds of the same text (search_cache.ts). Every page loads `assets/search.js` (a button and
 * the `/` key); the index and pagefind's code load only when the reader opens search.
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
  if (options.cache !== false && (typeof options.cache !== "string" || !options.cache)) {
    throw new TypeError(`search: cache must be a folder such as "_cache/search", or false`);
  }
  if (!Number.isInteger(options.maxFragments) || options.maxFragments < 1) {
    throw new TypeError(`search: maxFragments must be a whole number of files, 1 or more`);
  }
  const shards = options.shards;
  if (shards !== "auto" && (!Number.isInteger(shards) || shards < 1 || shards > 8)) {
    throw new TypeError(`search: shards must be "auto" or a whole number from 1 to 8`);
  }
  return (site: Site) => {
    let indexed: Page[] = [];
    /** What the index is made with, its parts counted for the pages of the build. */
    let made: IndexOptions = { ...options, shards: 1 };
    /** Each page's part: the j-th page of a language goes to part j mod shards. */
    let partOf = (_url: string) => 0;
    /** The languages of each part after the first, for assets/search.js to join those it needs. */
    let partLanguages: string[][] = [];
    /** The last index and what it was built from: a rebuild with the same text reuses it. */
    let last: { inputs: SearchInput[]; files: Array<[string, Uint8Array]> } | undefined;
    /** Inputs by the page output they were read from: the dev server's unchanged pages keep theirs. */
    const memo = new WeakMap<Uint8Array, SearchInput>();
    /** The index being made for the latest text, when it differs from the last. */
    let pending: { inputs: SearchInput[]; files: Promise<Array<[string, Uint8Array]>> } | undefined;
    /** The first build's index, fed while pages render. */
    let streaming: Indexer | undefined;
    /** The index files kept on disk (the project's folder is known once the site is configured). */
    let cache: IndexCache | undefined;
    /** Each input's hash, for the cache's key: an unchanged page is not hashed again. */
    const hashes = new WeakMap<SearchInput, string>();
    site.scripts.push("assets/search.js");
    site.styles.push("assets/search.css");
    // A site read from disk cannot fetch an index: it gets no search at all.
    for (const f of ["assets/search.js", "assets/search.css"]) site.needsServer.add(f);
    site.preprocess((pages) => {
      // The pages' order (sorted sources, then the pages plugins made), which is also the order
      // listeners see them rendered in on any number of sandboxes: one fixed order for every
      // build, and the index is fed as the pages come. (Sorted by source, the generated home
      // pages, rendered last, came first and held every page back until the end of rendering.)
      indexed = site.fromDisk ? [] : pages.filter(options.filter);
      const parts = shards === "auto" ? (indexed.length >= SHARD_FROM ? 2 : 1) : shards;
      made = { ...options, shards: Math.max(1, Math.min(parts, indexed.length)) };
      // Every language's first page goes to the first part, so that part has every language
      // (pagefind's browser side finds the page's language there), and a part has a language
      // only with a page of it: a reader of one language never gets results of another.
      const counts = new Map<string, number>();
      const part = new Map(indexed.map((page) => {
        const lang = String(page.data.lang);
        const j = counts.get(lang) ?? 0;
        counts.set(lang, j + 1);
        return [page.url, j % made.shards];
      }));
      // A function per build: an index still being made for an earlier build keeps its parts.
      partOf = (url: string) => part.get(url) ?? 0;
      partLanguages = Array.from(
        { length: made.shards - 1 },
        (_, k) => [...counts].filter(([, n]) => n > k + 1).map(([lang]) => lang).sort(),
      );
      streaming?.abandon();
      const dir = options.cache && resolvePath(site.options.root, options.cache);
      if (dir && cache?.dir !== dir) cache = new IndexCache(dir);
      // Later builds of the dev server mostly reuse the last index, which needs every page's text first.
      streaming = last || site.fromDisk
        ? undefined
        : new Indexer(indexed, made, site.serving, options.cache ? cache : undefined, partOf);
    });
    site.rendered((html, page) => streaming?.rendered(page, html));
    // A failed build ends pagefind before the build's process ends, so it never writes into
    // a closed pipe (and prints a panic after the author's error).
    site.failed(async () => {
      const indexer = streaming;
      streaming = undefined;
      await indexer?.abandon();
    });
    site.finish(async (output) => {
      if (site.fromDisk) return;
      for (const name of ["search.js", "search.css"]) {
        const code = await Deno.readTextFile(new URL(`../client/${name}`, import.meta.url));
        output.set(
          `assets/${name}`,
          name.endsWith(".js")
            ? await siteScript(
              site,
              code.replace(PARTS, `const PARTS = ${JSON.stringify(partLanguages)};`),
              name,
            )
            : code,
        );
      }
      // The index goes to site.later(): a build writes the pages meanwhile, and the dev server
      // reloads with the last index until the new one replaces it.
      if (streaming) {
        const indexer = streaming;
        streaming = undefined;
        site.later(
          "pagefind",
          indexer.finish(output).then(({ inputs, files }) => (last = { inputs, files }).files),
        );
        return;
      }
      const inputs = indexed.flatMap((page) => {
        const input = searchInput(page, output, options, memo);
        return input ? [input] : [];
      });
      const unchanged = sameText(last?.inputs, inputs);
      const current = unchanged ? last!.files : site.serving ? last?.files : undefined;
      for (const [path, body] of current ?? []) output.set(`pagefind/${path}`, body);
      if (unchanged) return;
      if (!pending || !sameText(pending.inputs, inputs)) {
        const files = cachedIndex(inputs, made, options.cache ? cache : undefined, hashes, partOf);
        const mine = { inputs, files };
        pending = mine;
        files.then((files) => {
          if (pending === mine) [last, pending] = [{ inputs, files }, undefined];
        }, () => {
          if (pending === mine) pending = undefined; // the next build tries again
        });
      }
      site.later("pagefind", pending.files);
    });
  };
}

/**
 * Whether two builds give pagefind the same pages: unchanged pages keep their input object (the
 * memo), so most compare by identity, and a changed page by its text, without serializing all.
 */
function sameText(a: SearchInput[] | undefined, b: SearchInput[]): boolean {
  return !!a && a.length === b.length &&
    a.every((x, i) =>
      x === b[i] || (x.url === b[i].url && x.path === b[i].path && x.content === b[i].content)
    );
}
