import { contains, contentHash } from "../core/bytes.ts";
import type { Site } from "../core/site.ts";

export interface Options {
  /** The class of the data islands moved: `<script type="application/json" class="…">`. */
  className?: string;
  /** A page keeps its islands inline when they come to fewer characters than this in all. */
  minLength?: number;
}

export const defaults = { className: "chart-data", minLength: 4096 } satisfies Required<Options>;

/**
 * Moves a page's JSON data islands (a chart's data, `<script type="application/json"
 * class="chart-data">…</script>`) out of its HTML into one file beside it,
 * `data.<hash>.json`: a JSON array holding each distinct island once. Each island stays in the
 * page, empty, as `<script type="application/json" class="chart-data" data-src="data.<hash>.json"
 * data-index="2"></script>`, for the browser to fill when its chart wakes
 * (`_components/_chart/client/island.ts`). The HTML a phone parses before the reader sees text is
 * then the text and the server-rendered charts; the data follows only for charts read. The hash
 * in the name is the file's content, so a cached page never pairs with other data. A site read
 * from disk (relativeUrls) keeps its islands: `file://` pages cannot fetch.
 */
export default function islands(userOptions: Options = {}) {
  const options = { ...defaults, ...userOptions };
  if (!/^[A-Za-z][\w-]*$/.test(options.className)) {
    throw new TypeError(`islands: className must be a CSS class name such as "chart-data"`);
  }
  if (!(options.minLength >= 0)) {
    throw new TypeError(`islands: minLength must be a number of characters, 0 or more`);
  }
  const open = `<script type="application/json" class="${options.className}">`;
  const needle = new TextEncoder().encode(open);
  const pivot = needle.indexOf(0x6a); // the "j" of "json": few in a page
  const island = new RegExp(`${open}([^<]*)</script>`, "g");
  return (site: Site) => {
    /** The dev server's unchanged pages keep what the last build made of them. */
    const made = new WeakMap<Uint8Array, Moved | null>();
    /** Pages of this build that have islands, seen as they rendered. */
    const withIslands = new Set<string>();
    site.preprocess(() => withIslands.clear());
    site.rendered((html, page) => {
      if (html.includes(open)) withIslands.add(page.output);
    });
    site.finish(async (output) => {
      if (site.fromDisk) return;
      for (const path of [...output.keys()]) {
        if (!path.endsWith(".html") || (output.onDisk?.(path) && !withIslands.has(path))) continue;
        const body = output.get(path)!; // read, so the rewritten page may replace it
        let moved = typeof body === "string" ? undefined : made.get(body);
        if (moved === undefined) {
          const has = typeof body === "string"
            ? body.includes(open)
            : contains(body, needle, pivot);
          moved = has ? await move(path, decode(body), island, options) : null;
          if (typeof body !== "string") made.set(body, moved);
        }
        if (!moved) continue;
        output.set(path, moved.html);
        output.set(moved.file, moved.data);
      }
    });
  };
}

interface Moved {
  /** Bytes, the same object for as long as the page is: later finishers (links) cache by it. */
  html: Uint8Array;
  file: string;
  data: string;
}

const decode = (body: string | Uint8Array) =>
  typeof body === "string" ? body : new TextDecoder().decode(body);

/** The page with its islands emptied and the file they went to; null if they are too small. */
async function move(
  path: string,
  html: string,
  island: RegExp,
  options: Required<Options>,
): Promise<Moved | null> {
  const found = [...html.matchAll(island)].map((m) => m[1]);
  if (found.reduce((n, s) => n + s.length, 0) < options.minLength) return null;
  const distinct = [...new Set(found)];
  const data = `[${distinct.join(",\n")}]\n`;
  const hash = await contentHash(new TextEncoder().encode(data));
  const name = `data.${hash}.json`;
  const index = new Map(distinct.map((s, i) => [s, i]));
  return {
    html: new TextEncoder().encode(html.replace(
      island,
      (_, json: string) =>
        `<script type="application/json" class="${options.className}" data-src="${name}" data-index="${
          index.get(json)
        }"></script>`,
    )),
    file: path.slice(0, path.lastIndexOf("/") + 1) + name,
    data,
  };
}
