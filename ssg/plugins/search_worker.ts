/// <reference lib="deno.worker" />
/**
 * The search index's own thread (search_thread.ts is its other side): it reads each page's HTML
 * for the index as the build hands it over, and writes the index at the end. Build code, not
 * page code; it holds the index's memory and does its work apart from the build's thread.
 */
import {
  type PageHead,
  type PageRecord,
  type Reader,
  reader,
  record,
  writeIndex,
} from "./search_index.ts";

export type IndexJob =
  | { open: { root: string; exclude: string[] } }
  | { page: { at: number; head: PageHead; html: Uint8Array } }
  | { write: { pages: number; maxFragments: number } };

export type IndexReply = { files: Array<[string, Uint8Array]> } | { error: string };

let read: Reader | undefined;
let records: PageRecord[] = [];
let failed: string | undefined;
const decoder = new TextDecoder();

self.onmessage = ({ data }: MessageEvent<IndexJob>) => {
  try {
    if ("open" in data) {
      read = reader(data.open.root, data.open.exclude);
      records = [];
      failed = undefined;
    } else if ("page" in data) {
      if (failed) return;
      const { at, head, html } = data.page;
      records[at] = record(head, decoder.decode(html), read!);
    } else {
      if (failed) throw new Error(failed);
      const { pages, maxFragments } = data.write;
      const files = writeIndex(records.slice(0, pages).filter(Boolean), maxFragments);
      records = [];
      const reply: IndexReply = { files };
      self.postMessage(reply, files.map(([, body]) => body.buffer));
    }
  } catch (error) {
    // Pages after a failure are dropped; the build hears of it when it asks for the index.
    failed ??= error instanceof Error ? error.message : String(error);
    if ("write" in data) self.postMessage({ error: failed } satisfies IndexReply);
  }
};
