/**
 * `deno task build` / `deno task serve`, with Lume's flags (flags.ts), as the launcher
 * (launch.ts) starts them: with the permissions their flags need and no more.
 */
import { render, summary, writeOutput } from "./build.ts";
import { checkDest, checkSourceFolder, checkWritable } from "./dest.ts";
import { SiteError } from "./errors.ts";
import { parseFlags, TIMEOUT, usage } from "./flags.ts";
import type { Options } from "./options.ts";
import { NOT_PERMITTED } from "./sandbox.ts";
import { serve } from "./server.ts";
import type { Site } from "./site.ts";
import { watchdog } from "./watchdog.ts";

export { TIMEOUT };

/** Imports `_config.ts` and applies the flags. */
export async function loadSite(config: string, options: Options): Promise<Site> {
  const url = new URL(config, `file://${Deno.cwd()}/`).href;
  const site: Site = (await import(url)).default;
  if (!site || typeof site.configure !== "function") {
    throw new TypeError(`${config}: must export default a site made by site() from ssg/mod.ts`);
  }
  site.configUrl = url;
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
    const start = performance.now();
    const result = await render(site, {
      progress: (what, page) => clock.tell(what, page?.path),
      late: true,
    });
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
  return `error: ${text.replace(/, run again with the --allow-\w+ flag/, NOT_PERMITTED)}`;
}

if (import.meta.main) {
  let parsed;
  try {
    parsed = parseFlags(Deno.args);
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    Deno.exit(1);
  }
  if (parsed.help) {
    console.log(usage(parsed.command));
  } else if (parsed.command === "build") {
    Deno.exit((await buildCommand(parsed.config, parsed.options, parsed.timeout)) ? 0 : 1);
  } else {
    try {
      serve(parsed.config, parsed.options, { buildTimeout: parsed.timeout * 1000 });
    } catch (error) {
      // Start-up problems (port taken, missing --src…) are one line, not a stack trace.
      console.error(formatError(error));
      Deno.exit(1);
    }
  }
}
