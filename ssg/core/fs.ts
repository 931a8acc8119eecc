/**
 * The file-system questions every part of the generator asks, answered one way: whether a path
 * is a file, and a path as messages show it (relative to the working folder). A path that is
 * not there is an answer; any other failure (a folder that may not be read) is an error, not a
 * "no".
 */

/** Whether `path` is an existing file: false for folders and missing paths, throws on others. */
export function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      return false;
    }
    throw error;
  }
}

/** The working folder and a slash, asked once: the generator never changes folder. */
let cwd: string | undefined;

/** `path` relative to the working folder, as messages show files; others as they are. */
export function relative(path: string): string {
  // Asking costs a system call, and each page asks for every template it runs.
  cwd ??= Deno.cwd() + "/";
  return path.startsWith(cwd) ? path.slice(cwd.length) : path;
}

/**
 * For a process about to end: removes the folder a build writes into before dest
 * (`<dest>.tmp/new-<pid>`, write_output.ts), and `<dest>.tmp` if nothing else is in it.
 */
export function removeStaging(folder: string): void {
  try {
    Deno.removeSync(folder, { recursive: true });
    Deno.removeSync(folder.slice(0, folder.lastIndexOf("/")));
  } catch { /* not made yet, or another build's folder is beside it */ }
}
