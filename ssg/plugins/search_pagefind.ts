/**
 * pagefind's processes: an index part ("shard") built by this thread's pagefind process, or by
 * a worker thread's own (search_worker.ts), so that the parts of a large site's index are made
 * side by side on as many processes; and the part's files, in a fixed order, without those the
 * site does not load. pagefind's browser side joins the parts (assets/search.js: mergeIndex).
 */
import * as pagefind from "pagefind";
import type { IndexOptions, SearchInput } from "./search_text.ts";

/** One part of an index: pages go in one by one, its files come out once. */
export interface Shard {
  add(item: SearchInput): Promise<void>;
  files(): Promise<Array<[string, Uint8Array]>>;
  close(): Promise<void>;
}

/**
 * Files pagefind writes that this site does not load: its ready-made search
 * interfaces (assets/search.js is the interface) and the result highlighter.
 */
const UNUSED = /^pagefind-(?:(?:component-|modular-)?ui\.(?:js|css)|highlight\.js)$|^playground\//;

/** Of the second part on, pagefind's code too: the first part's runs every part. */
const UNUSED_IN_PARTS = /^pagefind(?:-worker)?\.js$|^wasm\./;

const fail = (what: string, errors: string[]) =>
  new Error(`search: pagefind could not ${what}: ${errors.join("; ")}`);

/** Part `k` of the index: the first on this thread's pagefind, each other on a worker's. */
export function openShard(options: IndexOptions, k: number): Promise<Shard> {
  return k > 0 ? workerShard(options) : localShard(options);
}

/**
 * The parts' files as one folder: the first part's at its top, part k's in `k/`, sorted
 * (pagefind hands files back in no fixed order; the build's output is sorted).
 */
export function joinParts(parts: Array<Array<[string, Uint8Array]>>): Array<[string, Uint8Array]> {
  return parts.flatMap((files, k) =>
    k === 0
      ? files
      : files.flatMap(([path, body]) =>
        UNUSED_IN_PARTS.test(path) ? [] : [[`${k}/${path}`, body] as [string, Uint8Array]]
      )
  ).sort(([a], [b]) => (a < b ? -1 : 1));
}

/** Indexes open on this thread. */
let open = 0;

/** A part on this thread's pagefind process, which serves every index of the thread. */
export async function localShard(options: IndexOptions): Promise<Shard> {
  open++;
  const { index, errors } = await pagefind.createIndex({
    rootSelector: options.root,
    excludeSelectors: options.exclude,
    // The site's limit shared between the parts.
    maxFragments: Math.ceil(options.maxFragments / options.shards),
  }).catch((error) => ({ index: undefined, errors: [String(error)] }));
  if (!index) {
    if (--open === 0) await pagefind.close();
    throw fail("start", errors);
  }
  let closed = false;
  return {
    async add({ url, path, content }) {
      const added = await index.addHTMLFile({ url, content });
      if (added.errors.length) throw fail(`index ${path}`, added.errors);
    },
    async files() {
      const result = await index.getFiles();
      if (result.errors.length) throw fail("write the index", result.errors);
      return result.files.filter((f) => !UNUSED.test(f.path))
        .map((f) => [f.path, f.content] as [string, Uint8Array]);
    },
    async close() {
      if (closed) return;
      closed = true;
      await index.deleteIndex().catch(() => {});
      // The process stops after the thread's last index.
      if (--open === 0) await pagefind.close();
    },
  };
}

type Reply = { id: number; error?: string; files?: Array<[string, Uint8Array]> };

/** A part on a worker thread of its own, and so on a pagefind process of its own. */
async function workerShard(options: IndexOptions): Promise<Shard> {
  const worker = new Worker(new URL("./search_worker.ts", import.meta.url), {
    type: "module",
    name: "search index",
  });
  let id = 0;
  let broken: Error | undefined;
  const waiting = new Map<number, { resolve(r: Reply): void; reject(e: Error): void }>();
  worker.onmessage = ({ data }: MessageEvent<Reply>) => {
    const wait = waiting.get(data.id);
    waiting.delete(data.id);
    if (data.error !== undefined) wait?.reject(new Error(data.error));
    else wait?.resolve(data);
  };
  worker.onerror = (e) => {
    e.preventDefault();
    broken = new Error(`search: the indexing thread failed: ${e.message}`);
    for (const wait of waiting.values()) wait.reject(broken);
    waiting.clear();
  };
  const ask = (message: Record<string, unknown>) =>
    broken ? Promise.reject(broken) : new Promise<Reply>((resolve, reject) => {
      waiting.set(++id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await ask({ close: true }).catch(() => {});
    worker.terminate();
  };
  try {
    const { root, exclude, maxFragments, shards } = options; // data only, no page filter
    await ask({ open: { root, exclude, maxFragments, shards } });
  } catch (error) {
    await close();
    throw error;
  }
  return {
    add: async (item) => void await ask({ add: item }),
    files: async () => (await ask({ files: true })).files!,
    close,
  };
}
