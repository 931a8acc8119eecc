/// <reference lib="deno.worker" />
import { createRenderer, renderAll } from "./build.ts";
import { SiteError } from "./errors.ts";
import type { Site } from "./site.ts";
import type { WorkerJob, WorkerReply } from "./workers.ts";

self.onmessage = async (e: MessageEvent<WorkerJob>) => {
  const { configUrl, options, pages } = e.data;
  let reply: WorkerReply;
  try {
    const site: Site = (await import(configUrl)).default;
    site.options = options;
    reply = { ok: true, rendered: await renderAll(await createRenderer(site), pages) };
  } catch (error) {
    reply = {
      ok: false,
      error: error instanceof SiteError
        ? { message: error.message, location: error.location }
        : { message: error instanceof Error ? error.message : String(error) },
    };
  }
  self.postMessage(reply);
};
