/**
 * The search index of a build. Each page is read as it renders (`Indexer.rendered`): its text in
 * sections, and the weight of each of its terms, cut by the code the browser cuts queries with
 * (client/search_engine.js). At the end the pages' terms are joined into one index per language,
 * written as a few files in one folder (`assets/search/`), which the browser loads only as a
 * query needs them:
 *
 * - `<lang>.json`: the pages (URL, title, length, fragment file), and the first term of each
 *   chunk file;
 * - `<lang>.<hash>.json`, chunks: the terms in order, each with the pages holding it and its
 *   weight there;
 * - `<lang>.<hash>.json`, fragments: the pages' text by section, for excerpts, several pages to
 *   a file when a site has more pages than `maxFragments`.
 *
 * Files are named by a hash of their content, so a host may cache them for good.
 */
import { createHash } from "node:crypto";
import type { Page } from "../core/page.ts";
import { eachTerm } from "../client/search_terms.js";
import { pageText } from "./search_html.ts";
import { parseSelector, type Selector } from "./search_selectors.ts";
import { formulasAsText } from "./search_text.ts";

/** How a page is read: its root element, the elements left out, and whether formulas read as text. */
export interface Reader {
  root: Selector;
  exclude: Selector[];
  formulas: boolean;
}

/** The reader for a site's `root` and `exclude` selectors; throws on a selector it cannot read. */
export function reader(root: string, exclude: string[]): Reader {
  return {
    root: parseSelector(root),
    exclude: exclude.map(parseSelector),
    // KaTeX's markup left out: the formula is read as its text instead.
    formulas: exclude.includes(".katex"),
  };
}

/** What the index keeps of a page. */
export interface PageRecord {
  /** Relative to the site's root: `lectures/02-linear-model/`, `""` for the home page. */
  url: string;
  lang: string;
  title: string;
  /** The page's sections as JSON: `[[anchor, heading, text], …]`, for its fragment file. */
  fragment: string;
  /**
   * The page's terms, each once, joined by "\n" (a term is letters, digits and marks only),
   * and each one's weight: its count, a heading's terms counting more. (One string and one
   * array a page, not a map: a thousand pages' maps held ~50 MiB until the index was written.)
   */
  terms: string;
  weights: Uint32Array;
  /** Terms on the page. */
  length: number;
}

/** How much a term counts in a heading of each level (1–6) against once in the text. */
const HEADING_WEIGHT = [1, 5, 3, 3, 2, 2, 2];

/** What the index reads of a page besides its HTML. */
export type PageHead = { url: string; data: { lang?: unknown; title?: unknown } };

/** The part of a page `record` reads besides its HTML, as plain data (for the index's thread). */
export const pageHead = (page: Page): PageHead => ({
  url: page.url,
  data: { lang: String(page.data.lang ?? ""), title: String(page.data.title ?? "") },
});

/** A language's name in the index's file names, as the browser asks for it (`zh_CN` → `zh-cn`). */
export function langKey(lang: string): string {
  const key = lang.toLowerCase().replace(/_/g, "-");
  return /^[a-z0-9-]+$/.test(key) ? key : "unknown";
}

/** Reads one page's HTML for the index. */
export function record(page: PageHead, html: string, read: Reader): PageRecord {
  const lang = html.match(/<html[^>]*\slang="([^"]*)"/)?.[1] ?? String(page.data.lang ?? "");
  const text = pageText(read.formulas ? formulasAsText(html) : html, read.root, read.exclude);
  const weights = new Map<string, number>();
  let length = 0;
  const counted = (weight: number) => (term: string) => {
    weights.set(term, (weights.get(term) ?? 0) + weight);
    length++;
  };
  const once = counted(1);
  for (const [level, heading, inText] of text.headings) {
    // A heading read with its section's text is counted there once already.
    eachTerm(heading, counted(HEADING_WEIGHT[level] - (inText ? 1 : 0)));
  }
  for (const [, , body] of text.sections) eachTerm(body, once);
  return {
    url: page.url.replace(/^\//, ""),
    lang: langKey(lang),
    // Copies: a part of the page's HTML would keep all of it in memory until the index is written.
    title: (" " + (text.title || String(page.data.title ?? "") || page.url)).slice(1),
    fragment: JSON.stringify(text.sections),
    terms: [...weights.keys()].join("\n"),
    weights: Uint32Array.from(weights.values()),
    length,
  };
}

/**
 * The records of `pages`, each made as the page renders; pages the build did not render (the
 * dev server's unchanged pages) are read from the output, or taken from `memo` when their output
 * is the bytes a record was made from before.
 */
export class Indexer {
  #pages: Page[];
  #wanted: Set<Page>;
  #read: Reader;
  #records = new Map<Page, PageRecord>();

  constructor(pages: Page[], read: Reader) {
    this.#pages = pages;
    this.#wanted = new Set(pages);
    this.#read = read;
  }

  rendered(page: Page, html: string): void {
    if (this.#wanted.has(page)) this.#records.set(page, record(page, html, this.#read));
  }

  records(
    output: Map<string, string | Uint8Array>,
    memo?: WeakMap<Uint8Array, PageRecord>,
  ): PageRecord[] {
    return this.#pages.flatMap((page) => {
      const made = this.#records.get(page);
      if (made) return [made];
      const body = output.get(page.output);
      if (body === undefined) return [];
      if (typeof body === "string") return [record(page, body, this.#read)];
      const known = memo?.get(body);
      if (known && known.url === page.url.replace(/^\//, "")) return [known];
      const read = record(page, new TextDecoder().decode(body), this.#read);
      memo?.set(body, read);
      return [read];
    });
  }
}

/** A chunk file holds terms until its JSON is about this long. */
const CHUNK = 40_000;

/** The index files of `records` (in the build's page order), by name, sorted. */
export function writeIndex(
  records: PageRecord[],
  maxFragments: number,
): Array<[string, Uint8Array]> {
  const files: Array<[string, Uint8Array]> = [];
  const encoder = new TextEncoder();
  const write = (name: string, json: string) => {
    files.push([name, encoder.encode(json)]);
  };
  const hashed = (lang: string, json: string) => {
    // A dot, which a language's name never holds: `en.<hash>` is no other language's entry file.
    const name = `${lang}.${createHash("sha256").update(json).digest("hex").slice(0, 12)}.json`;
    write(name, json);
    return name;
  };
  const languages = new Map<string, PageRecord[]>();
  for (const r of records) {
    const list = languages.get(r.lang);
    if (list) list.push(r);
    else languages.set(r.lang, [r]);
  }
  for (const [lang, pages] of languages) {
    const perFile = Math.ceil(pages.length / maxFragments);
    const fragments: string[] = [];
    for (let from = 0; from < pages.length; from += perFile) {
      const group = pages.slice(from, from + perFile).map((p, i) => `"${from + i}":${p.fragment}`);
      fragments.push(hashed(lang, `{${group.join(",")}}`));
    }
    const postings = new Map<string, number[]>();
    pages.forEach((page, i) => {
      if (!page.terms) return;
      page.terms.split("\n").forEach((term, k) => {
        const list = postings.get(term);
        if (list) list.push(i, page.weights[k]);
        else postings.set(term, [i, page.weights[k]]);
      });
    });
    const terms = [...postings.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const chunks: Array<[string, string]> = [];
    let entries: string[] = [];
    let size = 0;
    let first = "";
    const cut = () => {
      if (entries.length) chunks.push([first, hashed(lang, `[${entries.join(",")}]`)]);
      entries = [];
      size = 0;
    };
    for (const term of terms) {
      if (!entries.length) first = term;
      const entry = `[${JSON.stringify(term)},[${postings.get(term)!.join(",")}]]`;
      entries.push(entry);
      size += entry.length;
      if (size >= CHUNK) cut();
    }
    cut();
    const total = pages.reduce((n, p) => n + p.length, 0);
    write(
      `${lang}.json`,
      JSON.stringify({
        version: 1,
        averageLength: pages.length ? total / pages.length : 0,
        pages: pages.map((p, i) => [p.url, p.title, p.length, Math.floor(i / perFile)]),
        chunks,
        fragments,
      }),
    );
  }
  return files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
