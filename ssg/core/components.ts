import type { Environment } from "ventojs/core/environment.js";
import { toSiteError } from "./errors.ts";
import { isFile, relative } from "./fs.ts";
import type { PropsDeclaration } from "./props.ts";
import type { ClientEntry } from "./bundle.ts";

/** What a component's server render receives besides its props. */
export interface ComponentContext {
  /** The page being rendered: its URL (without base path), language and source path. */
  page: { url: string; lang: string; src: string };
  /**
   * The site's shared data: `_data/` YAML and JSON files (`datasets`, `ui`…) and `site.data()`
   * values. A `_data/*.ts` module's value is not here (it is imported only for the templates
   * that read it): a page passes what a component needs of it as a prop.
   */
  data: Record<string, unknown>;
  /**
   * A page-unique id for this call (`loss-curve-1`), for element ids and ARIA references;
   * the same on every build.
   */
  id: string;
  /**
   * Typesets TeX with KaTeX at build time (the math plugin's, with its cache and macros) and
   * links KaTeX's stylesheet on the page. Bad TeX throws.
   */
  tex(source: string, options?: { display?: boolean }): string;
  /** Every component of the site by name, with its props declaration (for documentation). */
  components: ReadonlyMap<string, { props?: PropsDeclaration }>;
}

/** A component's server render: props in, HTML out (sync or async). */
export type ComponentRender = (
  props: Record<string, unknown>,
  context: ComponentContext,
) => string | Promise<string>;

/** A loaded component, with the browser assets that sit beside it. */
export interface Component {
  name: string;
  /** File or folder name: `loss_curve`. */
  stem: string;
  render: ComponentRender;
  /** Its `props` export: every call is checked against it. */
  props?: PropsDeclaration;
  /** Stylesheet to link on pages that use it: source → dest path. */
  assets: Array<{ from: string; to: string }>;
  /** Its browser module (`client.ts` or `client.js`), bundled by the build. */
  client?: ClientEntry;
}

/** `loss_curve` / `loss-curve` / `LossCurve` → `LossCurve` */
export function componentName(stem: string): string {
  return stem.split(/[-_]/).map((s) => s.charAt(0).toUpperCase() + s.slice(1)).join("");
}

/** A component as its folder shows it, before its code is loaded. */
export interface ComponentFiles {
  name: string;
  stem: string;
  /** Its server render: `mod.ts`, `mod.js`, `mod.vto`, or the file itself. */
  main: string;
  /** Stylesheet to link on pages that use it: source → dest path. */
  assets: Array<{ from: string; to: string }>;
  /** Its browser module (`client.ts` or `client.js`), bundled by the build. */
  client?: ClientEntry;
}

/**
 * The components in each folder (earlier folders win), from their file names alone, so
 * nothing of theirs runs: `name.ts`, `name.vto`, or a folder `name/` with `mod.ts` or
 * `mod.vto` beside `style.css` and `client.ts` (or `client.js`). Folders starting with `_`
 * hold shared code, not components. A missing folder has none; one that cannot be read is
 * an error.
 */
export function findComponents(dirs: string[]): ComponentFiles[] {
  const found = new Map<string, ComponentFiles>();
  for (const dir of dirs) {
    let entries: Deno.DirEntry[];
    try {
      entries = [...Deno.readDirSync(dir)].sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) continue;
      throw new Error(`cannot read the components folder ${relative(dir)}: ${error}`);
    }
    for (const e of entries) {
      if (e.name.startsWith(".") || e.name.startsWith("_")) continue;
      const stem = e.name.replace(/\.(ts|js|vto)$/, "");
      const name = componentName(stem);
      if (found.has(name)) continue;
      const path = `${dir}/${e.name}`;
      const main = e.isDirectory ? findMain(path) : /\.(ts|js|vto)$/.test(e.name) ? path : null;
      if (!main) continue;
      const assets = e.isDirectory && isFile(`${path}/style.css`)
        ? [{ from: `${path}/style.css`, to: `components/${stem}.css` }]
        : [];
      const clientFile = e.isDirectory
        ? [`${path}/client.ts`, `${path}/client.js`].find(isFile)
        : undefined;
      const client = clientFile ? { name: stem, file: clientFile } : undefined;
      found.set(name, { name, stem, main, assets, client });
    }
  }
  return [...found.values()];
}

/**
 * Loads the components of each folder (see findComponents): their code runs here. `urls` gives
 * the URL to import a main file by, when not its own (the dev server's edited components).
 */
export async function loadComponents(
  dirs: string[],
  env: Environment,
  urls: Readonly<Record<string, string>> = {},
): Promise<Map<string, Component>> {
  const loaded = new Map<string, Component>();
  for (const { main, ...c } of findComponents(dirs)) {
    loaded.set(c.name, { ...c, ...await loadRender(main, env, urls[main]) });
  }
  return loaded;
}

function findMain(folder: string): string | null {
  return ["mod.ts", "mod.js", "mod.vto"].map((f) => `${folder}/${f}`).find(isFile) ?? null;
}

async function loadRender(
  file: string,
  env: Environment,
  url = `file://${file}`,
): Promise<{ render: ComponentRender; props?: PropsDeclaration }> {
  if (file.endsWith(".vto")) {
    const source = await Deno.readTextFile(file);
    const template = env.compile(source, file);
    return {
      render: async (props, context) => (await template({ ...props, ...context })).content,
    };
  }
  try {
    const mod = await import(url);
    if (typeof mod.default !== "function") {
      throw new TypeError("a component module must export a default function (props) => html");
    }
    if (mod.props !== undefined && (typeof mod.props !== "object" || mod.props === null)) {
      throw new TypeError("a component's `props` export must be an object of prop specs");
    }
    return { render: mod.default, props: mod.props };
  } catch (error) {
    throw toSiteError(error, relative(file));
  }
}
