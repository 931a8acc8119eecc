/**
 * What renders pages: the Vento environment, components, `_data` and the Markdown parser,
 * loaded once per build. It runs inside the page sandbox (sandbox_worker.ts), since loading
 * it runs the code of components, and rendering runs the pages' own and that of the `_data`
 * modules their templates read.
 */
import { loadComponents } from "./components.ts";
import { loadData } from "./load.ts";
import type { Page } from "./page.ts";
import { type Rendered, type Renderer, renderPage } from "./render.ts";
import { dataVersion } from "./call_memo.ts";
import { layers, type Site } from "./site.ts";
import { createVento } from "./vento.ts";

/**
 * Loads templates, components, data and the Markdown parser: all a page render needs.
 * `modules`: URLs to import components' main files by (see loadComponents).
 */
export async function createRenderer(
  site: Site,
  modules: Readonly<Record<string, string>> = {},
): Promise<Renderer> {
  await site.prepareRender();
  const { values, modules: dataModules } = await loadData(layers(site, site.options.data));
  // `site.data()` values win over `_data` files of the same name.
  const data = { ...values, ...site.globals };
  const lazy = new Map([...dataModules].filter(([name]) => !(name in site.globals)));
  const env = createVento(layers(site, site.options.includes), lazy);
  for (const plugin of site.ventoPlugins) plugin(env);
  const components = await loadComponents(layers(site, site.options.components), env, modules);
  if (!site.markdown) {
    throw new Error("site: no Markdown engine; add site.use(markdown()) in _config.ts");
  }
  return {
    site,
    env,
    md: site.markdown,
    components,
    data,
    layouts: new Map(),
    dataVersion: dataVersion(data),
  };
}

/**
 * Renders `count` pages one after another, each taken from `page(i)` as its turn comes, telling
 * `before` of each page before it renders and `after` of each once it has (and waiting for what
 * `after` returns).
 */
export async function renderPages(
  r: Renderer,
  count: number,
  page: (i: number) => Page,
  before: (i: number) => void,
  after: (i: number, rendered: Rendered) => void | Promise<void>,
): Promise<void> {
  for (let i = 0; i < count; i++) {
    before(i);
    await after(i, await renderPage(r, page(i)));
  }
}
