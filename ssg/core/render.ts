import type { MarkdownIt } from "markdown-it";
import type { Environment } from "ventojs/core/environment.js";
import type { Component } from "./components.ts";
import { lineColumn, SiteError, toSiteError } from "./errors.ts";
import { keyLine } from "./front_matter.ts";
import { maskLiterals, restoreLiterals } from "./literal.ts";
import type { Page } from "./page.ts";
import type { Site } from "./site.ts";
import { runTemplate } from "./vento.ts";
import { checkProps, didYouMean } from "./props.ts";
import { BUNDLE_DIR, CLASSIC_BUNDLE } from "./bundle.ts";
import { json, recall, remember } from "./call_memo.ts";

/** Everything rendering needs, loaded once per build in the page sandbox (renderer.ts). */
export interface Renderer {
  site: Site;
  env: Environment;
  md: MarkdownIt;
  components: Map<string, Component>;
  /**
   * Global data: `_data` YAML and JSON files plus `site.data()` values. (`_data` code modules
   * are imported for the templates that read them: see createVento.)
   */
  data: Record<string, unknown>;
  /** Layout files read so far in this build: name → path for messages, and text. */
  layouts: Map<string, { file: string; source: string }>;
  /** Changes when `data` does (call_memo.ts): component calls are remembered for one version. */
  dataVersion?: number;
}

/** One entry of a page's table of contents. */
export interface TocEntry {
  level: number;
  id: string;
  text: string;
}

/** The rendered page (UTF-8 bytes, half the memory of a string) and the assets it needs. */
export interface Rendered {
  html: Uint8Array;
  assets: string[];
}

const encoder = new TextEncoder();

/** Environment markdown-it plugins see: the page and where its body starts. */
export interface MarkdownEnv {
  file: string;
  /** Path of the page relative to the source folder, for links relative to it. */
  src?: string;
  source: string;
  bodyLine: number;
  lang: string;
  toc?: TocEntry[];
  /** Stylesheets or scripts (dest paths) the page turned out to need, e.g. KaTeX's CSS. */
  assets: Set<string>;
}

const SLOT = /<!--ssg-slot-(\d+)-->/g;

/**
 * Renders a page: Vento over the body (components, data), then markdown-it,
 * then the layout chain, then the site's processors.
 */
export async function renderPage(r: Renderer, page: Page): Promise<Rendered> {
  const slots: Array<string | Promise<string>> = [];
  const used = new Set<Component>();
  const calls = new Map<string, number>();
  /** Stylesheets and scripts (dest paths) the page needs: KaTeX's CSS, component assets. */
  const needs = new Set<string>();
  const comp = new Proxy({}, {
    get(_, name) {
      if (typeof name !== "string" || name === "then") return undefined;
      const c = r.components.get(name);
      if (!c) {
        const names = [...r.components.keys()];
        const hint = didYouMean(name, names);
        throw new Error(
          `unknown component "comp.${name}"${hint ? ` (did you mean "comp.${hint}"?)` : ""}` +
            ` (components: ${names.join(", ") || "none"})`,
        );
      }
      return (props: Record<string, unknown> = {}) => {
        const n = (calls.get(name) ?? 0) + 1;
        calls.set(name, n);
        const fail = (error: unknown) => callError(page, name, n, error);
        let checked = props;
        if (c.props) {
          try {
            checked = checkProps(c.props, props);
          } catch (error) {
            throw fail(error);
          }
        }
        used.add(c);
        const id = `${c.stem.replace(/_/g, "-")}-${n}`;
        // The same call as last build (same module, props, page, place, data): its answer.
        const where = `${page.src}\0${page.url}\0${page.data.lang}\0${id}`;
        const propsJson = r.dataVersion === undefined ? undefined : json(checked);
        const known = propsJson === undefined
          ? undefined
          : recall(c.render, where, propsJson, r.dataVersion!);
        if (known) {
          if (known.tex && r.site.tex) needs.add(r.site.tex.css);
          slots.push(known.html);
          return `<!--ssg-slot-${slots.length - 1}-->`;
        }
        let tex = false, documents = false;
        const context = {
          page: { url: page.url, lang: page.data.lang, src: page.src },
          data: r.data,
          id,
          tex(source: string, options: { display?: boolean } = {}) {
            const typeset = r.site.tex;
            if (!typeset) throw new Error("ctx.tex needs the math plugin: add site.use(math())");
            needs.add(typeset.css);
            tex = true;
            return typeset.render(source, options.display ?? false);
          },
          get components() {
            documents = true;
            return r.components;
          },
        };
        let result: string | Promise<string>;
        try {
          result = c.render(checked, context);
        } catch (error) {
          throw fail(error);
        }
        const slot = Promise.resolve(result).then((html) => {
          if (typeof html !== "string") {
            throw fail(new TypeError(`returned ${describe(html)} instead of an HTML string`));
          }
          if (propsJson !== undefined && !documents) {
            remember(c.render, where, { props: propsJson, data: r.dataVersion!, html, tex });
          }
          return html;
        }, (error) => {
          throw fail(error);
        });
        // Awaited after Markdown; until then a failure must not count as unhandled.
        slot.catch(() => {});
        slots.push(slot);
        // Components come out as a placeholder so Markdown never re-reads their HTML.
        return `<!--ssg-slot-${slots.length - 1}-->`;
      };
    },
  });
  const data = {
    ...r.data,
    ...page.data,
    page,
    url: page.url,
    comp,
    styles: served(r.site, r.site.styles),
    scripts: served(r.site, r.site.scripts),
    classicScripts: r.site.classicScripts,
  };
  const origin = { file: page.path, source: page.source, line: page.bodyLine };
  // Code and TeX are literal in Markdown: Vento sees their braces masked.
  let content = page.type === "md"
    ? restoreLiterals(await runTemplate(r.env, maskLiterals(page.body), data, origin))
    : await runTemplate(r.env, page.body, data, origin);

  let toc: TocEntry[] = [];
  if (page.type === "md") {
    const env: MarkdownEnv = {
      file: page.path,
      src: page.src,
      source: page.source,
      bodyLine: page.bodyLine,
      lang: page.data.lang,
      assets: new Set(),
    };
    try {
      const tokens = r.md.parse(content, env);
      content = r.md.renderer.render(tokens, r.md.options, env);
    } catch (error) {
      throw toSiteError(error, page.path, page.source);
    }
    toc = env.toc ?? [];
    env.assets.forEach((a) => needs.add(a));
  }
  if (slots.length) {
    const html = await Promise.all(slots).catch((error) => {
      throw toSiteError(error, page.path, page.source);
    });
    content = content.replace(SLOT, (_, n) => html[Number(n)]);
  }
  for (const c of used) {
    c.assets.forEach((a) => needs.add(a.to));
    if (c.client) {
      needs.add(`${BUNDLE_DIR}/${r.site.classicScripts ? CLASSIC_BUNDLE : c.client.name}.js`);
    }
  }
  const assets = [...needs].sort();
  let html = await renderLayout(r, page, { ...data, content, toc, assets });
  for (const process of r.site.processors) html = process(html, page, r.site);
  return { html: encoder.encode(html), assets };
}

async function renderLayout(r: Renderer, page: Page, data: Record<string, unknown>) {
  const layout = page.data.layout;
  if (!layout) return data.content as string;
  let found = r.layouts.get(layout);
  if (!found) {
    let path: string;
    try {
      path = r.env.options.loader.resolve("", layout);
    } catch (error) {
      throw new SiteError(`layout "${layout}" not found`, {
        file: page.path,
        line: keyLine(page.source, "layout"),
        column: 1,
        source: page.source,
      }, { cause: error });
    }
    const root = r.site.options.root + "/";
    const file = path.startsWith(root) ? path.slice(root.length) : path;
    found = { file, source: await Deno.readTextFile(path) };
    r.layouts.set(layout, found);
  }
  return await runTemplate(r.env, found.source, data, { ...found, line: 1 });
}

/**
 * An error of the `n`-th call of `comp.<name>` on a page, at that call in the source: the
 * n-th `comp.<name>(` inside a template tag of the body (a call inside a loop points at its one
 * occurrence; one shown in a code block or formula is text, not a call, and is not counted).
 */
function callError(page: Page, name: string, n: number, error: unknown): SiteError {
  const message = `comp.${name}: ${error instanceof Error ? error.message : String(error)}`;
  // Masking keeps every offset, so positions found in the masked body hold in the source.
  const body = page.type === "md" ? maskLiterals(page.body) : page.body;
  const call = new RegExp(`comp\\s*\\.\\s*${name}\\s*\\(`, "g");
  const at: number[] = [];
  for (const tag of body.matchAll(/\{\{[\s\S]*?\}\}/g)) {
    for (const m of tag[0].matchAll(call)) at.push(tag.index! + m.index!);
  }
  const hit = at[Math.min(n, at.length) - 1];
  if (hit === undefined) {
    return new SiteError(message, { file: page.path, source: page.source }, { cause: error });
  }
  const { line, column } = lineColumn(page.body, hit);
  return new SiteError(message, {
    file: page.path,
    line: page.bodyLine + line - 1,
    column,
    source: page.source,
  }, { cause: error });
}

function describe(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

/** The files of `list` that work where the site is read: all of them, unless it is read from disk. */
function served(site: Site, list: string[]): string[] {
  return site.fromDisk ? list.filter((f) => !site.needsServer.has(f)) : list;
}
