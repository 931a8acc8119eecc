import type * as Esbuild from "esbuild";

/**
 * esbuild, imported when the first bundle is made: the build's thread then loads it while pages
 * render, not before it can start loading the site (~80 ms on the way to the first page).
 */
const esbuildModule = () => import("esbuild");
import { SiteError } from "./errors.ts";
import { relative } from "./fs.ts";
import { resolvePath } from "./options.ts";
import type { Site } from "./site.ts";

/** A component's browser code to bundle: `_components/loss_curve/client.ts` → `loss_curve`. */
export interface ClientEntry {
  /** Output name, without extension: the bundle is `components/<name>.js`. */
  name: string;
  /** Absolute path of the entry module. */
  file: string;
}

/** Bundled browser code of every component. */
export interface Bundle {
  /** Output files (entries and shared chunks), keyed by path relative to dest. */
  files: Map<string, Uint8Array>;
  /** For each entry's output path, every file the browser loads for it (itself first). */
  loads: Map<string, string[]>;
}

/** The folder of `dest` that holds component bundles. */
export const BUNDLE_DIR = "components";
/** The one bundle of every component, as a classic script (Site.classicScripts). */
export const CLASSIC_BUNDLE = "charts";

/** An input file as the last bundle read it: its content's hash, and its size and time. */
interface Input {
  hash: string;
  stamp: string;
}
let last: { key: string; inputs: Map<string, Input>; bundle: Bundle } | undefined;
/** Drops the cached bundle: the next build bundles anew, as a fresh process would. */
export function forgetBundles(): void {
  last = undefined;
}

/** Bundles run one at a time: esbuild's service is shared, and each run stops it. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Bundles the components' client modules in one pass, for the browser: TypeScript and npm
 * imports (d3 modules) resolved, tree-shaken, minified, and split so that code two
 * components share (a d3 scale, the linked selection) is one chunk that a page loads once.
 * The result depends on the inputs alone (same sources, same bytes) and is reused while
 * no input changed. A syntax or import error is a SiteError at the file, line and column.
 * With `classic`, every component goes into one classic script instead, `charts.js`
 * (an immediately run function: no imports, so it also runs on `file://` pages).
 */
export function bundleClients(
  entries: ClientEntry[],
  root: string,
  classic = false,
): Promise<Bundle> {
  return inTurn(() => bundle(entries, root, classic));
}

/** Runs `work` after every esbuild run queued before it. */
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work);
  queue = run.catch(() => {});
  return run;
}

/**
 * A script of the site as its pages load it: `code` (an ES module without
 * imports) as it is, or with Site.classicScripts as a classic script whose
 * names stay its own.
 */
export function siteScript(site: Site, code: string, file: string): Promise<string> {
  if (!site.classicScripts) return Promise.resolve(code);
  return inTurn(async () => {
    const esbuild = await esbuildModule();
    try {
      const out = await esbuild.transform(code, {
        format: "iife",
        target: "es2020",
        charset: "utf8",
        sourcefile: file,
        logLevel: "silent",
      });
      return out.code;
    } finally {
      await esbuild.stop();
    }
  });
}

async function bundle(entries: ClientEntry[], root: string, classic: boolean): Promise<Bundle> {
  if (entries.length === 0) return { files: new Map(), loads: new Map() };
  const key = JSON.stringify({ entries, classic });
  if (last && last.key === key && await unchanged(last.inputs)) return last.bundle;

  const esbuild = await esbuildModule();
  let result: Esbuild.BuildResult<{ write: false; metafile: true }>;
  // Classic: one entry that imports every component's code, in a fixed order.
  const entry: Partial<Esbuild.BuildOptions> = classic
    ? {
      stdin: {
        contents: entries.map((e) => `import ${JSON.stringify(e.file)};`).join("\n"),
        resolveDir: root,
        sourcefile: `${CLASSIC_BUNDLE}.ts`,
        loader: "ts",
      },
      outfile: `${BUNDLE_DIR}/${CLASSIC_BUNDLE}.js`,
      format: "iife",
    }
    : {
      entryPoints: entries.map((e) => ({ in: e.file, out: e.name })),
      splitting: true,
      format: "esm",
      outdir: BUNDLE_DIR,
      chunkNames: "chunk-[hash]",
    };
  try {
    result = await esbuild.build({
      ...entry,
      absWorkingDir: root,
      bundle: true,
      platform: "browser",
      target: "es2020",
      minify: true,
      legalComments: "none",
      charset: "utf8",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
  } catch (error) {
    throw bundleError(error, root);
  } finally {
    // The service process would outlive the build (and keep tests and the CLI alive).
    await esbuild.stop();
  }

  const files = new Map<string, Uint8Array>();
  const prefix = `${root}/`;
  for (const f of result.outputFiles) files.set(f.path.slice(prefix.length), f.contents);
  const outputs = result.metafile.outputs;
  const loads = new Map<string, string[]>();
  const closure = (path: string, seen: Set<string>) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const i of outputs[path]?.imports ?? []) {
      if (i.kind === "import-statement") closure(i.path, seen);
    }
  };
  for (const [path, out] of Object.entries(outputs)) {
    if (!out.entryPoint) continue;
    const seen = new Set<string>();
    closure(path, seen);
    loads.set(path, [...seen]);
  }
  const inputs = new Map<string, Input>();
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = input.startsWith("/") ? input : `${root}/${input}`;
    inputs.set(file, { stamp: await stamp(file), hash: await digest(file) });
  }
  last = { key, inputs, bundle: { files, loads } };
  return last.bundle;
}

async function digest(file: string): Promise<string> {
  try {
    const bytes = await Deno.readFile(file);
    const hash = await crypto.subtle.digest("SHA-1", bytes);
    return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, "0")).join("");
  } catch {
    return "";
  }
}

/** A file's size and modification time, "" if it cannot be read. */
async function stamp(file: string): Promise<string> {
  try {
    const s = await Deno.stat(file);
    return `${s.size} ${s.mtime?.getTime()}`;
  } catch {
    return "";
  }
}

/**
 * Whether every input is as the last bundle read it: the same size and time (a stat, not a
 * read: the dev server asks on every save, and the inputs are a hundred files of d3 and the
 * engine), or, if those moved, the same content.
 */
async function unchanged(inputs: Map<string, Input>): Promise<boolean> {
  const same = await Promise.all(
    [...inputs].map(async ([file, input]) =>
      input.stamp !== "" && (await stamp(file)) === input.stamp ||
      (await digest(file)) === input.hash
    ),
  );
  return same.every(Boolean);
}

function bundleError(error: unknown, root: string): SiteError | Error {
  const failure = error as { errors?: Esbuild.Message[] };
  const first = failure.errors?.[0];
  if (!first) return error as Error;
  const loc = first.location;
  if (!loc) return new SiteError(`browser code: ${first.text}`, { file: "(bundle)" });
  // esbuild names files relative to its working directory; errors name them from the cwd.
  const abs = resolvePath(root, loc.file);
  const file = relative(abs);
  let source: string | undefined;
  try {
    source = Deno.readTextFileSync(abs);
  } catch { /* no excerpt */ }
  return new SiteError(`browser code: ${first.text}`, {
    file,
    line: loc.line,
    column: loc.column + 1,
    source,
  }, { cause: error });
}
