import { lineColumn, SiteError } from "../core/errors.ts";
import { isFile } from "../core/fs.ts";
import type { Page } from "../core/page.ts";
import type { Output, Site } from "../core/site.ts";

const decoder = new TextDecoder();
/** A URL attribute (group 1 its value) or an id (group 2). */
const ATTR = /\s(?:href|src|poster)="([^"]*)"|\sid="([^"]*)"/g;

/** A link of a page: an anchor on the page itself, or a path in the site and an id on it. */
interface Link {
  /** As written, entities read. */
  value: string;
  anchor?: string;
  path?: string;
  id?: string;
}

/** One link that leads nowhere. */
interface Broken {
  page: Page;
  value: string;
  reason: string;
}

/**
 * Checks every internal `href`/`src` of every page: the target must be in the
 * output and an `#anchor` must be an id on it. A target missing from the
 * output but present in the source folder (an image beside a lecture) is
 * copied. The first broken link fails the build at its page's file:line.
 */
export async function checkLinks(
  output: Output,
  pages: Page[],
  site: Site,
  scansByPath: ReadonlyMap<string, Scan> = new Map(),
): Promise<void> {
  const base = site.options.basePath;
  const origin = "http://site.invalid";
  // A page kept on disk is as it rendered: its scan from then holds.
  const scanOf = (file: string) =>
    (output.onDisk?.(file) && scansByPath.get(file)) || scan(output.get(file)!);
  const idsOf = (file: string) => scanOf(file).ids;
  const broken: Broken[] = [];
  // Where a URL path leads: the output file, after copying it from the source if needed.
  const targets = new Map<string, string | null>();
  const target = async (path: string) => {
    let file = targets.get(path);
    if (file !== undefined) return file;
    const rel = path.slice(base.length);
    file = rel === "" || rel.endsWith("/") ? rel + "index.html" : rel;
    if (!output.has(file) && output.has(`${file}/index.html`)) file = `${file}/index.html`;
    if (!output.has(file)) {
      const from = `${site.options.srcDir}/${file}`;
      const hidden = file.split("/").some((s) => /^[._]/.test(s));
      if (!hidden && !/\.(md|vto)$/.test(file) && isFile(from)) {
        output.set(file, await Deno.readFile(from));
      } else file = null;
    }
    targets.set(path, file);
    return file;
  };
  /**
   * A link as written, read: external or empty (null), an anchor on its page, or a path and
   * an id. The same links recur on every page (the theme's, the navigation's): each is read
   * once, except those relative to their page.
   */
  const known = new Map<string, Link | null>();
  const read = (raw: string, pageUrl: () => URL): Link | null => {
    let link = known.get(raw);
    if (link !== undefined) return link;
    const value = unescape(raw);
    if (!value || value === "#" || /^([a-z][a-z\d+.-]*:|\/\/)/i.test(value)) link = null;
    else if (value.startsWith("#")) link = { value, anchor: decodeURIComponent(value.slice(1)) };
    else {
      const url = new URL(value, value.startsWith("/") ? origin : pageUrl());
      const path = decodeURIComponent(url.pathname);
      link = { value, path, id: decodeURIComponent(url.hash.slice(1)) };
      if (!value.startsWith("/")) return link;
    }
    known.set(raw, link);
    return link;
  };
  for (const page of pages) {
    if (!page.output.endsWith(".html") || !output.has(page.output)) continue;
    let url: URL | undefined;
    const pageUrl = () => url ??= new URL(base + page.url.replace(/^\//, ""), origin);
    for (const raw of scanOf(page.output).urls) {
      const link = read(raw, pageUrl);
      if (!link) continue;
      const { value } = link;
      if (link.anchor !== undefined) {
        if (!idsOf(page.output).has(link.anchor)) {
          broken.push({ page, value, reason: `${page.output} has no id "${link.anchor}"` });
        }
        continue;
      }
      const path = link.path!;
      if (!path.startsWith(base)) {
        broken.push({ page, value, reason: `it is outside the site's base path ${base}` });
        continue;
      }
      const file = await target(path);
      if (file === null) {
        const rel = path.slice(base.length);
        const looked = rel === "" || rel.endsWith("/") ? rel + "index.html" : rel;
        broken.push({ page, value, reason: `no page or file ${looked} in the site` });
        continue;
      }
      const id = link.id!;
      if (id && file.endsWith(".html") && !idsOf(file).has(id)) {
        broken.push({ page, value, reason: `${file} has no id "${id}"` });
      }
    }
  }
  if (broken.length) throw brokenError(broken, base);
}

const ENTITIES: Record<string, string> = { amp: "&", quot: '"', lt: "<", gt: ">", "#39": "'" };

/** An attribute value as the browser reads it (the entities the generator writes). */
function unescape(value: string): string {
  return value.replace(/&(amp|quot|lt|gt|#39);/g, (_, e) => ENTITIES[e]);
}

/** A page's URL attributes (as written) and ids. */
export interface Scan {
  urls: string[];
  ids: Set<string>;
}

/**
 * Scans by the output bytes they were read from: made while pages render
 * (scanRendered), and kept by the dev server for pages whose output did not
 * change. A scan goes with its bytes.
 */
const scans = new WeakMap<Uint8Array, Scan>();
/**
 * Scans a page as it renders: `html` is the text of `bytes`. A build keeps the scans of its
 * pages by output path for those it keeps on disk (Output.onDisk), and passes them to
 * checkLinks.
 */
export function scanRendered(html: string, bytes: Uint8Array): Scan {
  const made = scanText(html);
  scans.set(bytes, made);
  return made;
}

function scan(body: string | Uint8Array): Scan {
  if (typeof body === "string") return scanText(body);
  let known = scans.get(body);
  if (!known) scans.set(body, known = scanText(decoder.decode(body)));
  return known;
}

function scanText(html: string): Scan {
  const urls: string[] = [];
  const ids = new Set<string>();
  for (const m of html.matchAll(ATTR)) {
    if (m[1] !== undefined) urls.push(own(m[1]));
    else ids.add(own(m[2]));
  }
  return { urls, ids };
}

/** A copy of `part`: a substring would keep the whole page's text alive with it. */
function own(part: string): string {
  return (" " + part).slice(1);
}

/** A SiteError at the first broken link's line in its page; the others are listed. */
function brokenError(broken: Broken[], base: string): SiteError {
  const [first, ...rest] = broken;
  const others = rest.slice(0, 10).map((b) => `\n  ${where(b, base)}: "${b.value}": ${b.reason}`);
  const more = rest.length > 10 ? `\n  and ${rest.length - 10} more` : "";
  const loc = locate(first, base);
  return new SiteError(
    `broken link "${first.value}": ${first.reason}${others.join("")}${more}`,
    loc,
  );
}

/** Where the link is written in its page's source: as written, or without the base path. */
function locate(b: Broken, base: string) {
  const { page, value } = b;
  const written = [value, value.startsWith(base) ? "/" + value.slice(base.length) : value];
  for (const v of written) {
    const at = page.source.indexOf(v, page.source.length - page.body.length);
    if (at >= 0 && page.source) {
      const { line, column } = lineColumn(page.source, at);
      return { file: page.path, line, column, source: page.source };
    }
  }
  return { file: page.path };
}

function where(b: Broken, base: string): string {
  const loc = locate(b, base);
  return loc.line ? `${loc.file}:${loc.line}:${loc.column}` : loc.file;
}
