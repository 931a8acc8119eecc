import { SiteError } from "./errors.ts";
import type { Page } from "./page.ts";
import type { Rendered, Renderer } from "./render.ts";
import { type Progress, renderAll } from "./build.ts";
import type { Site } from "./site.ts";

/** Message a render worker gets: the config to load, the resolved options, its share of pages. */
export interface WorkerJob {
  configUrl: string;
  options: Site["options"];
  pages: Page[];
}

/** What a render worker answers. */
export type WorkerReply =
  | { ok: true; rendered: Rendered[] }
  | { ok: false; error: { message: string; location?: SiteError["location"] } };

/**
 * Renders pages on both cores: this thread takes one share, each worker another.
 * Workers load `_config.ts` themselves, so plugins need not be sent across.
 */
export async function renderInWorkers(
  site: Site,
  pages: Page[],
  configUrl: string,
  renderer: Renderer,
  progress?: Progress,
): Promise<Rendered[]> {
  const n = site.options.workers + 1;
  const shares: Page[][] = Array.from({ length: n }, () => []);
  // Round-robin keeps shares balanced when page sizes drift along the list.
  pages.forEach((p, i) => shares[i % n].push(p));
  const url = new URL("./render_worker.ts", import.meta.url);
  const remote = shares.slice(1).map((share) =>
    new Promise<Rendered[]>((resolve, reject) => {
      const worker = new Worker(url, { type: "module" });
      worker.onmessage = (e: MessageEvent<WorkerReply>) => {
        worker.terminate();
        if (e.data.ok) resolve(e.data.rendered);
        else {
          const { message, location } = e.data.error;
          reject(location ? new SiteError(message, location) : new Error(message));
        }
      };
      worker.onerror = (e) => {
        e.preventDefault();
        worker.terminate();
        reject(new Error(`render worker: ${e.message}`));
      };
      worker.postMessage({ configUrl, options: site.options, pages: share } satisfies WorkerJob);
    })
  );
  const [local, ...rest] = await Promise.all([
    renderAll(renderer, shares[0], { listeners: site.listeners, progress }),
    ...remote,
  ]);
  const all = [local, ...rest];
  return pages.map((_, i) => all[i % n][Math.floor(i / n)]);
}
