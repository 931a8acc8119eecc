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
    /** The last index and what it was built from: a rebuild with the same text reuses it. */
    let last: { key: string; files: Array<[string, Uint8Array]> } | undefined;
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
      const inputs = searchInputs(indexed, output, options);
      const key = JSON.stringify(inputs);
      const files = last?.key === key ? last.files : await buildIndex(inputs, options);
      last = { key, files };
      for (const [path, body] of files) output.set(`pagefind/${path}`, body);
    });
  };
}

/** Indexes being built on this thread. */
let open = 0;

/** What pagefind is given for each page: its URL and its searchable HTML, in output order. */
function searchInputs(
  pages: Page[],
  output: Map<string, string | Uint8Array>,
  options: Required<Options>,
): Array<{ url: string; path: string; content: string }> {
  const decoder = new TextDecoder();
  const inputs = [];
  for (const page of [...pages].sort((a, b) => (a.output < b.output ? -1 : 1))) {
    const body = output.get(page.output);
    if (body === undefined) continue;
    const html = typeof body === "string" ? body : decoder.decode(body);
    inputs.push({
      // pagefind.js prefixes the path it is served under (`/course/pagefind/` → `/course/`).
      url: page.url,
      path: page.path,
      content: searchable(html, options.root, options.exclude.includes(".katex")),
    });
  }
  return inputs;
}

/** Runs pagefind over the pages' searchable HTML; returns its files by path, sorted. */
async function buildIndex(
  inputs: Array<{ url: string; path: string; content: string }>,
  options: Required<Options>,
): Promise<Array<[string, Uint8Array]>> {
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
      for (const { url, path, content } of inputs) {
        const added = await index.addHTMLFile({ url, content });
        if (added.errors.length) throw fail(`index ${path}`, added.errors);
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

/**
 * What pagefind reads of a page, and no more: the language and the root
 * element, with formulas taken out when `.katex` is excluded anyway (KaTeX's
 * markup is most of a page's bytes) and highlighting tags dropped around their
 * text. Sending less makes indexing faster and gives the same index.
 */
export function searchable(html: string, root: string, dropFormulas = true): string {
  if (!/^[a-z][a-z0-9-]*$/.test(root)) return html;
  const start = html.indexOf(`<${root}`);
  const end = html.lastIndexOf(`</${root}>`);
  if (start < 0 || end < start) return html;
  const lang = html.match(/<html[^>]*\slang="([^"]*)"/)?.[1];
  return `<!doctype html><html${lang ? ` lang="${lang}"` : ""}><body>${
    plainSpans(
      dropFormulas
        ? withoutSpans(html.slice(start, end + root.length + 3), '<span class="katex">')
        : html.slice(start, end + root.length + 3),
    )
  }</body></html>`;
}

/** `html` without each `<span …>` that starts with `open`, and everything inside it. */
function withoutSpans(html: string, open: string): string {
  let out = "";
  let from = 0;
  for (let at = html.indexOf(open); at >= 0; at = html.indexOf(open, from)) {
    out += html.slice(from, at);
    let depth = 0;
    let i = at;
    do {
      const next = html.indexOf("<span", i + 1);
      const close = html.indexOf("</span>", i + 1);
      if (close < 0) return out + html.slice(at);
      if (next >= 0 && next < close) {
        depth++;
        i = next;
      } else {
        depth--;
        i = close;
      }
    } while (depth >= 0);
    from = i + "</span>".length;
  }
  return out + html.slice(from);
}

/** `html` with the tags (not the text) of highlighted code's `<span class="hljs-…">` removed. */
function plainSpans(html: string): string {
  const dropped: boolean[] = [];
  return html.replace(/<span\b[^>]*>|<\/span>/g, (tag) => {
    if (tag === "</span>") return dropped.pop() ? "" : tag;
    const drop = tag.startsWith('<span class="hljs-');
    dropped.push(drop);
    return drop ? "" : tag;
  });
}
