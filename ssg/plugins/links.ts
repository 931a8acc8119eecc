import type { StateCore, Token } from "markdown-it";
import { SiteError } from "../core/errors.ts";
import { isFile } from "../core/fs.ts";
import { type Page, pageUrl, splitName } from "../core/page.ts";
import type { MarkdownEnv } from "../core/render.ts";
import type { Site } from "../core/site.ts";
import { checkLinks, type Scan, scanRendered } from "./link_check.ts";
import { extendMarkdown } from "./markdown.ts";

export interface Options {
  /** Fail the build on an internal link or `#anchor` that leads nowhere. */
  check?: boolean;
}

export const defaults = {
  check: true,
} satisfies Required<Options>;

const EXTERNAL = /^([a-z][a-z\d+.-]*:|\/\/)/i;

/**
 * Links and images that follow the source tree, as Lume's `resolve_urls`:
 * a path relative to the page's source file (`../02-linear-model.md`,
 * `graph.svg`) or to the source folder (`/lectures/02-linear-model.md`)
 * becomes the URL of that page or file. An image that does not exist fails
 * the build at its line; after the build every internal link and `#anchor`
 * of every page is checked, and files that pages link are copied.
 */
export default function links(userOptions: Options = {}) {
  const options = { ...defaults, ...userOptions };
  return (site: Site) => {
    let pages: Page[] = [];
    const urls = new Map<string, string>();
    site.preprocess((all) => {
      pages = all;
      urls.clear();
      for (const p of all) if (p.file) urls.set(p.src, p.url);
    });
    const urlOf = (src: string) => {
      const known = urls.get(src);
      if (known) return known;
      const { languages } = site.options;
      const { stem, lang } = splitName(src, languages);
      return pageUrl(stem, lang ?? languages[0], languages[0]);
    };

    extendMarkdown(site, "links", (md) =>
      md.core.ruler.push("resolve_urls", (state: StateCore) => {
        const env = state.env as MarkdownEnv;
        if (!env.src) return;
        for (const t of state.tokens) {
          if (t.type !== "inline" || !t.children) continue;
          let line = t.map?.[0] ?? 0;
          for (const c of t.children) {
            if (c.type === "softbreak" || c.type === "hardbreak") line++;
            else if (c.type === "link_open") resolve(c, "href", line, env);
            else if (c.type === "image") resolve(c, "src", line, env);
          }
        }
      }));

    const resolve = (t: Token, attr: string, line: number, env: MarkdownEnv) => {
      const value = String(t.attrGet(attr) ?? "");
      if (!value || EXTERNAL.test(value) || value.startsWith("#")) return;
      const [, path, rest] = value.match(/^([^?#]*)(.*)$/)!;
      if (!path) return;
      const dir = env.src!.includes("/") ? env.src!.slice(0, env.src!.lastIndexOf("/") + 1) : "";
      let src: string;
      try {
        src = decodeURIComponent(new URL(path, `file:///${dir}`).pathname.slice(1));
      } catch {
        return;
      }
      const exists = isFile(`${site.options.srcDir}/${src}`);
      const where = () => locate(env, line, value);
      if (/\.(md|vto)$/.test(src)) {
        if (!exists) throw new SiteError(`link to ${src}, which does not exist`, where());
        t.attrSet(attr, urlOf(src) + rest);
      } else if (exists && !path.startsWith("/")) {
        t.attrSet(attr, `/${encodeURI(src)}${rest}`);
      } else if (attr === "src" && !exists && !path.startsWith("/")) {
        throw new SiteError(
          `image ${src} not found (paths are relative to the page's file)`,
          where(),
        );
      }
    };

    if (options.check) {
      // Pages are scanned while the text is at hand, rather than decoded again at the end.
      /** This build's scans by output path (two sites may build side by side in a process). */
      const scans = new Map<string, Scan>();
      site.preprocess(() => scans.clear());
      site.rendered((html, page, bytes) => scans.set(page.output, scanRendered(html, bytes)));
      site.finish((output) => checkLinks(output, pages, site, scans));
    }
  };
}

/** The file line of a link, with the column where its URL is written. */
function locate(env: MarkdownEnv, line: number, value: string) {
  const n = env.bodyLine + line;
  const text = env.source.split("\n")[n - 1] ?? "";
  const at = text.indexOf(value);
  return { file: env.file, line: n, column: at >= 0 ? at + 1 : 1, source: env.source };
}
