import { outputPath, type Page, type PageData } from "../core/page.ts";
import type { Site } from "../core/site.ts";
import { SiteError } from "../core/errors.ts";
import { keyLine } from "../core/front_matter.ts";

export interface Options {
  /** Layout of each language's generated home page (when `index.md` is missing). */
  homeLayout?: string;
  /** Layout of the generated `404.html`. */
  notFoundLayout?: string;
}

export const defaults = {
  homeLayout: "layouts/home.vto",
  notFoundLayout: "layouts/404.vto",
} satisfies Required<Options>;

/** A link to another page, as layouts receive it. */
export interface Link {
  url: string;
  title: string;
  description: string;
  lang: string;
  order: number;
  /** Image previewing the lecture (front matter `preview`), if any. */
  preview?: string;
  /** A draft (shown by `serve` only), marked as such where it is listed. */
  draft: boolean;
}

/**
 * Course navigation: each language's lectures in order (front matter `order`,
 * else the number the file name starts with), prev/next links, translations
 * (pages sharing an `id`), and generated home and 404 pages where missing.
 */
export default function nav(userOptions: Options = {}) {
  const options = { ...defaults, ...userOptions };
  return (site: Site) => {
    site.preprocess((pages) => {
      const { languages } = site.options;
      for (const lang of languages) {
        const home = lang === languages[0] ? "/" : `/${lang}/`;
        if (!pages.some((p) => p.url === home)) {
          pages.push(generated(`@home.${lang}`, home, { lang, layout: options.homeLayout }));
        }
      }
      if (!pages.some((p) => p.url === "/404.html")) {
        pages.push(generated("@404", "/404.html", {
          lang: languages[0],
          layout: options.notFoundLayout,
        }));
      }
      const homes = new Set(languages.map((l, i) => (i === 0 ? "/" : `/${l}/`)));
      const link = (p: Page): Link => ({
        url: p.url,
        title: p.data.title,
        description: p.data.description,
        lang: p.data.lang,
        order: p.data.order,
        preview: p.data.preview,
        draft: p.data.draft,
      });
      const lectures = new Map<string, Page[]>(languages.map((l) => [l, []]));
      const unlisted = new Map<string, Link[]>(languages.map((l) => [l, []]));
      for (const p of pages) {
        if (homes.has(p.url) || p.url === "/404.html" || !p.file) continue;
        if (p.data.listed) lectures.get(p.data.lang)!.push(p);
        else unlisted.get(p.data.lang)!.push(link(p));
      }
      for (const list of lectures.values()) {
        list.sort((a, b) => a.data.order - b.data.order || (a.src < b.src ? -1 : 1));
        checkNumbers(list);
      }
      const byId = Map.groupBy(pages, (p) => p.data.id);
      // One list per language, shared by its pages (not a copy per page).
      const links = new Map([...lectures].map(([lang, list]) => [lang, list.map(link)]));
      const index = new Map([...lectures.values()].flatMap((list) => list.map((p, i) => [p, i])));
      for (const p of pages) {
        const list = lectures.get(p.data.lang)!;
        const i = index.get(p) ?? -1;
        p.data.lectures = links.get(p.data.lang);
        p.data.unlisted = unlisted.get(p.data.lang);
        p.data.prev = i > 0 ? links.get(p.data.lang)![i - 1] : null;
        p.data.next = i >= 0 && i < list.length - 1 ? links.get(p.data.lang)![i + 1] : null;
        p.data.home = p.data.lang === languages[0] ? "/" : `/${p.data.lang}/`;
        p.data.translations = (byId.get(p.data.id) ?? [])
          .filter((t) => t !== p)
          .sort((a, b) => languages.indexOf(a.data.lang) - languages.indexOf(b.data.lang))
          .map(link);
      }
    });
  };
}

/** Two lectures of one language with the same number: an error naming both files. */
function checkNumbers(sorted: Page[]) {
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1], sorted[i]];
    if (a.data.order !== b.data.order || !Number.isFinite(b.data.order)) continue;
    const line = keyLine(b.source, "order");
    throw new SiteError(
      `lecture number ${b.data.order} is also the number of ${a.path}; ` +
        "give one of them another number (file name prefix or front matter order)",
      { file: b.path, line, column: 1, source: b.source },
    );
  }
}

function generated(src: string, url: string, data: Partial<PageData>): Page {
  const id = src.replace(/\.[a-z]+$/, "");
  return {
    src,
    file: "",
    path: src,
    type: "vto",
    data: {
      title: "",
      description: "",
      order: Infinity,
      lang: "",
      id,
      layout: "",
      draft: false,
      listed: false,
      ...data,
    },
    body: "",
    bodyLine: 1,
    source: "",
    url,
    output: outputPath(url),
  };
}
