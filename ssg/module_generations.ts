/**
 * Fresh component code for the dev server without a fresh thread. A thread
 * keeps every ES module it imported, keyed by URL, for its whole life; a
 * component imported through a new symlinked path
 * (`<dir>/3/0/_components/loss_curve/mod.ts`, where `<dir>/3/0` links to the
 * project root) is evaluated anew, with everything it imports by relative
 * path. So an edited component takes effect while the build thread keeps its
 * loaded libraries and its formula and listing caches.
 */

let current: { prefix: string; roots: string[] } | undefined;

/**
 * Makes generation `n` under `dir` current: `<dir>/<n>/<i>` links to `roots[i]`.
 * Roots are searched in order, so list the outermost (the project root) first.
 */
export function useGeneration(dir: string, n: number, roots: string[]): void {
  const prefix = `${dir}/${n}`;
  Deno.mkdirSync(prefix, { recursive: true });
  roots.forEach((root, i) => {
    try {
      Deno.symlinkSync(root, `${prefix}/${i}`);
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
    }
  });
  current = { prefix, roots };
}

/** The URL to import a module file by: through the current generation, if any. */
export function moduleUrl(file: string): string {
  const i = current?.roots.findIndex((r) => file.startsWith(r + "/")) ?? -1;
  if (!current || i < 0) return `file://${file}`;
  return `file://${current.prefix}/${i}${file.slice(current.roots[i].length)}`;
}

/** An error whose message names generation paths, reworded with the real ones. */
export function withRealPaths<T>(error: T): T {
  if (!current || !(error instanceof Error)) return error;
  const { prefix, roots } = current;
  error.message = error.message.replace(
    new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/(\\d+)`, "g"),
    (_, i) => roots[Number(i)],
  );
  return error;
}
