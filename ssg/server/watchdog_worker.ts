/// <reference lib="deno.worker" />
/** The clock of watchdog.ts, on its own thread. */
import { stoppedMessage } from "./watchdog.ts";

let doing = "starting";
let file: string | undefined;

self.onmessage = (e: MessageEvent<{ seconds: number } | { what: string; file?: string }>) => {
  if ("seconds" in e.data) {
    const { seconds } = e.data;
    setTimeout(() => expire(seconds), seconds * 1000);
  } else ({ what: doing, file } = e.data);
};

function expire(seconds: number) {
  console.error(
    `error: ${stoppedMessage(doing, file, seconds)} (--timeout SECONDS sets the limit, 0 for ` +
      "none)\nbuild failed; the previous output is untouched",
  );
  // The stuck thread cannot end the process itself, and a worker's Deno.exit() ends only the worker.
  Deno.kill(Deno.pid, "SIGTERM");
}
