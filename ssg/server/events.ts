/**
 * The dev server's Server-Sent Events: every open page holds a stream, told to reload after a
 * good build and shown the error after a failed one.
 */
export class EventStreams {
  #clients = new Set<ReadableStreamDefaultController<Uint8Array>>();
  #encoder = new TextEncoder();

  #chunk(event: string, data: unknown, prefix = ""): Uint8Array {
    return this.#encoder.encode(`${prefix}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Sends `event` to every open page; a page that went away is dropped. */
  broadcast(event: string, data: unknown): void {
    const chunk = this.#chunk(event, data);
    for (const c of this.#clients) {
      try {
        c.enqueue(chunk);
      } catch {
        this.#clients.delete(c);
      }
    }
  }

  /** A new page's stream: hello with the served version, then the current error if any. */
  open(version: number, error: unknown): Response {
    let me: ReadableStreamDefaultController<Uint8Array>;
    const stream = new ReadableStream<Uint8Array>({
      start: (c) => {
        me = c;
        this.#clients.add(c);
        c.enqueue(this.#chunk("hello", { version }, "retry: 500\n"));
        if (error) c.enqueue(this.#chunk("build-error", error));
      },
      cancel: () => {
        this.#clients.delete(me);
      },
    });
    return new Response(stream, {
      headers: { "content-type": "text/event-stream", "cache-control": "no-store" },
    });
  }

  close(): void {
    for (const c of this.#clients) {
      try {
        c.close();
      } catch { /* already closed */ }
    }
    this.#clients.clear();
  }
}
