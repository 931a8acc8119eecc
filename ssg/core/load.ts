import { SiteError, toSiteError } from "./errors.ts";
import { isPreviousOutput } from "./dest.ts";
import { splitFrontMatter } from "./front_matter.ts";
import { relative } from "./fs.ts";
import { outputPath, type Page, pageData, pageUrl, splitName } from "./page.ts";
import type { Site } from "./site.ts";
import { decodeSource, readSource } from "./text_file.ts";
import { keepFile } from "./sent_pages.ts";
import { yaml } from "./yaml.ts";

/** What the source folder holds: pages and static files to copy. */
export interface Sources {
  pages: Page[];
  /** Static files: absolute source → path in dest. */
  files: Array<{ from: string; to: string }>;
}

/** Walks `src` for pages (`.md`, `.vto`) and the static files the site copies. */
export function loadSources(site: Site): Sources {
  const { srcDir, languages } = site.options;
  const pages: Page[] = [];
  const files: Sources["files"] = [];
  for (const rel of walk(srcDir, "", site)) {
    const file = `${srcDir}/${rel}`;
    if (/\.(md|vto)$/.test(rel)) {
      pages.push(loadPage(file, rel, languages));
    } else if (
      site.copyExtensions.some((ext) => rel.endsWith(ext)) ||
      site.copyDirs.some((dir) => rel === dir || rel.startsWith(dir + "/"))
    ) {
      files.push({ from: file, to: rel });
    }
  }
  return { pages, files };
}

/** Reads one page file into a Page. */
export function loadPage(file: string, src: string, languages: string[]): Page {
  const path = relative(file);
  const bytes = Deno.readFileSync(file);
  const source = decodeSource(bytes, path);
  const { data: raw, body, bodyLine } = splitFrontMatter(source, path);
  const data = pageData(raw, src, source, path, languages);
  const url = data.url ?? pageUrl(splitName(src, languages).stem, data.lang, languages[0]);
  const page: Page = {
    src,
    file,
    path,
    type: src.endsWith(".md") ? "md" : "vto",
    data,
    body,
    bodyLine,
    source,
    url,
    output: outputPath(url),
  };
  // The text goes to the page sandbox as the file's bytes (less a byte-order mark, as read).
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  keepFile(page, bom ? bytes.subarray(3) : bytes);
  return page;
}

/** Files under `dir`, sorted, skipping `_`/`.` entries, ignored paths and build outputs. */
function walk(root: string, rel: string, site: Site): string[] {
  const out: string[] = [];
  const dir = rel ? `${root}/${rel}` : root;
  const entries = [...Deno.readDirSync(dir)];
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (e.name.startsWith("_") || e.name.startsWith(".")) continue;
    const full = `${root}/${path}`;
    if (site.ignored.includes(path) || full === site.options.destDir) continue;
    // Outputs of earlier builds (any --dest) and their temporary folders are never sources.
    if (e.isDirectory && (isPreviousOutput(full) || full === `${site.options.destDir}.tmp`)) {
      continue;
    }
    if (e.isDirectory) out.push(...walk(root, path, site));
    else if (e.isFile) out.push(path);
  }
  return out;
}

/** `_data`, as a render job sees it. */
export interface SiteData {
  /** YAML and JSON files, read now: name → value. */
  values: Record<string, unknown>;
  /**
   * Code modules (`.ts`, `.js`): name → a function that imports the module, the first time it is
   * called, and gives its default export. A module runs only when a template reads its name.
   */
  modules: DataModules;
}

/** `_data` code modules by name, each imported on its first call (see SiteData). */
export type DataModules = ReadonlyMap<string, () => Promise<unknown>>;

/**
 * Loads `_data`: each `name.yaml|yml|json|ts|js` becomes the variable `name` (a `.ts` file's
 * default export); a name in an earlier folder of `dirs` wins.
 */
export async function loadData(dirs: string[], bust = ""): Promise<SiteData> {
  const values: Record<string, unknown> = {};
  const modules = new Map<string, () => Promise<unknown>>();
  for (const dir of [...dirs].reverse()) {
    let entries: Deno.DirEntry[] = [];
    try {
      entries = [...Deno.readDirSync(dir)].sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch {
      continue;
    }
    for (const e of entries) {
      const m = e.name.match(/^(.+)\.(ya?ml|json|ts|js)$/);
      if (!e.isFile || !m) continue;
      const file = `${dir}/${e.name}`;
      const shown = relative(file);
      if (m[2] === "ts" || m[2] === "js") {
        delete values[m[1]];
        modules.set(m[1], importOnce(`file://${file}${bust}`, shown));
        continue;
      }
      modules.delete(m[1]);
      try {
        const text = readSource(file, file);
        values[m[1]] = m[2] === "json" ? JSON.parse(text) : yaml().parse(text);
      } catch (error) {
        const e2 = error as Error & { linePos?: Array<{ line: number; col: number }> };
        const pos = e2.linePos?.[0];
        throw pos
          ? new SiteError(`bad data file: ${e2.message.split("\n")[0]}`, {
            file: shown,
            line: pos.line,
            column: pos.col,
            source: await Deno.readTextFile(file),
          }, { cause: error })
          : toSiteError(error, shown);
      }
    }
  }
  return { values, modules };
}

/** Imports `url` on the first call and gives its default export; a failure names `shown`. */
function importOnce(url: string, shown: string): () => Promise<unknown> {
  let value: Promise<unknown> | undefined;
  return () =>
    value ??= import(url).then((mod) => mod.default, (error) => {
      throw toSiteError(error, shown);
    });
}
