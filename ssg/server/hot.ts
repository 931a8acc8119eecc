/**
 * Component edits without a new page sandbox. A thread keeps every ES module it imported, keyed
 * by URL, for its whole life, and the dev server may not write files (no copies, no symlinks).
 * So a module that is, or imports, an edited file is imported anew as a `data:` URL of its own
 * source, its relative imports rewritten: to the `data:` URL of an edited dependency, or to the
 * `file:` URL of an unchanged one, which the thread already holds. The libraries, the `_data`
 * modules and their trained runs stay loaded; only the edited modules and those above them run
 * again, and only pages that call a component above an edit render again.
 */
import { componentName, findComponents } from "../core/components.ts";

/** What the next build imports anew: component main file → URL, and which components changed. */
export interface HotModules {
  /** The URL to import each component's main file by (absent: its `file:` URL). */
  urls: Record<string, string>;
  /** Components above an edited file: the pages that call them render again. */
  names: string[];
  /** `data:` URL → the file it stands for, to name real files in error messages. */
  files: Record<string, string>;
}

const SPECIFIER =
  /(\b(?:import|export)\s[^"'`;]*?\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])([^"'\n]+)\2/g;
const MEDIA: Record<string, string> = {
  ts: "application/typescript",
  mts: "application/typescript",
  js: "text/javascript",
  mjs: "text/javascript",
};

/**
 * The modules to import anew after `edited` files (every one since the sandbox started) changed,
 * for components in `componentDirs` and data modules in `dataDirs`; null when only a new sandbox
 * is right: a data module imports an edited file (its values would be stale), or an edited
 * module is in a cycle, reads `import.meta`, or is of a kind a `data:` URL cannot carry.
 */
export function hotModules(
  edited: ReadonlySet<string>,
  componentDirs: string[],
  dataDirs: string[],
): HotModules | null {
  const inside = (f: string) => [...componentDirs, ...dataDirs].some((d) => f.startsWith(d));
  const sources = new Map<string, string | null>();
  const read = (file: string) => {
    if (!sources.has(file)) {
      let text: string | null = null;
      try {
        text = Deno.readTextFileSync(file);
      } catch { /* missing: importing it fails, with its real path */ }
      sources.set(file, text);
    }
    return sources.get(file)!;
  };
  /** Files a module imports by relative path, inside the watched folders. */
  const imports = (file: string): string[] => {
    const text = read(file);
    if (text === null || !inside(file)) return [];
    return [...text.matchAll(SPECIFIER)].flatMap((m) => {
      const to = resolve(m[3], file);
      return to && inside(to) ? [to] : [];
    });
  };
  const dirtyMemo = new Map<string, boolean>();
  const dirty = (file: string): boolean => {
    const known = dirtyMemo.get(file);
    if (known !== undefined) return known;
    dirtyMemo.set(file, false); // a cycle back here adds nothing
    const d = edited.has(file) || imports(file).some(dirty);
    dirtyMemo.set(file, d);
    return d;
  };

  for (const dir of dataDirs) {
    for (const file of listModules(dir)) if (dirty(file)) return null;
  }
  const files: Record<string, string> = {};
  const urls = new Map<string, string>();
  const making = new Set<string>();
  const url = (file: string): string => {
    if (!dirty(file)) return `file://${file}`;
    const done = urls.get(file);
    if (done) return done;
    const text = read(file);
    const media = MEDIA[file.slice(file.lastIndexOf(".") + 1)];
    if (text === null || !media || text.includes("import.meta") || making.has(file)) {
      throw new Fallback();
    }
    making.add(file);
    const source = text.replace(SPECIFIER, (all, head: string, quote: string, spec: string) => {
      const to = resolve(spec, file);
      return to ? `${head}${quote}${url(to)}${quote}` : all;
    });
    making.delete(file);
    const made = `data:${media};base64,${base64(source)}`;
    urls.set(file, made);
    files[made] = file;
    return made;
  };

  const mains: Record<string, string> = {};
  const names = new Set<string>();
  try {
    for (const c of findComponents(componentDirs.map((d) => d.replace(/\/$/, "")))) {
      if (c.main.endsWith(".vto") || !dirty(c.main)) continue;
      mains[c.main] = url(c.main);
      names.add(c.name);
    }
  } catch (error) {
    if (error instanceof Fallback) return null;
    throw error;
  }
  // A component removed or renamed: the pages that called it must fail now.
  for (const file of edited) {
    const dir = componentDirs.find((d) => file.startsWith(d));
    const stem = dir && file.slice(dir.length).split("/")[0].replace(/\.(ts|js|vto)$/, "");
    if (stem && !stem.startsWith("_")) names.add(componentName(stem));
  }
  return { urls: mains, names: [...names].sort(), files };
}

class Fallback extends Error {}

/** The file a relative (or `file:`) specifier names, else null (a package, a remote URL). */
function resolve(spec: string, from: string): string | null {
  if (!/^(\.\.?\/|\/|file:)/.test(spec)) return null;
  return decodeURIComponent(new URL(spec, `file://${from}`).pathname);
}

function listModules(dir: string): string[] {
  const out: string[] = [];
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch {
    return out;
  }
  for (const e of entries) {
    const path = `${dir.replace(/\/$/, "")}/${e.name}`;
    if (e.isDirectory) out.push(...listModules(path));
    else if (/\.(m?ts|m?js)$/.test(e.name)) out.push(path);
  }
  return out;
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

/** A message with every `data:` URL of `files` replaced by the file it stands for. */
export function realPaths(message: string, files: Record<string, string>): string {
  return message.replace(/data:[a-z/]+;base64,[A-Za-z0-9+/=]+/g, (u) => files[u] ?? u);
}
