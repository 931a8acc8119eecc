/**
 * The generator: `site()` makes a site as Lume's `lume()` does; plugins are
 * added with `site.use(plugin(options))` in `_config.ts`.
 *
 * ```ts
 * import site, { markdown, math } from "./ssg/mod.ts";
 * export default site({ location: "https://example.org/course/" })
 *   .use(markdown())
 *   .use(math());
 * ```
 */
import type { Options } from "./core/options.ts";
import { Site } from "./core/site.ts";

export default function site(options: Options = {}): Site {
  return new Site(options);
}

export { Site } from "./core/site.ts";
export type {
  Finisher,
  Output,
  PageListener,
  Plugin,
  Preprocessor,
  Processor,
} from "./core/site.ts";
export type { Options } from "./core/options.ts";
export type { Page, PageData } from "./core/page.ts";
export type { ComponentContext, ComponentRender } from "./core/components.ts";
export { SiteError } from "./core/errors.ts";
export type { PropsDeclaration, PropSpec, PropType } from "./core/props.ts";
export { didYouMean, PropsError } from "./core/props.ts";
export { render, summary, writeOutput } from "./core/build.ts";
export { default as markdown, extendMarkdown } from "./plugins/markdown.ts";
export { default as math } from "./plugins/math.ts";
export { default as highlight } from "./plugins/highlight.ts";
export { default as nav } from "./plugins/nav.ts";
export { default as sitemap } from "./plugins/sitemap.ts";
export { default as basePath } from "./plugins/base_path.ts";
export { default as theme } from "./plugins/theme.ts";
export { default as search } from "./plugins/search.ts";
export type { Options as SearchOptions } from "./plugins/search.ts";
export { default as links } from "./plugins/links.ts";
export { default as downloads } from "./plugins/downloads.ts";
export { default as islands } from "./plugins/islands.ts";
export { default as dataUrls } from "./plugins/data_urls.ts";
export { default as figures } from "./plugins/figures.ts";
export { default as relativeUrls } from "./plugins/relative_urls.ts";
