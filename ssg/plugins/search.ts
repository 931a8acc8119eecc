import * as pagefind from "pagefind";
import type { Page } from "../page.ts";
import type { Site } from "../site.ts";

export interface Options {
  /** The element of a page whose text is indexed. */
  root?: string;
  /** Elements inside `root` left out of the index (navigation, formulas, charts, buttons). */
  exclude?: string[];
  /** Which pages are indexed; default: the lectures (pages listed in the navigation). */
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
  filter: (page: Page) => page.data.listed && page.url.endsWith("/"),
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
    site.scripts.push("assets/search.js");
    site.styles.push("assets/search.css");
    site.preprocess((pages) => {
      indexed = pages.filter(options.filter);
    });
    site.finish(async (output) => {
      for (const name of ["search.js", "search.css"]) {
        output.set(
          `assets/${name}`,
          await Deno.readTextFile(new URL(`../client/${name}`, import.meta.url)),
        );
      }
      const files = await buildIndex(indexed, output, options);
      for (const [path, body] of files) output.set(`pagefind/${path}`, body);
    });
  };
}

/** Indexes being built on this thread. */
let open = 0;

/** Runs pagefind over the rendered pages; returns its files by path, sorted. */
async function buildIndex(
  pages: Page[],
  output: Map<string, string | Uint8Array>,
  options: Required<Options>,
): Promise<Array<[string, Uint8Array]>> {
  const decoder = new TextDecoder();
  const fail = (what: string, errors: string[]) =>
    new Error(`search: pagefind could not ${what}: ${errors.join("; ")}`);
  open++;
  try {
    const { index, errors } = await pagefind.createIndex({
      rootSelector: options.root,
      excludeSelectors: options.exclude,
    });
    if (!index) throw fail("start", errors);
    try {
      for (const page of [...pages].sort((a, b) => (a.output < b.output ? -1 : 1))) {
        const body = output.get(page.output);
        if (body === undefined) continue;
        const added = await index.addHTMLFile({
          // pagefind.js prefixes the path it is served under (`/course/pagefind/` → `/course/`).
          url: page.url,
          content: typeof body === "string" ? body : decoder.decode(body),
        });
        if (added.errors.length) throw fail(`index ${page.path}`, added.errors);
      }
      const result = await index.getFiles();
      if (result.errors.length) throw fail("write the index", result.errors);
      // pagefind hands files back in no fixed order; the build's output is sorted.
      return result.files
        .filter((f) => !UNUSED.test(f.path))
        .map((f) => [f.path, f.content] as [string, Uint8Array])
        .sort(([a], [b]) => (a < b ? -1 : 1));
    } finally {
      await index.deleteIndex();
    }
  } finally {
    // One pagefind process serves every index of this thread; it stops after the last.
    if (--open === 0) await pagefind.close();
  }
}
