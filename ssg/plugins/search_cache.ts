/**
 * The search index kept on disk between builds: a build whose pages give pagefind the same
 * text as a build before reuses that build's index files instead of running pagefind (which
 * costs more than the rest of a build). An entry is named by a hash of everything the index is
 * made of: each page's URL and searchable HTML, in order, the indexer's options and version.
 * It is one file, written beside its final name and renamed into place, so a build that stops
 * halfway, or two builds at once, never leave a torn entry; the newest few entries are kept.
 *
 * The folder is the project's `_cache/search/` (`_` folders are never part of the site); the
 * build and the dev server may write there and nowhere else outside their output. Without
 * permission to read and write it (render() called from a process that was not given it), or
 * on any error, the cache is left out and the index is made as before.
 */
import { createHash } from "node:crypto";
import type { IndexOptions, SearchInput } from "./search_text.ts";

/** Entries kept: enough for a build and the dev server to switch between a few versions. */
const KEEP = 4;

/** Changes when an entry's layout or the files kept in it change: older entries are not read. */
const FORMAT = "ssg-search-cache-1";

/** The pagefind this build runs: its resolved module path names the version. */
const PAGEFIND = import.meta.resolve("pagefind");

/** The hash of what pagefind reads of one page: its URL and its searchable HTML. */
export function pageHash(input: SearchInput): string {
  return createHash("sha256").update(input.url).update("\0").update(input.content).digest("hex");
}

/** The name of the index made of these pages (their hashes, in order) with these options. */
export function indexKey(hashes: string[], options: IndexOptions): string {
  const hash = createHash("sha256").update(
    JSON.stringify([
      FORMAT,
      PAGEFIND,
      options.root,
      options.exclude,
      options.maxFragments,
      options.shards,
    ]),
  );
  for (const h of hashes) hash.update(h);
  return hash.digest("hex");
}

/** What an entry says of itself, read without its files. */
export interface EntryHead {
  key: string;
  /** Each page's URL and hash, in index order. */
  pages: Array<[string, string]>;
}

/** The index files kept on disk, by key; inert when the folder may not be used. */
export class IndexCache {
  readonly dir: string;
  readonly usable: boolean;

  constructor(dir: string) {
    this.dir = dir;
    this.usable = granted("read", dir) && granted("write", dir);
  }

  /** The heads of the entries kept, newest first (none if the folder is missing). */
  heads(): EntryHead[] {
    if (!this.usable) return [];
    const heads: Array<EntryHead & { at: number }> = [];
    for (const name of this.#names()) {
      try {
        const file = Deno.openSync(`${this.dir}/${name}`);
        try {
          const head = readHead(file);
          if (head && `${head.key}.index` === name) {
            heads.push({ ...head, at: Deno.statSync(`${this.dir}/${name}`).mtime?.getTime() ?? 0 });
          }
        } finally {
          file.close();
        }
      } catch { /* another build removed it meanwhile */ }
    }
    return heads.sort((a, b) => b.at - a.at).map(({ key, pages }) => ({ key, pages }));
  }

  /** The files of the entry `key`, or undefined when there is none (or it is unreadable). */
  async read(key: string): Promise<Array<[string, Uint8Array]> | undefined> {
    if (!this.usable) return undefined;
    const path = `${this.dir}/${key}.index`;
    let bytes: Uint8Array;
    try {
      bytes = await Deno.readFile(path);
    } catch {
      return undefined;
    }
    const files = unpack(bytes, key);
    // Used now: the last to be pruned.
    if (files) await Deno.utime(path, new Date(), new Date()).catch(() => {});
    return files;
  }

  /** Keeps `files` as the entry `key`; a failure to write only means no entry. */
  async write(key: string, pages: Array<[string, string]>, files: Array<[string, Uint8Array]>) {
    if (!this.usable) return;
    const tmp = `${this.dir}/.${key}.${Deno.pid}.${crypto.randomUUID()}.tmp`;
    try {
      await Deno.mkdir(this.dir, { recursive: true });
      await Deno.writeFile(tmp, pack(key, pages, files));
      await Deno.rename(tmp, `${this.dir}/${key}.index`);
      this.#prune();
    } catch {
      await Deno.remove(tmp).catch(() => {});
    }
  }

  #names(): string[] {
    try {
      return [...Deno.readDirSync(this.dir)]
        .filter((e) => e.isFile && /^[0-9a-f]{64}\.index$/.test(e.name)).map((e) => e.name);
    } catch {
      return [];
    }
  }

  /** Removes all but the newest KEEP entries. */
  #prune(): void {
    const dated = this.#names().flatMap((name) => {
      try {
        return [{ name, at: Deno.statSync(`${this.dir}/${name}`).mtime?.getTime() ?? 0 }];
      } catch {
        return [];
      }
    }).sort((a, b) => b.at - a.at || (a.name < b.name ? -1 : 1));
    for (const { name } of dated.slice(KEEP)) {
      try {
        Deno.removeSync(`${this.dir}/${name}`);
      } catch { /* gone already */ }
    }
  }
}

function granted(name: "read" | "write", path: string): boolean {
  try {
    return Deno.permissions.querySync({ name, path }).state === "granted";
  } catch {
    return false;
  }
}

/*
 * An entry: the format's name and a newline, the length of the head (8 decimal digits), the
 * head as JSON ({ key, pages, files: [[path, length], …] }), then the files' bytes in order.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function pack(
  key: string,
  pages: Array<[string, string]>,
  files: Array<[string, Uint8Array]>,
): Uint8Array {
  const head = encoder.encode(
    JSON.stringify({ key, pages, files: files.map(([path, body]) => [path, body.length]) }),
  );
  const start = encoder.encode(`${FORMAT}\n${String(head.length).padStart(8, "0")}`);
  const size = start.length + head.length + files.reduce((n, [, b]) => n + b.length, 0);
  const out = new Uint8Array(size);
  out.set(start, 0);
  out.set(head, start.length);
  let at = start.length + head.length;
  for (const [, body] of files) {
    out.set(body, at);
    at += body.length;
  }
  return out;
}

const PREFIX = FORMAT.length + 1 + 8;

function parseHead(bytes: Uint8Array): { head: Head; start: number } | undefined {
  if (
    bytes.length < PREFIX || decoder.decode(bytes.subarray(0, FORMAT.length + 1)) !== `${FORMAT}\n`
  ) {
    return undefined;
  }
  const length = Number(decoder.decode(bytes.subarray(FORMAT.length + 1, PREFIX)));
  if (!Number.isInteger(length) || bytes.length < PREFIX + length) return undefined;
  try {
    const head = JSON.parse(decoder.decode(bytes.subarray(PREFIX, PREFIX + length))) as Head;
    return { head, start: PREFIX + length };
  } catch {
    return undefined;
  }
}

interface Head extends EntryHead {
  files: Array<[string, number]>;
}

/** The head of an open entry, reading no more of it than the head. */
function readHead(file: Deno.FsFile): EntryHead | undefined {
  const prefix = new Uint8Array(PREFIX);
  if (!readFull(file, prefix)) return undefined;
  const length = Number(decoder.decode(prefix.subarray(FORMAT.length + 1)));
  if (!Number.isInteger(length) || length <= 0) return undefined;
  const all = new Uint8Array(PREFIX + length);
  all.set(prefix);
  if (!readFull(file, all.subarray(PREFIX))) return undefined;
  const parsed = parseHead(all);
  return parsed && { key: parsed.head.key, pages: parsed.head.pages };
}

function readFull(file: Deno.FsFile, into: Uint8Array): boolean {
  for (let at = 0; at < into.length;) {
    const n = file.readSync(into.subarray(at));
    if (n === null || n === 0) return false;
    at += n;
  }
  return true;
}

function unpack(bytes: Uint8Array, key: string): Array<[string, Uint8Array]> | undefined {
  const parsed = parseHead(bytes);
  if (!parsed || parsed.head.key !== key || !Array.isArray(parsed.head.files)) return undefined;
  let at = parsed.start;
  const files: Array<[string, Uint8Array]> = [];
  for (const [path, length] of parsed.head.files) {
    if (typeof path !== "string" || !Number.isInteger(length) || at + length > bytes.length) {
      return undefined;
    }
    files.push([path, bytes.subarray(at, at + length)]);
    at += length;
  }
  return at === bytes.length ? files : undefined;
}
