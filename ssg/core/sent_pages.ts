/**
 * The pages of a render job as they travel to the page sandbox (sandbox.ts) and back into
 * pages there (sandbox_worker.ts).
 */
import type { Page } from "./page.ts";

/**
 * Pages as a render job sends them: their text (front matter and body) as UTF-8 in one
 * buffer, which moves to the sandbox rather than being copied, and the rest as it is. Copying
 * a thousand pages' text as strings was most of a render job's cost, on both threads.
 */
export interface SentPages {
  pages: Array<Omit<Page, "source" | "body">>;
  text: Uint8Array;
  /** Per page: where its front matter starts in `text`, where its body starts and ends. */
  bounds: Uint32Array;
  /** Per page: 1 if its source is its front matter followed by its body, else 0 (the source alone). */
  joined: Uint8Array;
}

/** Pages' files as read (UTF-8, no byte-order mark), with the text they were read as. */
const files = new WeakMap<Page, { bytes: Uint8Array; source: string }>();

/**
 * Keeps `bytes`, the UTF-8 that `page.source` was read from: packPages() then copies them
 * rather than encoding the text again, unless a plugin has changed the page's text since.
 */
export function keepFile(page: Page, bytes: Uint8Array): void {
  files.set(page, { bytes, source: page.source });
}

const encoder = new TextEncoder();

export function packPages(pages: Page[]): SentPages {
  let most = 0;
  for (const p of pages) most += (p.source.length + p.body.length) * 3;
  const text = new Uint8Array(most);
  const bounds = new Uint32Array(pages.length * 3);
  const joined = new Uint8Array(pages.length);
  let at = 0;
  const put = (s: string) => (at += encoder.encodeInto(s, text.subarray(at)).written);
  const sent = pages.map((page, i) => {
    const { source, body, ...rest } = page;
    joined[i] = body && source.endsWith(body) ? 1 : 0;
    const head = joined[i] ? source.slice(0, source.length - body.length) : source;
    const file = files.get(page);
    files.delete(page);
    bounds[3 * i] = at;
    if (joined[i] && file?.source === source) {
      // The file's bytes are the head's and then the body's.
      text.set(file.bytes, at);
      bounds[3 * i + 1] = at + (head ? encoder.encode(head).length : 0);
      at += file.bytes.length;
    } else {
      put(head);
      bounds[3 * i + 1] = at;
      put(body);
    }
    bounds[3 * i + 2] = at;
    return rest;
  });
  return { pages: sent, text, bounds, joined };
}

const decoder = new TextDecoder();

/**
 * Page `i` of those packPages() sent, whole again. Each page is taken as it renders: a
 * thousand pages' text decoded at once outlived a young generation, and the collector then
 * moved it all (~0.1 s on the synthetic corpus).
 */
export function unpackPage({ pages, text, bounds, joined }: SentPages, i: number): Page {
  const [start, mid, end] = bounds.subarray(3 * i, 3 * i + 3);
  const head = decoder.decode(text.subarray(start, mid));
  const body = decoder.decode(text.subarray(mid, end));
  return { ...pages[i], source: joined[i] ? head + body : head, body } as Page;
}
