import * as pagefind from "pagefind";
import type { Page } from "../core/page.ts";
import type { Site } from "../core/site.ts";
import { siteScript } from "../core/bundle.ts";
import { searchable } from "./search_text.ts";

export { formulaText, searchable } from "./search_text.ts";

export interface Options {
  /** The element of a page whose text is indexed. */
  root?: string;
  /** Elements inside `root` left out of the index (navigation, formulas, charts, buttons). */
  exclude?: string[];
  /** Which pages are indexed; default: every page at a folder URL (not 404.html) without `search: false`. */
  filter?: (page: Page) => boolean;
}

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
} satisfies Required<Options>;

/**
 * Files pagefind writes that this site does not load: its ready-made search
 * interfaces (assets/search.js is the interface) and the result highlighter.
 */
const UNUSED = /^pagefind-(?:(?:component-|modular-)?ui\.(?:js|css)|highlight\.js)$|^playground\//;

/**
 * Full-text search with pagefind, built with the site: after every page has
 * rendered, their HTML goes to pagefind (one index per `<html lang>`, Chinese
 * segmented into words) and the index files join the output, so a build stays
 * atomic. The index goes to `pagefind/`. Every page loads `assets/search.js`
 * (a button and the `/` key); the index and pagefind's code load only when the
 * reader opens search.
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
  return (site: Site) => {
    let indexed: Page[] = [];
    /** The last index and what it was built from: a rebuild with the same text reuses it. */
    let last: { key: string; files: Array<[string, Uint8Array]> } | undefined;
    /** Inputs by the page output they were read from: the dev server's unchanged pages keep theirs. */
    const memo = new WeakMap<Uint8Array, SearchInput>();
    /** The index being made for the latest text, when it differs from the last. */
    let pending: { key: string; files: Promise<Array<[string, Uint8Array]>> } | undefined;
    /** The first build's index, fed while pages render. */
    let streaming: Indexer | undefined;
    site.scripts.push("assets/search.js");
    site.styles.push("assets/search.css");
    // A site read from disk cannot fetch an index: it gets no search at all.
    for (const f of ["assets/search.js", "assets/search.css"]) site.needsServer.add(f);
    site.preprocess((pages) => {
      // Page order, not render order, decides the index's bytes: one fixed order for every build.
      indexed = site.fromDisk
        ? []
        : pages.filter(options.filter).sort((a, b) => (a.src < b.src ? -1 : 1));
      streaming?.abandon();
      // Later builds of the dev server mostly reuse the last index, which needs every page's text first.
      streaming = last || site.fromDisk ? undefined : new Indexer(indexed, options, site.serving);
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
          name.endsWith(".js") ? await siteScript(site, code, name) : code,
        );
      }
      // The index goes to site.later(): a build writes the pages meanwhile, and the dev server
      // reloads with the last index until the new one replaces it.
      if (streaming) {
        const indexer = streaming;
        streaming = undefined;
        site.later(
          "pagefind",
          indexer.finish(output).then(({ key, files }) => (last = { key, files }).files),
        );
        return;
      }
      const inputs = indexed.flatMap((page) => {
        const input = searchInput(page, output, options, memo);
        return input ? [input] : [];
      });
      const key = JSON.stringify(inputs);
      const current = last?.key === key ? last.files : site.serving ? last?.files : undefined;
      for (const [path, body] of current ?? []) output.set(`pagefind/${path}`, body);
      if (last?.key === key) return;
      if (pending?.key !== key) {
        const files = buildIndex(inputs, options);
        pending = { key, files };
        files.then((files) => {
          if (pending?.key === key) [last, pending] = [{ key, files }, undefined];
        }, () => {
          if (pending?.key === key) pending = undefined; // the next build tries again
        });
      }
      site.later("pagefind", pending.files);
    });
  };
}

/** Indexes being built on this thread. */
let open = 0;

interface SearchInput {
  url: string;
  path: string;
  content: string;
}

/** What pagefind is given for a page: its URL and its searchable HTML; undefined if not output. */
function searchInput(
  page: Page,
  output: Map<string, string | Uint8Array>,
  options: Required<Options>,
  memo?: WeakMap<Uint8Array, SearchInput>,
): SearchInput | undefined {
  const body = output.get(page.output);
  if (body === undefined) return undefined;
  if (typeof body === "string") return input(page, body, options);
  const known = memo?.get(body);
  if (known && known.url === page.url && known.path === page.path) return known;
  const made = input(page, new TextDecoder().decode(body), options);
  memo?.set(body, made);
  return made;
}

function input(page: Page, html: string, options: Required<Options>): SearchInput {
  return {
    // pagefind.js prefixes the path it is served under (`/course/pagefind/` → `/course/`).
    url: page.url,
    path: page.path,
    content: searchable(html, options.root, options.exclude.includes(".katex")),
  };
}

const fail = (what: string, errors: string[]) =>
  new Error(`search: pagefind could not ${what}: ${errors.join("; ")}`);

/**
 * An index fed while the site renders: each page goes to pagefind as soon as
 * it and every page before it in `pages` have rendered, so pagefind indexes
 * on another core while this thread renders the rest. Pages not seen while
 * rendering (rendered on worker threads) are read from the output at the end.
 */
class Indexer {
  #pages: Page[];
  #wanted: Set<Page>;
  #options: Required<Options>;
  #inputs = new Map<Page, SearchInput>();
  #next = 0;
  #index?: Promise<pagefind.PagefindIndex>;
  #added: Promise<void>[] = [];
  #closed = false;
  #keep: boolean;

  /**
   * With `keep`, each page's text is kept for the key a later build compares
   * (the dev server's); a single build lets it go once pagefind has it.
   */
  constructor(pages: Page[], options: Required<Options>, keep: boolean) {
    this.#pages = pages;
    this.#wanted = new Set(pages);
    this.#options = options;
    this.#keep = keep;
  }

  rendered(page: Page, html: string): void {
    if (this.#closed || !this.#wanted.has(page)) return;
    this.#inputs.set(page, input(page, html, this.#options));
    this.#send();
  }

  /** Sends the pages whose turn has come; none waits for pagefind's answer. */
  #send(): void {
    while (this.#next < this.#pages.length) {
      const page = this.#pages[this.#next];
      const item = this.#inputs.get(page);
      if (!item) return;
      this.#next++;
      if (!this.#keep) this.#inputs.set(page, { ...item, content: "" });
      if (!this.#index) {
        this.#index = openIndex(this.#options);
        this.#index.catch(() => {}); // reported by finish()
      }
      const added = this.#index.then(async (index) => {
        const added = await index.addHTMLFile({ url: item.url, content: item.content });
        if (added.errors.length) throw fail(`index ${item.path}`, added.errors);
      });
      added.catch(() => {}); // reported by finish()
      this.#added.push(added);
    }
  }

  /**
   * The pages left, then the index files; the key is what `buildIndex` would
   * be given ("" unless the text was kept).
   */
  async finish(
    output: Map<string, string | Uint8Array>,
  ): Promise<{ files: Array<[string, Uint8Array]>; key: string }> {
    for (const page of this.#pages.slice(this.#next)) {
      if (this.#inputs.has(page)) continue;
      const item = searchInput(page, output, this.#options);
      // A page with no output (none so far) is left out, as buildIndex leaves it out.
      if (item) this.#inputs.set(page, item);
      else this.#pages = this.#pages.filter((p) => p !== page);
    }
    this.#send();
    this.#closed = true;
    const inputs = this.#pages.map((p) => this.#inputs.get(p)!);
    const key = this.#keep ? JSON.stringify(inputs) : "";
    if (!this.#index) return { files: await buildIndex(inputs, this.#options), key };
    const index = await this.#index;
    try {
      await Promise.all(this.#added);
      return { files: await indexFiles(index), key };
    } finally {
      await closeIndex(index);
    }
  }

  /** Stops an index a failed build left: its pagefind work is dropped, its process ended. */
  async abandon(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#index?.then(async (index) => {
      await Promise.allSettled(this.#added);
      await closeIndex(index);
    }, () => {});
  }
}

/** Runs pagefind over the pages' searchable HTML; returns its files by path, sorted. */
async function buildIndex(
  inputs: SearchInput[],
  options: Required<Options>,
): Promise<Array<[string, Uint8Array]>> {
  const index = await openIndex(options);
  try {
    for (const { url, path, content } of inputs) {
      const added = await index.addHTMLFile({ url, content });
      if (added.errors.length) throw fail(`index ${path}`, added.errors);
    }
    return await indexFiles(index);
  } finally {
    await closeIndex(index);
  }
}

/** A new pagefind index; the first one of this thread starts pagefind's process. */
async function openIndex(options: Required<Options>): Promise<pagefind.PagefindIndex> {
  open++;
  const { index, errors } = await pagefind.createIndex({
    rootSelector: options.root,
    excludeSelectors: options.exclude,
  });
  if (!index) {
    await closeIndex();
    throw fail("start", errors);
  }
  return index;
}

async function closeIndex(index?: pagefind.PagefindIndex): Promise<void> {
  await index?.deleteIndex();
  // One pagefind process serves every index of this thread; it stops after the last.
  if (--open === 0) await pagefind.close();
}

/** The index's files by path, sorted, without the ones this site does not load. */
async function indexFiles(index: pagefind.PagefindIndex): Promise<Array<[string, Uint8Array]>> {
  const result = await index.getFiles();
  if (result.errors.length) throw fail("write the index", result.errors);
  // pagefind hands files back in no fixed order; the build's output is sorted.
  return result.files
    .filter((f) => !UNUSED.test(f.path))
    .map((f) => [f.path, f.content] as [string, Uint8Array])
    .sort(([a], [b]) => (a < b ? -1 : 1));
}
