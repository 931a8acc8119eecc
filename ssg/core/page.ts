import { SiteError } from "./errors.ts";
import { keyLine } from "./front_matter.ts";

/** Front matter every page may set; other keys pass through as page data. */
export interface PageData {
  title: string;
  description: string;
  /** Position in the course; defaults to the number a file name starts with. */
  order: number;
  /** Language code, one of the site's languages. */
  lang: string;
  /** Pages in different languages with the same id are translations of each other. */
  id: string;
  /** Layout file inside `_includes/`. */
  layout: string;
  /** Drafts are shown by `serve` and left out of `build`. */
  draft: boolean;
  /** Listed on the home page and in prev/next links. */
  listed: boolean;
  /** Output URL, when not derived from the file path. */
  url?: string;
  /** An image (URL) previewing what the lecture draws, shown beside it on the home page. */
  preview?: string;
  /** `false` leaves the page out of the site's search index. */
  search?: boolean;
  [key: string]: unknown;
}

/** A page to render. Plain data, so it can be sent to a render worker. */
export interface Page {
  /** Path relative to the source folder, with `/`. Generated pages start with `@`. */
  src: string;
  /** Absolute path of the source file ("" for generated pages). */
  file: string;
  /** Path as error messages show it: relative to the working directory. */
  path: string;
  /** `md` (Markdown, after Vento) or `vto` (Vento only). */
  type: "md" | "vto";
  data: PageData;
  body: string;
  /** 1-based line of the body in the source file. */
  bodyLine: number;
  /** Whole source text, for error excerpts. */
  source: string;
  /** URL path without the base path: `/lectures/02-linear-model/`. */
  url: string;
  /** Output file relative to dest: `lectures/02-linear-model/index.html`. */
  output: string;
}

const KNOWN: Record<string, "string" | "number" | "boolean"> = {
  title: "string",
  description: "string",
  order: "number",
  lang: "string",
  id: "string",
  layout: "string",
  draft: "boolean",
  listed: "boolean",
  url: "string",
  preview: "string",
  search: "boolean",
};

/**
 * Checks front matter types and fills in defaults derived from the path:
 * `lectures/02-linear-model.en.md` → lang `en`, order 2, id `lectures/02-linear-model`.
 */
export function pageData(
  raw: Record<string, unknown>,
  src: string,
  source: string,
  file: string,
  languages: string[],
): PageData {
  for (const [key, type] of Object.entries(KNOWN)) {
    if (raw[key] === undefined || raw[key] === null) continue;
    const actual = typeof raw[key];
    if (actual !== type) {
      throw new SiteError(
        `front matter "${key}" must be a ${type}, got ${JSON.stringify(raw[key])}`,
        { file, line: keyLine(source, key), column: key.length + 3, source },
      );
    }
  }
  const { stem, lang: fileLang } = splitName(src, languages);
  const lang = (raw.lang as string | undefined) ?? fileLang ?? languages[0];
  if (!languages.includes(lang)) {
    throw new SiteError(
      `lang "${lang}" is not one of the site's languages (${languages.join(", ")})`,
      { file, line: keyLine(source, "lang"), column: 7, source },
    );
  }
  const base = stem.split("/").pop()!;
  const prefix = base.match(/^(\d+)[-_.]/);
  return {
    ...raw,
    title: (raw.title as string) ?? base.replace(/^\d+[-_.]/, "").replace(/[-_]/g, " "),
    description: (raw.description as string) ?? "",
    order: (raw.order as number) ?? (prefix ? Number(prefix[1]) : Infinity),
    lang,
    id: (raw.id as string) ?? stem,
    layout: (raw.layout as string) ?? "layouts/lecture.vto",
    draft: (raw.draft as boolean) ?? false,
    listed: (raw.listed as boolean) ?? true,
  };
}

/** `a/b.en.md` → `{ stem: "a/b", lang: "en" }`; the language suffix is optional. */
export function splitName(src: string, languages: string[]): { stem: string; lang?: string } {
  const noExt = src.replace(/\.(md|vto)$/, "");
  const m = noExt.match(/^(.*)\.([a-z]{2}(?:-[A-Za-z]+)?)$/);
  if (m && languages.includes(m[2])) return { stem: m[1], lang: m[2] };
  return { stem: noExt };
}

/** Pretty URL of a page: `lectures/02.md` → `/lectures/02/`; `index.md` → `/`. */
export function pageUrl(stem: string, lang: string, defaultLang: string): string {
  const path = stem === "index" ? "" : stem.replace(/(^|\/)index$/, "");
  const prefix = lang === defaultLang ? "" : `${lang}/`;
  const url = `/${prefix}${path}`;
  return url.endsWith("/") || url.endsWith(".html") || url.endsWith(".xml") ? url : url + "/";
}

/** Output file for a URL: `/a/` → `a/index.html`; `/404.html` stays. */
export function outputPath(url: string): string {
  const path = url.replace(/^\//, "");
  return path === "" || path.endsWith("/") ? path + "index.html" : path;
}
