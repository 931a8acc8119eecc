/**
 * The search index made on a thread of its own (search_worker.ts) while the site renders: each
 * page's HTML goes there as soon as it renders, so reading pages for the index neither slows
 * the build's thread nor adds to its memory (a thousand pages' garbage there raised a build's
 * peak by up to 70 MiB). The thread has no permissions at all: it is handed bytes and hands
 * back bytes.
 */
import type { Page } from "../core/page.ts";
import { pageHead } from "./search_index.ts";
import type { IndexJob, IndexReply } from "./search_worker.ts";

export class IndexThread {
  #worker: Worker;
  #position: Map<Page, number>;
  #pages: Page[];
  #sent = new Set<Page>();
  #broken?: Error;
  #closed = false;

  constructor(pages: Page[], selectors: { root: string; exclude: string[] }) {
    this.#pages = pages;
    this.#position = new Map(pages.map((p, i) => [p, i]));
    this.#worker = new Worker(new URL("./search_worker.ts", import.meta.url), {
      type: "module",
      name: "search index",
      deno: { permissions: "none" },
    } as WorkerOptions);
    this.#worker.onerror = (e) => {
      e.preventDefault();
      this.#broken = new Error(`search: the index's thread failed: ${e.message}`);
    };
    this.#post({ open: selectors });
  }

  #post(job: IndexJob, transfer: Transferable[] = []): void {
    if (!this.#closed) this.#worker.postMessage(job, transfer);
  }

  /** Hands the page's HTML over (a copy: the build writes its own bytes meanwhile). */
  rendered(page: Page, bytes: Uint8Array): void {
    const at = this.#position.get(page);
    if (at === undefined || this.#sent.has(page)) return;
    this.#sent.add(page);
    const html = bytes.slice();
    this.#post({ page: { at, head: pageHead(page), html } }, [html.buffer]);
  }

  /** The index files, once the pages not seen rendering are handed over from `output`; then the thread ends. */
  async files(
    output: Map<string, string | Uint8Array>,
    maxFragments: number,
  ): Promise<Array<[string, Uint8Array]>> {
    const encoder = new TextEncoder();
    for (const page of this.#pages) {
      if (this.#sent.has(page)) continue;
      const body = output.get(page.output);
      if (body === undefined) continue;
      this.rendered(page, typeof body === "string" ? encoder.encode(body) : body);
    }
    try {
      const reply = await new Promise<IndexReply>((resolve, reject) => {
        if (this.#broken) return reject(this.#broken);
        this.#worker.onmessage = (e: MessageEvent<IndexReply>) => resolve(e.data);
        this.#worker.onerror = (e) => {
          e.preventDefault();
          reject(new Error(`search: the index's thread failed: ${e.message}`));
        };
        this.#post({ write: { pages: this.#pages.length, maxFragments } });
      });
      if ("error" in reply) throw new Error(`search: ${reply.error}`);
      return reply.files;
    } finally {
      this.close();
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#worker.terminate();
  }
}
