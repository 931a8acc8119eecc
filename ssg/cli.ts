/**
 * `deno task build` / `deno task serve`, with Lume's flags:
 * `--src`, `--dest`, `--location`, `--port`, `--hostname`, `--config`.
 */
import { parseArgs } from "node:util";
import { render, summary, writeOutput } from "./build.ts";
import { checkDest, checkSourceFolder, checkWritable } from "./dest.ts";
import { SiteError } from "./errors.ts";
import type { Options } from "./options.ts";
import { serve } from "./server.ts";
import type { Site } from "./site.ts";
import { watchdog } from "./watchdog.ts";

const USAGE = `usage: deno task build|serve [--src DIR] [--dest DIR] [--location URL]
                 [--port N] [--hostname HOST] [--config FILE] [--drafts] [--timeout SECONDS]`;

/** Seconds a build may run before it is stopped, by default: `build`, and each rebuild of `serve`. */
export const TIMEOUT = { build: 120, serve: 30 };

/** Flags common to both commands, as site options. */
export function parseFlags(
  args: string[],
): { command: string; config: string; options: Options; timeout: number } {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      src: { type: "string" },
      dest: { type: "string" },
      location: { type: "string" },
      port: { type: "string" },
      hostname: { type: "string" },
      config: { type: "string", default: "_config.ts" },
      drafts: { type: "boolean" },
      workers: { type: "string" },
      timeout: { type: "string" },
    },
  });
  const command = positionals[0] ?? "build";
  if (!["build", "serve"].includes(command)) throw new TypeError(`unknown command "${command}"`);
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!/^\d+$/.test(values.port!) || port > 65535)) {
    throw new TypeError(`--port must be a number from 0 to 65535, got "${values.port}"`);
  }
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  const timeout = values.timeout === undefined
    ? TIMEOUT[command as "build" | "serve"]
    : Number(values.timeout);
  if (values.timeout !== undefined && !/^\d+(\.\d+)?$/.test(values.timeout)) {
    throw new TypeError(
      `--timeout must be a number of seconds (0 for no limit), got "${values.timeout}"`,
    );
  }
  return {
    command,
    config: values.config!,
    timeout,
    options: {
      src: values.src,
      dest: values.dest,
      location: values.location ??
        (command === "serve" && values.hostname
          ? `http://${values.hostname}:${port ?? 3000}/`
          : command === "serve"
          ? `http://127.0.0.1:${port ?? 3000}/`
          : undefined),
      port,
      hostname: values.hostname,
      drafts: values.drafts ?? (command === "serve" ? true : undefined),
      workers,
    },
  };
}

/** Imports `_config.ts` and applies the flags. */
export async function loadSite(config: string, options: Options): Promise<Site> {
  const url = new URL(config, `file://${Deno.cwd()}/`).href;
  const site: Site = (await import(url)).default;
  if (!site || typeof site.configure !== "function") {
    throw new TypeError(`${config}: must export default a site made by site() from ssg/mod.ts`);
  }
  return site.configure(options);
}

/**
 * Builds into dest; exits 1 on error and leaves the previous dest as it was.
 * A build still running after `timeout` seconds is stopped (watchdog.ts).
 */
export async function buildCommand(
  config: string,
  options: Options,
  timeout = TIMEOUT.build,
): Promise<boolean> {
  const clock = watchdog(timeout);
  try {
    clock.tell(`loading ${config}`);
    const site = await loadSite(config, options);
    checkSourceFolder(site.options.srcDir);
    checkDest(site.options, site.ignored);
    checkWritable(site.options.destDir);
    const configUrl = new URL(config, `file://${Deno.cwd()}/`).href;
    const start = performance.now();
    const result = await render(site, configUrl, undefined, (what, page) => {
      clock.tell(what, page?.path);
    }, { late: true });
    clock.stop();
    // The pages are written while the search index is finished.
    await writeOutput(result.output, site.options.destDir, result.late);
    result.ms = performance.now() - start;
    console.log(`built ${site.options.dest}/: ${summary(result)}`);
    return true;
  } catch (error) {
    console.error(formatError(error));
    console.error("build failed; the previous output is untouched");
    return false;
  } finally {
    clock.stop();
  }
}

/** `error: file:line:col: message` and the excerpt; a denied permission says what is allowed. */
export function formatError(error: unknown): string {
  const text = error instanceof SiteError
    ? error.format()
    : error instanceof Error
    ? error.message
    : String(error);
  return `error: ${
    text.replace(
      /, run again with the --allow-\w+ flag/,
      " (not permitted: pages and plugins may read only the project and write only the output)",
    )
  }`;
}

if (import.meta.main) {
  let parsed;
  try {
    parsed = parseFlags(Deno.args);
  } catch (error) {
    const message = (error as Error).message;
    // A bad value is one line; an unknown flag or command also gets the usage.
    console.error(`error: ${message}${message.startsWith("--") ? "" : `\n${USAGE}`}`);
    Deno.exit(1);
  }
  if (parsed.command === "build") {
    Deno.exit((await buildCommand(parsed.config, parsed.options, parsed.timeout)) ? 0 : 1);
  } else {
    try {
      serve(parsed.config, parsed.options, false, { buildTimeout: parsed.timeout * 1000 });
    } catch (error) {
      // Start-up problems (port taken, missing --src…) are one line, not a stack trace.
      console.error(formatError(error));
      Deno.exit(1);
    }
  }
}
