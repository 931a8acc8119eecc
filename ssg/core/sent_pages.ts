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

export function packPages(pages: Page[]): SentPages {
  let most = 0;
  for (const p of pages) most += (p.source.length + p.body.length) * 3;
  const text = new Uint8Array(most);
  const bounds = new Uint32Array(pages.length * 3);
  const joined = new Uint8Array(pages.length);
  const encoder = new TextEncoder();
  let at = 0;
  const put = (s: string) => (at += encoder.encodeInto(s, text.subarray(at)).written);
  const sent = pages.map(({ source, body, ...rest }, i) => {
    joined[i] = body && source.endsWith(body) ? 1 : 0;
    bounds[3 * i] = at;
    put(joined[i] ? source.slice(0, source.length - body.length) : source);
    bounds[3 * i + 1] = at;
    put(body);
    bounds[3 * i + 2] = at;
    return rest;
  });
  return { pages: sent, text, bounds, joined };
}

/** The pages packPages() sent, whole again. */
export function unpackPages({ pages, text, bounds, joined }: SentPages): Page[] {
  const decoder = new TextDecoder();
  return pages.map((rest, i) => {
    const [start, mid, end] = bounds.subarray(3 * i, 3 * i + 3);
    const head = decoder.decode(text.subarray(start, mid));
    const body = decoder.decode(text.subarray(mid, end));
    return { ...rest, source: joined[i] ? head + body : head, body } as Page;
  });
}
