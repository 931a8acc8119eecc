/**
 * Where a template name leads: the folders of includes in turn, never out of them.
 */
import { isFile } from "./fs.ts";
import type { Loader, TemplateSource } from "ventojs/core/environment.js";
import { resolvePath } from "./options.ts";

/** Whether `path`, symbolic links followed, is still inside `dir`. */
function within(path: string, dir: string): boolean {
  try {
    return Deno.realPathSync(path).startsWith(Deno.realPathSync(dir) + "/");
  } catch {
    return false;
  }
}

/**
 * Looks templates up in several folders in turn: the source's `_includes/`
 * first, then the project's own, so a `--src` folder inherits the theme.
 */
export class LayeredLoader implements Loader {
  /** Paths found so far: a loader lives for one build, in which the folders do not change. */
  #found = new Map<string, string>();

  constructor(public dirs: string[]) {}

  async load(file: string): Promise<TemplateSource> {
    return { source: await Deno.readTextFile(file) };
  }

  /** Only files inside one of the folders resolve: `../../` cannot reach out of them. */
  resolve(from: string, file: string): string {
    const relative = file.startsWith(".") && from.startsWith("/");
    const key = relative ? `${from}\0${file}` : file;
    const known = this.#found.get(key);
    if (known) return known;
    for (const dir of this.dirs) {
      const path = relative
        ? resolvePath(from.slice(0, from.lastIndexOf("/")), file)
        : resolvePath(dir, file.replace(/^\/+/, ""));
      if (path.startsWith(dir + "/") && isFile(path) && within(path, dir)) {
        this.#found.set(key, path);
        return path;
      }
    }
    throw new Error(`template "${file}" not found in ${this.dirs.join(" or ")}`);
  }
}
