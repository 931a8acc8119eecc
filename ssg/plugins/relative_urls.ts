import type { Site } from "../core/site.ts";

export interface Options {
  /**
   * Links to a folder end in `index.html` (`../03-x/index.html`): a browser
   * reading files from disk shows a folder listing for `../03-x/`.
   */
  indexFiles?: boolean;
  /**
   * Scripts run as classic scripts (Site.classicScripts): browsers refuse
   * module scripts on `file://` pages, so charts, the theme toggle and copy
   * buttons work from disk too.
   */
  classicScripts?: boolean;
}

export const defaults = {
  indexFiles: true,
  classicScripts: true,
} satisfies Required<Options>;

const ATTR = /(\s(?:href|src|poster|action|data)=")(\/(?!\/)[^"]*)"/g;
const SRCSET = /(\ssrcset=")([^"]*)"/g;

/**
 * Pages whose internal URLs are relative to themselves, as Lume's
 * `relative_urls`: `/assets/site.css` on `/lectures/02/` becomes
 * `../../assets/site.css`. The output then also reads from disk (`file://`),
 * for notes downloaded to read offline. Use it after `basePath()`.
 */
export default function relativeUrls(userOptions: Options = {}) {
  const options = { ...defaults, ...userOptions };
  return (site: Site) => {
    site.fromDisk = true;
    if (options.classicScripts) site.classicScripts = true;
    site.process((html, page) => {
      const from = site.options.basePath + page.url.replace(/^\//, "");
      const rel = (url: string) => relative(from, url, options.indexFiles);
      return html
        .replace(ATTR, (_, attr, url) => `${attr}${rel(url)}"`)
        .replace(
          SRCSET,
          (_, attr, list: string) =>
            `${attr}${
              list.split(",").map((item) =>
                item.replace(/^(\s*)(\/(?!\/)\S*)/, (_, sp, url) => sp + rel(url))
              ).join(",")
            }"`,
        );
    });
  };
}

/** `to` (root-relative) as seen from the page at `from`: `/a/b/`, `/c.css` → `../../c.css`. */
export function relative(from: string, to: string, indexFiles: boolean): string {
  const [, path, rest] = to.match(/^([^?#]*)(.*)$/)!;
  const dir = from.slice(0, from.lastIndexOf("/") + 1).split("/").filter(Boolean);
  const target = path.split("/").slice(1);
  let i = 0;
  while (i < dir.length && i < target.length - 1 && dir[i] === target[i]) i++;
  let out = "../".repeat(dir.length - i) + target.slice(i).join("/");
  if (indexFiles && (out === "" || out.endsWith("/"))) out += "index.html";
  if (out === "") out = "./";
  return out + rest;
}
