/**
 * The yaml package, loaded the first time a page's front matter or a `_data` file needs the
 * full parser: typical front matter (`key: value` lines) is read without it (front_matter.ts),
 * so a build's own thread often never loads it. Loading it costs ~40 ms of resolving its
 * CommonJS files, by require(), as its callers are synchronous.
 */
import type * as Yaml from "yaml";
import { createRequire } from "node:module";

let loaded: typeof Yaml | undefined;

export function yaml(): typeof Yaml {
  return loaded ??= createRequire(import.meta.url)("yaml") as typeof Yaml;
}
