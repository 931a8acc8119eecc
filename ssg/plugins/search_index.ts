/**
 * pagefind's side of search: one pagefind process per thread, serving every index the thread
 * builds; an index fed page by page while the site renders (`Indexer`) or all at once
 * (`buildIndex`); its files, in a fixed order, without those the site does not load.
 */
import * as pagefind from "pagefind";
import type { Page } from "../core/page.ts";
import { type IndexOptions, input, type SearchInput, searchInput } from "./search_text.ts";
import { type EntryHead, type IndexCache, indexKey, pageHash } from "./search_cache.ts";

/**
 * Files pagefind writes that this site does not load: its ready-made search
 * interfaces (assets/search.js is the interface) and the result highlighter.
 */
const UNUSED = /^pagefind-(?:(?:component-|modular-)?ui\.(?:js|css)|highlight\.js)$|^playground\//;

/** Pages an index has at pagefind at once; the others wait their turn. */
const WINDOW = 8;

/** Indexes being built on this thread. */
let open = 0;

const fail = (what: string, errors: string[]) =>
  new Error(`search: pagefind could not ${what}: ${errors.join("; ")}`);

/**
 * An index fed while the site renders: each page goes to pagefind as soon as
 * it and every page before it in `pages` have rendered, so pagefind indexes
 * on another core while this thread renders the rest. Pages not seen while
 * rendering (reused from the dev server's cache) are read from the output at the end.
 *
 * With a cache, pages whose text is that of a kept index (the same URLs, and each page's
 * text hashing the same) are held back rather than sent: if every page matches, the kept
 * files are the index and pagefind never starts; at the first page that differs, the held
 * pages are read again from their rendered bytes and sent, and the new index is kept.
 */
export class Indexer {
  #pages: Page[];
  #position: Map<Page, number>;
  #options: IndexOptions;
  #inputs = new Map<Page, SearchInput>();
  #hashes = new Map<Page, string>();
  #next = 0;
  #index?: Promise<pagefind.PagefindIndex>;
  #added: Promise<void>[] = [];
  #closed = false;
  /** Pages at pagefind, not yet added; no more are sent once one failed or the build did. */
  #sent = 0;
  #stopped = false;
  #keep: boolean;
  #cache?: IndexCache;
  /** Kept indexes whose pages matched every page so far; while there are some, none is sent. */
  #candidates: EntryHead[] = [];
  /** Rendered bytes of the pages held back (when their text is not kept). */
  #held = new Map<Page, Uint8Array>();

  /**
   * With `keep`, each page's text is kept for the key a later build compares
   * (the dev server's); a single build lets it go once pagefind has it.
   */
  constructor(pages: Page[], options: IndexOptions, keep: boolean, cache?: IndexCache) {
    this.#pages = pages;
    this.#position = new Map(pages.map((p, i) => [p, i]));
    this.#options = options;
    this.#keep = keep;
    this.#cache = cache;
    this.#candidates = (cache?.heads() ?? []).filter((head) =>
      head.pages.length === pages.length && head.pages.every(([url], i) => url === pages[i].url)
    );
  }

  rendered(page: Page, html: string, bytes?: Uint8Array): void {
    const at = this.#position.get(page);
    if (this.#closed || at === undefined) return;
    const item = input(page, html, this.#options);
    const hash = pageHash(item);
    this.#hashes.set(page, hash);
    if (this.#candidates.length) {
      this.#candidates = this.#candidates.filter((head) => head.pages[at][1] === hash);
      if (this.#candidates.length) {
        if (this.#keep || !bytes) this.#inputs.set(page, item);
        else this.#held.set(page, bytes);
        return;
      }
      this.#release();
    }
    this.#inputs.set(page, item);
    this.#send();
  }

  /** No kept index matches: the pages held back are read again, to be sent. */
  #release(): void {
    this.#candidates = [];
    const decoder = new TextDecoder();
    for (const [page, bytes] of this.#held) {
      this.#inputs.set(page, input(page, decoder.decode(bytes), this.#options));
    }
    this.#held.clear();
  }

  /**
   * Sends the pages whose turn has come, keeping at most WINDOW of them at pagefind: a page
   * waits here as its text, not as the larger message queued in pagefind's pipe (a build's
   * peak memory is ~70 MiB lower when pagefind falls behind rendering).
   */
  #send(): void {
    if (this.#candidates.length || this.#stopped) return;
    while (this.#next < this.#pages.length && this.#sent < WINDOW) {
      const page = this.#pages[this.#next];
      const item = this.#inputs.get(page);
      if (!item) return;
      this.#next++;
      this.#sent++;
      if (!this.#keep) this.#inputs.set(page, { ...item, content: "" });
      if (!this.#index) {
        this.#index = openIndex(this.#options);
        this.#index.catch(() => {}); // reported by finish()
      }
      const added = this.#index.then(async (index) => {
        const added = await index.addHTMLFile({ url: item.url, content: item.content });
        if (added.errors.length) throw fail(`index ${item.path}`, added.errors);
      }).then(() => {
        this.#sent--;
        this.#send();
      }, (error) => {
        this.#stopped = true;
        throw error;
      });
      added.catch(() => {}); // reported by finish()
      this.#added.push(added);
    }
  }

  /** Every page sent and added (the pages sent as others were added, too). */
  async #drained(): Promise<void> {
    for (let seen = -1; seen !== this.#added.length;) {
      seen = this.#added.length;
      await Promise.all(this.#added);
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
      if (this.#hashes.has(page)) continue;
      const item = searchInput(page, output, this.#options);
      if (item) {
        const at = this.#position.get(page)!;
        const hash = pageHash(item);
        this.#hashes.set(page, hash);
        this.#inputs.set(page, item);
        this.#candidates = this.#candidates.filter((head) => head.pages[at][1] === hash);
      } else {
        // A page with no output (none so far) is left out, as buildIndex leaves it out.
        this.#pages = this.#pages.filter((p) => p !== page);
        this.#candidates = [];
      }
    }
    const pages = this.#pages.map((p) => [p.url, this.#hashes.get(p)!] as [string, string]);
    const key = indexKey(pages.map(([, hash]) => hash), this.#options);
    const inputsOf = () => this.#keep ? this.#pages.map((p) => this.#inputs.get(p)!) : [];
    if (this.#candidates.some((head) => head.key === key)) {
      const files = await this.#cache!.read(key);
      if (files) {
        this.#closed = true;
        this.#held.clear();
        return { files, inputs: inputsOf() };
      }
    }
    this.#release();
    this.#send();
    this.#closed = true;
    const inputs = inputsOf();
    let files: Array<[string, Uint8Array]>;
    if (!this.#index) {
      files = await buildIndex(this.#pages.map((p) => this.#inputs.get(p)!), this.#options);
    } else {
      const index = await this.#index;
      try {
        await this.#drained();
        files = await indexFiles(index);
      } finally {
        await closeIndex(index);
      }
    }
    await this.#cache?.write(key, pages, files);
    return { files, inputs };
  }

  /** Stops an index a failed build left: its pagefind work is dropped, its process ended. */
  async abandon(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopped = true;
    this.#held.clear();
    await this.#index?.then(async (index) => {
      await Promise.allSettled(this.#added);
      await closeIndex(index);
    }, () => {});
  }
}

/**
 * The index of `inputs`: the kept one if the cache has it, else pagefind's, then kept.
 * `hashes` remembers each input's hash, so the dev server's unchanged pages are not hashed again.
 */
export async function cachedIndex(
  inputs: SearchInput[],
  options: IndexOptions,
  cache: IndexCache | undefined,
  hashes?: WeakMap<SearchInput, string>,
): Promise<Array<[string, Uint8Array]>> {
  if (!cache?.usable) return await buildIndex(inputs, options);
  const pages = inputs.map((input) => {
    let hash = hashes?.get(input);
    if (hash === undefined) hashes?.set(input, hash = pageHash(input));
    return [input.url, hash] as [string, string];
  });
  const key = indexKey(pages.map(([, hash]) => hash), options);
  const kept = await cache.read(key);
  if (kept) return kept;
  const files = await buildIndex(inputs, options);
  await cache.write(key, pages, files);
  return files;
}

/** Runs pagefind over the pages' searchable HTML; returns its files by path, sorted. */
export async function buildIndex(
  inputs: SearchInput[],
  options: IndexOptions,
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
async function openIndex(options: IndexOptions): Promise<pagefind.PagefindIndex> {
  open++;
  const { index, errors } = await pagefind.createIndex({
    rootSelector: options.root,
    excludeSelectors: options.exclude,
    maxFragments: options.maxFragments,
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
