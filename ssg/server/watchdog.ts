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
  // Pages are told to the clock at most every TELL_EVERY ms, the last one always: a message
  // per page cost the build's thread ~0.2 ms each. While pages render, this thread is free,
  // so the last page told arrives within that time; a phase (which may run on this thread,
  // and never end) is told at once.
  let last = 0;
  let pending: { what: string; file: string } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const post = (what: string, file?: string) => {
    clearTimeout(timer);
    pending = timer = undefined;
    last = performance.now();
    worker.postMessage({ what, file });
  };
  return {
    tell(what, file) {
      if (file === undefined || performance.now() - last >= TELL_EVERY) return post(what, file);
      pending = { what, file };
      timer ??= setTimeout(() => pending && post(pending.what, pending.file), TELL_EVERY);
    },
    cleanup: (folder) => worker.postMessage({ cleanup: folder }),
    stop: () => {
      clearTimeout(timer);
      worker.terminate();
    },
  };
}

/** Milliseconds between two pages told to the clock. */
const TELL_EVERY = 50;
