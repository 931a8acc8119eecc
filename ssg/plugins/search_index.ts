/**
 * The search index of a build: fed page by page while the site renders (`Indexer`) or all at
 * once (`buildIndex`), in `options.shards` parts made side by side (search_pagefind.ts), each
 * page going to the part `partOf(url)` names; reused from the cache when the pages' text is a
 * kept index's.
 */
import type { Page } from "../core/page.ts";
import { type IndexOptions, input, type SearchInput, searchInput } from "./search_text.ts";
import { type EntryHead, type IndexCache, indexKey, pageHash } from "./search_cache.ts";
import { joinParts, openShard, type Shard } from "./search_pagefind.ts";

/** The part of the index (0 … shards - 1) a page, by its URL, goes to. */
export type PartOf = (url: string) => number;

/** Pages a part has at pagefind at once; the others wait their turn. */
const WINDOW = 8;

/**
 * An index fed while the site renders: each page goes to pagefind as soon as
 * it and every page before it in `pages` have rendered, so pagefind indexes
 * on another core while this thread renders the rest. Pages not seen while
 * rendering (reused from the dev server's cache) are read from the output at the end.
 *
 * With a cache, pages whose text is that of a kept index (the same URLs, and each page's
 * text hashing the same) are held back rather than sent: if every page matches, the kept
 * files are the index and pagefind never starts; at the first page that differs, the held
 * pages are sent, and the new index is kept. A page is held as its searchable text, which is
 * about a tenth of its HTML.
 */
export class Indexer {
  #pages: Page[];
  #position: Map<Page, number>;
  #options: IndexOptions;
  #inputs = new Map<Page, SearchInput>();
  #hashes = new Map<Page, string>();
  #next = 0;
  /** The parts, each opened with its first page. */
  #shards: Array<Promise<Shard>> = [];
  #added: Promise<void>[] = [];
  #closed = false;
  /** Pages at each part's pagefind, not yet added; none is sent once one failed or the build did. */
  #sent: number[];
  #stopped = false;
  #keep: boolean;
  #cache?: IndexCache;
  /** Kept indexes whose pages matched every page so far; while there are some, none is sent. */
  #candidates: EntryHead[] = [];

  #partOf: PartOf;

  /**
   * With `keep`, each page's text is kept for the key a later build compares
   * (the dev server's); a single build lets it go once pagefind has it.
   */
  constructor(
    pages: Page[],
    options: IndexOptions,
    keep: boolean,
    cache?: IndexCache,
    partOf: PartOf = () => 0,
  ) {
    this.#pages = pages;
    this.#partOf = partOf;
    this.#position = new Map(pages.map((p, i) => [p, i]));
    this.#options = options;
    this.#keep = keep;
    this.#cache = cache;
    this.#sent = new Array(options.shards).fill(0);
    this.#candidates = (cache?.heads() ?? []).filter((head) =>
      head.pages.length === pages.length && head.pages.every(([url], i) => url === pages[i].url)
    );
  }

  rendered(page: Page, html: string): void {
    const at = this.#position.get(page);
    if (this.#closed || at === undefined) return;
    const item = input(page, html, this.#options);
    const hash = pageHash(item);
    this.#hashes.set(page, hash);
    if (this.#candidates.length) {
      this.#candidates = this.#candidates.filter((head) => head.pages[at][1] === hash);
      if (this.#candidates.length) {
        this.#inputs.set(page, item);
        return;
      }
      this.#release();
    }
    this.#inputs.set(page, item);
    this.#send();
  }

  /** No kept index matches: the pages held back are sent from now on. */
  #release(): void {
    this.#candidates = [];
  }

  /**
   * Sends the pages whose turn has come, keeping at most WINDOW of them at pagefind: a page
   * waits here as its text, not as the larger message queued in pagefind's pipe (a build's
   * peak memory is ~70 MiB lower when pagefind falls behind rendering).
   */
  #send(): void {
    if (this.#candidates.length || this.#stopped) return;
    while (this.#next < this.#pages.length) {
      const page = this.#pages[this.#next];
      const k = this.#partOf(page.url);
      const item = this.#inputs.get(page);
      if (!item || this.#sent[k] >= WINDOW) return;
      this.#next++;
      this.#sent[k]++;
      if (!this.#keep) this.#inputs.set(page, { ...item, content: "" });
      const added = this.#shard(k).then((shard) => shard.add(item)).then(() => {
        this.#sent[k]--;
        this.#send();
      }, (error) => {
        this.#stopped = true;
        throw error;
      });
      added.catch(() => {}); // reported by finish()
      this.#added.push(added);
    }
  }

  #shard(k: number): Promise<Shard> {
    if (!this.#shards[k]) {
      this.#shards[k] = openShard(this.#options, k);
      this.#shards[k].catch(() => {}); // reported by finish()
    }
    return this.#shards[k];
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
    const key = indexKey(pages.map(([url, hash]) => hash + this.#partOf(url)), this.#options);
    const inputsOf = () => this.#keep ? this.#pages.map((p) => this.#inputs.get(p)!) : [];
    if (this.#candidates.some((head) => head.key === key)) {
      const files = await this.#cache!.read(key);
      if (files) {
        this.#closed = true;
        return { files, inputs: inputsOf() };
      }
    }
    this.#release();
    this.#send();
    this.#closed = true;
    const inputs = inputsOf();
    let files: Array<[string, Uint8Array]>;
    if (!this.#shards.length) {
      const all = this.#pages.map((p) => this.#inputs.get(p)!);
      files = await buildIndex(all, this.#options, this.#partOf);
    } else {
      try {
        await this.#drained();
        const shards = await Promise.all(this.#sent.map((_, k) => this.#shard(k)));
        files = joinParts(await Promise.all(shards.map((shard) => shard.files())));
      } finally {
        await this.#closeShards();
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
    this.#inputs.clear();
    await Promise.allSettled(this.#added);
    await this.#closeShards();
  }

  async #closeShards(): Promise<void> {
    await Promise.all(this.#shards.map((s) => s?.then((shard) => shard.close(), () => {})));
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
  partOf: PartOf = () => 0,
): Promise<Array<[string, Uint8Array]>> {
  if (!cache?.usable) return await buildIndex(inputs, options, partOf);
  const pages = inputs.map((input) => {
    let hash = hashes?.get(input);
    if (hash === undefined) hashes?.set(input, hash = pageHash(input));
    return [input.url, hash] as [string, string];
  });
  const key = indexKey(pages.map(([url, hash]) => hash + partOf(url)), options);
  const kept = await cache.read(key);
  if (kept) return kept;
  const files = await buildIndex(inputs, options, partOf);
  await cache.write(key, pages, files);
  return files;
}

/** Runs pagefind over the pages' searchable HTML, in parts side by side; its files by path, sorted. */
export async function buildIndex(
  inputs: SearchInput[],
  options: IndexOptions,
  partOf: PartOf = () => 0,
): Promise<Array<[string, Uint8Array]>> {
  const n = options.shards;
  const shards = Array.from({ length: n }, (_, k) => openShard(options, k));
  shards.forEach((s) => s.catch(() => {})); // reported below
  try {
    return joinParts(
      await Promise.all(shards.map(async (opening, k) => {
        const shard = await opening;
        for (const input of inputs) if (partOf(input.url) === k) await shard.add(input);
        return await shard.files();
      })),
    );
  } finally {
    await Promise.all(shards.map((s) => s.then((shard) => shard.close(), () => {})));
  }
}
