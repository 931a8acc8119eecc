import { Buffer } from "node:buffer";
import type { Site } from "../core/site.ts";
import { contains, contentHash } from "../core/bytes.ts";

export interface Options {
  /** A data URL of at least this many characters becomes a file. */
  minLength?: number;
}

export const defaults = { minLength: 4096 } satisfies Required<Options>;

/** The media types moved, and their files' extensions. */
const TYPES: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
  "text/csv": "csv",
};
const NEEDLE = new TextEncoder().encode(";base64,");
const URL_ATTR = new RegExp(
  `(\\s(?:href|src)=")data:(${Object.keys(TYPES).join("|")});base64,([A-Za-z0-9+/=]+)"`,
  "g",
);

/**
 * Writes each large file a page carries as a base64 `data:` URL to a file beside the page and
 * points the attribute there: a chart's picture (`<image href="data:image/png;base64,…">` in its
 * SVG → `img.<hash>.png`), a table's data to download (`<a download href="data:text/csv;…">` →
 * `data.<hash>.csv`). A component can make such bytes without knowing where pages live, and the
 * page's HTML, which a phone parses before it shows any text, stays text and markup; the browser
 * fetches a picture as it does any image, in parallel and cached. The name is the content, so
 * pages in one folder share a file. Files and `file://` pages read the relative URL alike, so
 * this holds for an offline build too.
 */
export default function dataUrls(userOptions: Options = {}) {
  const options = { ...defaults, ...userOptions };
  if (!(options.minLength >= 0)) {
    throw new TypeError(`dataUrls: minLength must be a number of characters, 0 or more`);
  }
  return (site: Site) => {
    /** The dev server's unchanged pages keep what the last build made of them. */
    const made = new WeakMap<Uint8Array, Extracted | null>();
    /** Pages of this build with data URLs, seen as they rendered. */
    const withData = new Set<string>();
    site.preprocess(() => withData.clear());
    site.rendered((html, page) => {
      if (html.includes(";base64,")) withData.add(page.output);
    });
    site.finish(async (output) => {
      for (const path of [...output.keys()]) {
        if (!path.endsWith(".html") || (output.onDisk?.(path) && !withData.has(path))) continue;
        const body = output.get(path)!;
        let found = typeof body === "string" ? undefined : made.get(body);
        if (found === undefined) {
          const has = typeof body === "string" ? body.includes(";base64,") : contains(body, NEEDLE);
          found = has ? await extract(path, body, options.minLength) : null;
          if (typeof body !== "string") made.set(body, found);
        }
        if (!found) continue;
        output.set(path, found.html);
        for (const [file, bytes] of found.files) output.set(file, bytes);
      }
    });
  };
}

interface Extracted {
  /** Bytes, the same object for as long as the page is: later finishers (links) cache by it. */
  html: Uint8Array;
  files: Map<string, Uint8Array>;
}

async function extract(
  path: string,
  body: string | Uint8Array,
  minLength: number,
): Promise<Extracted | null> {
  const html = typeof body === "string" ? body : new TextDecoder().decode(body);
  const folder = path.slice(0, path.lastIndexOf("/") + 1);
  const found = new Map<string, string>(); // base64 → file name
  const files = new Map<string, Uint8Array>();
  for (const [, , type, data] of html.matchAll(URL_ATTR)) {
    if (data.length < minLength || found.has(data)) continue;
    const bytes = new Uint8Array(Buffer.from(data, "base64"));
    const hash = await contentHash(bytes);
    const name = `${type.startsWith("image/") ? "img" : "data"}.${hash}.${TYPES[type]}`;
    found.set(data, name);
    files.set(folder + name, bytes);
  }
  if (!found.size) return null;
  const rewritten = html.replace(URL_ATTR, (all, attr: string, _type: string, data: string) => {
    const name = found.get(data);
    return name === undefined ? all : `${attr}${name}"`;
  });
  return { html: new TextEncoder().encode(rewritten), files };
}
