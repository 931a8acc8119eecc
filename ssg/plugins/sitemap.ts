import type { Site } from "../core/site.ts";

export interface Options {
  /** Output file name. */
  filename?: string;
}

export const defaults = { filename: "sitemap.xml" } satisfies Required<Options>;

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * `sitemap.xml` with every page's absolute URL (percent-encoded, as the format
 * requires) and its translations as alternates.
 */
export default function sitemap(userOptions: Options = {}) {
  const options = { ...defaults, ...userOptions };
  return (site: Site) => {
    let pages: Array<{ url: string; lang: string; id: string }> = [];
    site.preprocess((all) => {
      pages = all.filter((p) => p.url.endsWith("/"))
        .map((p) => ({ url: p.url, lang: p.data.lang, id: p.data.id }));
    });
    site.finish((output) => {
      const byId = Map.groupBy(pages, (p) => p.id);
      const entries = [...pages].sort((a, b) => (a.url < b.url ? -1 : 1)).map((p) => {
        const alts = (byId.get(p.id) ?? []).length > 1
          ? byId.get(p.id)!.map((t) =>
            `\n    <xhtml:link rel="alternate" hreflang="${t.lang}" href="${
              esc(site.absoluteUrl(encodeURI(t.url)))
            }"/>`
          ).join("")
          : "";
        return `  <url>\n    <loc>${
          esc(site.absoluteUrl(encodeURI(p.url)))
        }</loc>${alts}\n  </url>`;
      });
      output.set(
        options.filename,
        `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${
          entries.join("\n")
        }\n</urlset>\n`,
      );
    });
  };
}
