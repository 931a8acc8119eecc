/** What a batch of saved files asks of the dev server's next build. */
export interface Change {
  /** Build every page anew (data, layouts, static files or code changed), not only those saved. */
  fresh: boolean;
  /** Start a new build thread: code it imported (engine, config, data modules) changed. */
  restart: boolean;
  /** Only components changed: the running build thread imports them anew. */
  components: boolean;
}

/** Browser code: bundled afresh by every build, never imported by the build thread. */
const BROWSER = /\/client\/|\/client\.(?:ts|js)$/;
const CODE = /\.(?:ts|js|mjs|tsx)$/;
/** A page, unless it lives in a `_` folder (layouts, components, data). */
const PAGE = /\.(?:md|vto)$/;

/**
 * What saving `paths` means, given the folders components live in (each ending in `/`):
 * a page alone rebuilds what changed, components alone reload in the running thread, other
 * code restarts it, anything else rebuilds every page.
 */
export function whatChanged(paths: string[], componentDirs: string[]): Change {
  const code = paths.filter((p) => CODE.test(p) && !BROWSER.test(p));
  const components = code.length > 0 &&
    code.every((p) => componentDirs.some((d) => p.startsWith(d)));
  const restart = code.length > 0 && !components;
  const fresh = restart ||
    paths.some((p) => !code.includes(p) && (!PAGE.test(p) || p.includes("/_")));
  return { fresh, restart, components };
}

/** Above this many changed files, a rebuild tells open pages to reload whatever they show. */
const MANY = 500;

/**
 * The output files a rebuild changed, added or removed, sorted, for open pages to tell whether
 * they are concerned; null when there are too many to list. Files under `late` folders (the
 * search index, which comes after the build) are not counted as removed.
 */
export function changedOutput(
  before: ReadonlyMap<string, string | Uint8Array>,
  after: ReadonlyMap<string, string | Uint8Array>,
  late: Iterable<string> = [],
): string[] | null {
  const folders = [...late].map((f) => `${f}/`);
  const changed: string[] = [];
  for (const [path, body] of after) {
    const old = before.get(path);
    if (old === undefined || !same(old, body)) changed.push(path);
  }
  for (const path of before.keys()) {
    if (!after.has(path) && !folders.some((f) => path.startsWith(f))) changed.push(path);
  }
  return changed.length > MANY ? null : changed.sort();
}

/**
 * What a build changed in its output since the one before: the files to set (new or other
 * bytes) and the paths gone. The build thread sends this, not the whole output: copying five
 * megabytes between threads took longer than a component edit's rendering.
 */
export interface OutputChanges {
  set: Array<[string, string | Uint8Array]>;
  removed: string[];
}

export function outputChanges(
  before: ReadonlyMap<string, string | Uint8Array>,
  after: ReadonlyMap<string, string | Uint8Array>,
): OutputChanges {
  const set: OutputChanges["set"] = [];
  for (const [path, body] of after) {
    const old = before.get(path);
    if (old === undefined || !same(old, body)) set.push([path, body]);
  }
  return { set, removed: [...before.keys()].filter((path) => !after.has(path)) };
}

/**
 * The served output after `changes` (files under `late` folders, the search index, stay until
 * their own update replaces them), and the changed paths to tell open pages, as changedOutput.
 */
export function applyChanges(
  served: ReadonlyMap<string, string | Uint8Array>,
  changes: OutputChanges,
): { output: Map<string, string | Uint8Array>; changed: string[] | null } {
  const output = new Map(served);
  for (const path of changes.removed) output.delete(path);
  for (const [path, body] of changes.set) output.set(path, body);
  const changed = [...changes.set.map(([path]) => path), ...changes.removed];
  return { output, changed: changed.length > MANY ? null : changed.sort() };
}

const encoder = new TextEncoder();

function same(a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (a === b) return true;
  if (typeof a === "string" && typeof b === "string") return a === b;
  const x = typeof a === "string" ? encoder.encode(a) : a;
  const y = typeof b === "string" ? encoder.encode(b) : b;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
