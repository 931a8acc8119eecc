/**
 * The time limit of `deno task build`. A page, component or `_config.ts` that
 * loops forever blocks this thread for good, so the clock runs on another
 * thread: past the limit it prints one line naming what the build was doing
 * (the page being rendered, or the phase) and ends the process. It is stopped
 * before the output is swapped in, and removes the folder the pages were being written
 * to, so it never leaves a half-written folder.
 */
export interface Watchdog {
  /** What the build does now: a phase, or the source path of the page it renders. */
  tell(what: string, file?: string): void;
  /** A folder the build is writing, removed if the build is stopped. */
  cleanup(folder: string): void;
  stop(): void;
}

/** Why a build was stopped: what it was doing (and on which page) when its time ran out. */
export function stoppedMessage(doing: string, file: string | undefined, seconds: number): string {
  const where = file ? `${file}: still ${doing} this page` : `still ${doing}`;
  return `${where} after ${seconds} s, so the build was stopped: does a page, component or ` +
    `_config.ts loop forever?`;
}

/** Starts the clock; `seconds` ≤ 0 means no limit. */
export function watchdog(seconds: number): Watchdog {
  if (!(seconds > 0)) return { tell() {}, cleanup() {}, stop() {} };
  const worker = new Worker(new URL("./watchdog_worker.ts", import.meta.url), { type: "module" });
  worker.postMessage({ seconds });
  return {
    tell: (what, file) => worker.postMessage({ what, file }),
    cleanup: (folder) => worker.postMessage({ cleanup: folder }),
    stop: () => worker.terminate(),
  };
}
