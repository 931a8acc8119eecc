/**
 * What the command line and the dev server's build thread share: loading a site from its
 * config, and printing an error as an author reads it. Nothing here imports the command line.
 */
import { SiteError } from "./errors.ts";
import type { Options } from "./options.ts";
import { NOT_PERMITTED } from "./sandbox.ts";
import type { Site } from "./site.ts";

/** The URL of the config file `config` (a path relative to the working folder, or absolute). */
export function configUrl(config: string): string {
  return new URL(config, `file://${Deno.cwd()}/`).href;
}

/** Imports `_config.ts` and applies the flags. */
export async function loadSite(config: string, options: Options): Promise<Site> {
  const url = configUrl(config);
  const site: Site = (await import(url)).default;
  if (!site || typeof site.configure !== "function") {
    throw new TypeError(`${config}: must export default a site made by site() from ssg/mod.ts`);
  }
  site.configUrl = url;
  return site.configure(options);
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
