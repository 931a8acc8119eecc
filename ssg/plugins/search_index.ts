/**
 * pagefind's side of search: one pagefind process per thread, serving every index the thread
 * builds; an index fed page by page while the site renders (`Indexer`) or all at once
 * (`buildIndex`); its files, in a fixed order, without those the site does not load.
 */
import * as pagefind from "pagefind";
import type { Page } from "../core/page.ts";
import { input, type SearchInput, searchInput, type Selectors } from "./search_text.ts";

/**
 * Files pagefind writes that this site does not load: its ready-made search
 * interfaces (assets/search.js is the interface) and the result highlighter.
 */
const UNUSED = /^pagefind-(?:(?:component-|modular-)?ui\.(?:js|css)|highlight\.js)$|^playground\//;

/** Indexes being built on this thread. */
let open = 0;

const fail = (what: string, errors: string[]) =>
  new Error(`search: pagefind could not ${what}: ${errors.join("; ")}`);

/**
 * An index fed while the site renders: each page goes to pagefind as soon as
 * it and every page before it in `pages` have rendered, so pagefind indexes
 * on another core while this thread renders the rest. Pages not seen while
 * rendering (rendered on worker threads) are read from the output at the end.
 */
export class Indexer {
  #pages: Page[];
  #wanted: Set<Page>;
  #options: Selectors;
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
  constructor(pages: Page[], options: Selectors, keep: boolean) {
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
   * The pages left, then the index files; `inputs` is what `buildIndex` would
   * be given (empty unless the text was kept).
   */
  async finish(
    output: Map<string, string | Uint8Array>,
  ): Promise<{ files: Array<[string, Uint8Array]>; inputs: SearchInput[] }> {
    for (const page of this.#pages.slice(this.#next)) {
      if (this.#inputs.has(page)) continue;
      const item = searchInput(page, output, this.#options);
      // A page with no output (none so far) is left out, as buildIndex leaves it out.
      if (item) this.#inputs.set(page, item);
      else this.#pages = this.#pages.filter((p) => p !== page);
    }
    this.#send();
    this.#closed = true;
    const all = this.#pages.map((p) => this.#inputs.get(p)!);
    const inputs = this.#keep ? all : [];
    if (!this.#index) return { files: await buildIndex(all, this.#options), inputs };
    const index = await this.#index;
    try {
      await Promise.all(this.#added);
      return { files: await indexFiles(index), inputs };
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
export async function buildIndex(
  inputs: SearchInput[],
  options: Selectors,
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
async function openIndex(options: Selectors): Promise<pagefind.PagefindIndex> {
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
