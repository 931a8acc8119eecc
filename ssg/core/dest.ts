/**
 * Where a build may write. The destination is replaced wholesale on every
 * build, so it must never be, contain, or sit inside what the site is made of,
 * and an existing folder is replaced only if an earlier build made it.
 */
import { isFile } from "./fs.ts";
import type { Resolved } from "./options.ts";

/** File every build writes at the top of its output; its presence marks a folder as ours. */
export const MARKER = ".ssg-build";

/** Text of the marker file. */
export const MARKER_TEXT = "Output of the site generator: replaced as a whole on every build.\n";

/**
 * Whether `dir` is the output of an earlier build: it holds the marker file,
 * or (for outputs made before the marker existed) `index.html`, `404.html`
 * and `sitemap.xml` side by side.
 */
export function isPreviousOutput(dir: string): boolean {
  const has = (name: string) => isFile(`${dir}/${name}`);
  return has(MARKER) || (has("index.html") && has("404.html") && has("sitemap.xml"));
}

/** Why `dir` may not be replaced by a build, or undefined if it may. */
export function replaceProblem(dir: string): string | undefined {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(dir);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  if (!info.isDirectory) return "it exists and is not a folder";
  if (isPreviousOutput(dir)) return undefined;
  for (const _ of Deno.readDirSync(dir)) {
    return "it exists, is not empty, and is not the output of an earlier build";
  }
}

const inside = (path: string, dir: string) => dir === "/" || path.startsWith(dir + "/");

/**
 * Throws if building into `options.destDir` could destroy or re-read sources:
 * the destination is the project or source folder, contains one of them, lies
 * inside a folder the build reads (a page folder, `_includes`, `_components`,
 * `_data`), or exists and is neither empty nor an earlier build's output.
 */
export function checkDest(options: Resolved, ignored: string[] = []): void {
  const { destDir: dest, root, srcDir } = options;
  const refuse = (why: string) => {
    throw new Error(`refusing to build into ${dest}: ${why}; choose another --dest`);
  };
  for (const [dir, name] of [[root, "the project folder"], [srcDir, "the source folder"]]) {
    if (dest === dir) refuse(`it is ${name}`);
    if (inside(dir, dest)) refuse(`it contains ${name} ${dir}`);
  }
  const layers = [srcDir, root].flatMap((base) =>
    [options.includes, options.components, options.data].map((f) => `${base}/${f}`)
  );
  for (const dir of layers) {
    if (dest === dir || inside(dest, dir)) refuse(`it is inside ${dir}, which the build reads`);
  }
  if (inside(dest, srcDir)) {
    // Every folder between the source folder and dest is read for pages unless skipped.
    const parts = dest.slice(srcDir.length + 1).split("/");
    for (let i = 1; i < parts.length; i++) {
      const rel = parts.slice(0, i).join("/");
      const skipped = parts.slice(0, i).some((p) => p.startsWith("_") || p.startsWith(".")) ||
        ignored.some((x) => rel === x || rel.startsWith(x + "/"));
      if (!skipped && exists(`${srcDir}/${rel}`)) {
        refuse(`it is inside ${srcDir}/${rel}, a source folder the build reads`);
      }
    }
  }
  const problem = replaceProblem(dest);
  if (problem && inside(dest, srcDir) && !dest.slice(srcDir.length + 1).startsWith("_")) {
    refuse(`it is a folder of the sources (${problem.replace(/^it /, "")})`);
  }
  if (problem) refuse(problem);
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Throws one clear line if `srcDir` is missing, not a folder, or outside what this process may read. */
export function checkSourceFolder(srcDir: string): void {
  if (Deno.permissions.querySync({ name: "read", path: srcDir }).state !== "granted") {
    throw new Error(
      `source folder ${srcDir} is outside what this task may read (the project folder); see README, "Permissions"`,
    );
  }
  let ok = false;
  try {
    ok = Deno.statSync(srcDir).isDirectory;
  } catch { /* missing */ }
  if (!ok) throw new Error(`source folder ${srcDir} does not exist`);
}

/** Throws one clear line if this process may not write `destDir` and its temporary sibling. */
export function checkWritable(destDir: string): void {
  for (const path of [destDir, `${destDir}.tmp`]) {
    if (Deno.permissions.querySync({ name: "write", path }).state !== "granted") {
      throw new Error(
        `not allowed to write ${path}: the build task writes only _site and _site.tmp; see README, "Permissions"`,
      );
    }
  }
}
