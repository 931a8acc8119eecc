/// <reference lib="deno.worker" />
/** The clock of watchdog.ts, on its own thread. */
let doing = "starting";
let file: string | undefined;

self.onmessage = (e: MessageEvent<{ seconds: number } | { what: string; file?: string }>) => {
  if ("seconds" in e.data) {
    const { seconds } = e.data;
    setTimeout(() => expire(seconds), seconds * 1000);
  } else ({ what: doing, file } = e.data);
};

function expire(seconds: number) {
  const where = file ? `${file}: still ${doing} this page` : `still ${doing}`;
  console.error(
    `error: ${where} after ${seconds} s, so the build was stopped: does a page, component or ` +
      `_config.ts loop forever? (--timeout SECONDS sets the limit, 0 for none)\n` +
      "build failed; the previous output is untouched",
  );
  // The stuck thread cannot end the process itself, and a worker's Deno.exit() ends only the worker.
  Deno.kill(Deno.pid, "SIGTERM");
}
