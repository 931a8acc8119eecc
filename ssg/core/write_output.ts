/**
 * Writes a build to disk atomically: into a temporary folder beside the
 * destination (`<dest>.tmp/`), then swapped in, so a failed build never
 * leaves a half-written site, and never leaves the temporary folder behind.
 */
import { MARKER, MARKER_TEXT, replaceProblem } from "./dest.ts";
import type { LateFiles, Output } from "./site.ts";
import { GuardedOutput } from "./url_check.ts";

/** Throws for an output path that is absolute, has `.`/`..`/empty segments or a backslash. */
export function checkOutputPath(path: string): void {
  const segments = path.split("/");
  // deno-lint-ignore no-control-regex
  if (/[\\\x00]/.test(path) || segments.some((s) => s === "" || s === "." || s === "..")) {
    throw new Error(`refusing to write "${path}": not a plain path inside the output folder`);
  }
}

/**
 * Writes the output to `<destDir>.tmp/new-<pid>`, then swaps it in for
 * destDir. Refuses a destDir that exists and is neither empty nor an earlier
 * build's output. On any failure the previous destDir is left as it was.
 * `late` files (the search index, still being made) are written when ready,
 * after the rest, and join `output`.
 */
export function writeOutput(
  output: Output,
  destDir: string,
  late: LateFiles[] = [],
): Promise<void> {
  return new Staging(destDir).commit(output, late);
}

/**
 * A build's output folder in the making, `<destDir>.tmp/new-<pid>`. Pages can be written as
 * they render (`write`), while the rest of the build goes on, and then be kept on disk rather
 * than in memory (GuardedOutput.spill, with `read`); `commit` writes the rest of the output
 * (what the finishers added or changed) and swaps the folder in for destDir. `abort` removes it: a
 * failed build leaves destDir as it was.
 */
export class Staging {
  readonly folder: string;
  readonly #work: string;
  readonly #destDir: string;
  /** Paths written so far. */
  readonly #written = new Set<string>();
  readonly #pending: Promise<void>[] = [];
  readonly #dirs = new Map<string, Promise<unknown>>();
  #started?: Promise<void>;
  /** Whether the folder is destDir now. */
  #swapped = false;
  /** Whether abort() was called: a page still on its way is not written. */
  #aborted = false;

  constructor(destDir: string) {
    this.#destDir = destDir;
    this.#work = `${destDir}.tmp`;
    this.folder = `${this.#work}/new-${Deno.pid}`;
  }

  /**
   * Starts writing `body` at `path`; resolves once written (an error surfaces in commit(),
   * and rejects this too).
   */
  write(path: string, body: string | Uint8Array): Promise<void> {
    checkOutputPath(path);
    this.#written.add(path);
    const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
    const ready = this.#dir(dir);
    const file = `${this.folder}/${path}`;
    const done = ready.then(() =>
      typeof body === "string" ? Deno.writeTextFile(file, body) : Deno.writeFile(file, body)
    ).catch((error) => {
      throw new Error(`cannot write ${path}: ${error.message}`, { cause: error });
    });
    done.catch(() => {}); // reported by commit()
    this.#pending.push(done);
    return done;
  }

  /**
   * Writes a page as it renders, at once: resolves to what reads it again. Writing on this
   * thread, one page after another, keeps up with the render better than many writes under
   * way at once on the runtime's I/O threads, which contend for the folder on a real disk
   * (and each holds its page in memory meanwhile).
   */
  async writePage(path: string, html: Uint8Array): Promise<() => Uint8Array> {
    checkOutputPath(path);
    await this.#start();
    // A page that rendered just before another failed may reach here after abort() removed the
    // folder: writing it would make the folder again, and leave it.
    if (this.#aborted) throw new Error(`the build stopped before ${path} was written`);
    this.#written.add(path);
    const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
    try {
      if (dir && !this.#dirs.has(dir)) {
        Deno.mkdirSync(`${this.folder}/${dir}`, { recursive: true });
        this.#dirs.set(dir, Promise.resolve());
      }
      Deno.writeFileSync(`${this.folder}/${path}`, html);
    } catch (error) {
      throw new Error(`cannot write ${path}: ${(error as Error).message}`, { cause: error });
    }
    return () => Deno.readFileSync(`${this.#swapped ? this.#destDir : this.folder}/${path}`);
  }

  /**
   * Writes the output (pages written before and unchanged since are not written again) and
   * the late files, then swaps the folder in for destDir.
   */
  async commit(output: Output, late: LateFiles[] = []): Promise<void> {
    try {
      const keys = new Set(output.keys());
      for (const path of keys) {
        checkOutputPath(path);
        for (let i = path.indexOf("/"); i > 0; i = path.indexOf("/", i + 1)) {
          if (keys.has(path.slice(0, i))) {
            throw new Error(
              `${path} needs a folder where the site also writes the file ${path.slice(0, i)}`,
            );
          }
        }
      }
      await this.#start();
      // Pages written as they rendered, and kept on disk since, are not written again.
      const onDisk = output instanceof GuardedOutput
        ? (p: string) => output.onDisk(p)
        : () => false;
      for (const path of keys) if (!onDisk(path)) this.write(path, output.get(path)!);
      for (const path of this.#written) {
        if (!keys.has(path)) this.#pending.push(Deno.remove(`${this.folder}/${path}`));
      }
      await this.#drain();
      for (const work of late) {
        const files = await work.files;
        addLate(output, work.folder, files);
        for (const [path, body] of files) this.write(`${work.folder}/${path}`, body);
        await this.#drain();
      }
      await Deno.writeTextFile(`${this.folder}/${MARKER}`, MARKER_TEXT);
      await this.#swap();
    } finally {
      await this.abort();
    }
  }

  /** Removes the folder, and `<destDir>.tmp` if no other build uses it. */
  async abort(): Promise<void> {
    this.#aborted = true;
    await Promise.allSettled([...this.#pending, this.#started]);
    await Deno.remove(this.folder, { recursive: true }).catch(() => {});
    // Only if empty: another build may be using it at the same time.
    await Deno.remove(this.#work).catch(() => {});
  }

  /** Empties the folder once, after checking that destDir may be replaced. */
  #start(): Promise<void> {
    return this.#started ??= (async () => {
      const problem = replaceProblem(this.#destDir);
      if (problem) {
        throw new Error(
          `refusing to build into ${this.#destDir}: ${problem}; choose another --dest`,
        );
      }
      await Deno.remove(this.folder, { recursive: true }).catch(() => {});
      await Deno.mkdir(this.folder, { recursive: true });
    })();
  }

  /** Makes `dir` inside the folder once. */
  #dir(dir: string): Promise<unknown> {
    let made = this.#dirs.get(dir);
    if (!made) {
      made = this.#start().then(() =>
        dir ? Deno.mkdir(`${this.folder}/${dir}`, { recursive: true }) : undefined
      );
      made.catch(() => {});
      this.#dirs.set(dir, made);
    }
    return made;
  }

  /** Waits for every write so far; throws the first error. */
  async #drain(): Promise<void> {
    const pending = this.#pending.splice(0);
    const results = await Promise.allSettled(pending);
    const failed = results.find((r) => r.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }

  async #swap(): Promise<void> {
    const old = `${this.#work}/old-${Deno.pid}`;
    let hadOld = false;
    try {
      await Deno.rename(this.#destDir, old);
      hadOld = true;
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    try {
      await Deno.rename(this.folder, this.#destDir);
      this.#swapped = true;
    } catch (error) {
      if (hadOld) await Deno.rename(old, this.#destDir);
      throw error;
    }
    if (hadOld) await Deno.remove(old, { recursive: true });
  }
}

/** Late files in place of the output's `folder/`: the whole folder is replaced. */
export function addLate(
  output: Output,
  folder: string,
  files: Array<[string, Uint8Array]>,
): void {
  for (const key of [...output.keys()]) if (key.startsWith(`${folder}/`)) output.delete(key);
  for (const [path, body] of files) output.set(`${folder}/${path}`, body);
}
