import type { Environment } from "ventojs/core/environment.js";
import { toSiteError } from "./errors.ts";
import { isFile } from "./load.ts";

/** What a component's server render receives besides its props. */
export interface ComponentContext {
  /** The page being rendered: its URL (without base path), language and source path. */
  page: { url: string; lang: string; src: string };
}

/** A component's server render: props in, HTML out (sync or async). */
export type ComponentRender = (
  props: Record<string, unknown>,
  context: ComponentContext,
) => string | Promise<string>;

/** A loaded component, with the browser assets that sit beside it. */
export interface Component {
  name: string;
  render: ComponentRender;
  /** Files to link on pages that use it: source → dest path. */
  assets: Array<{ from: string; to: string }>;
}

/** `loss_curve` / `loss-curve` / `LossCurve` → `LossCurve` */
export function componentName(stem: string): string {
  return stem.split(/[-_]/).map((s) => s.charAt(0).toUpperCase() + s.slice(1)).join("");
}

/**
 * Loads components from each folder (earlier folders win): `name.ts`, `name.vto`,
 * or a folder `name/` with `mod.ts` or `mod.vto` beside `style.css` and `client.js`.
 */
export async function loadComponents(
  dirs: string[],
  env: Environment,
): Promise<Map<string, Component>> {
  const found = new Map<string, Component>();
  for (const dir of dirs) {
    let entries: Deno.DirEntry[];
    try {
      entries = [...Deno.readDirSync(dir)].sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.name.startsWith(".") || e.name.startsWith("_")) continue;
      const stem = e.name.replace(/\.(ts|js|vto)$/, "");
      const name = componentName(stem);
      if (found.has(name)) continue;
      const path = `${dir}/${e.name}`;
      const main = e.isDirectory ? findMain(path) : /\.(ts|js|vto)$/.test(e.name) ? path : null;
      if (!main) continue;
      const assets = e.isDirectory ? folderAssets(path, stem) : [];
      found.set(name, { name, render: await loadRender(main, env), assets });
    }
  }
  return found;
}

function findMain(folder: string): string | null {
  return ["mod.ts", "mod.js", "mod.vto"].map((f) => `${folder}/${f}`).find(isFile) ?? null;
}

function folderAssets(folder: string, stem: string) {
  const assets = [];
  for (const [f, ext] of [["style.css", "css"], ["client.js", "js"]]) {
    if (isFile(`${folder}/${f}`)) {
      assets.push({ from: `${folder}/${f}`, to: `components/${stem}.${ext}` });
    }
  }
  return assets;
}

async function loadRender(file: string, env: Environment): Promise<ComponentRender> {
  if (file.endsWith(".vto")) {
    const source = await Deno.readTextFile(file);
    const template = env.compile(source, file);
    return async (props, context) => (await template({ ...props, ...context })).content;
  }
  try {
    const mod = await import(`file://${file}`);
    if (typeof mod.default !== "function") {
      throw new TypeError("a component module must export a default function (props) => html");
    }
    return mod.default;
  } catch (error) {
    throw toSiteError(error, file);
  }
}
