/// <reference lib="deno.worker" />
/** The clock of watchdog.ts, on its own thread. */
import { removeStaging } from "../core/fs.ts";
import { stoppedMessage } from "./watchdog.ts";

let doing = "starting";
let file: string | undefined;
let folder: string | undefined;

type Message = { seconds: number } | { what: string; file?: string } | { cleanup: string };

self.onmessage = (e: MessageEvent<Message>) => {
  if ("cleanup" in e.data) folder = e.data.cleanup;
  else if ("seconds" in e.data) {
    const { seconds } = e.data;
    setTimeout(() => expire(seconds), seconds * 1000);
  } else ({ what: doing, file } = e.data);
};

function expire(seconds: number) {
  console.error(
    `error: ${stoppedMessage(doing, file, seconds)} (--timeout SECONDS sets the limit, 0 for ` +
      "none)\nbuild failed; the previous output is untouched",
  );
  if (folder) removeStaging(folder);
  // The stuck thread cannot end the process itself, and a worker's Deno.exit() ends only the worker.
  Deno.kill(Deno.pid, "SIGTERM");
}
