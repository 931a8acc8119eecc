/**
 * SVG files the site copies are published as they are, and an SVG opened by itself runs its
 * scripts in the site's origin. So an SVG with active content is refused, naming the file,
 * the line and what was found: scripts, event handlers (`onload=`…), `javascript:` URLs,
 * and elements that embed other documents (`foreignObject`, `iframe`, `embed`, `object`).
 */
import { lineColumn, SiteError } from "./errors.ts";
import { relative } from "./fs.ts";

const ACTIVE_ELEMENT = /<\s*(script|foreignObject|iframe|embed|object|handler|listener)\b/i;
const TAG = /<[A-Za-z][^>]*>/g;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/g;

/** Decodes the character references an attribute value may hide a scheme behind. */
function decode(value: string): string {
  return value.replace(
    /&#x([0-9a-f]+);?|&#(\d+);?|&(colon|tab|newline);/gi,
    (_, hex, dec, name) => {
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      if (dec) return String.fromCodePoint(Number(dec));
      return { colon: ":", tab: "\t", newline: "\n" }[(name as string).toLowerCase()] ?? "";
    },
  );
}

/** What makes `svg` active, and where, or undefined if it has none. */
export function activeContent(svg: string): { what: string; at: number } | undefined {
  const element = ACTIVE_ELEMENT.exec(svg);
  const found = element ? { what: `a <${element[1]}> element`, at: element.index } : undefined;
  for (const tag of svg.matchAll(TAG)) {
    if (found && tag.index! > found.at) break;
    for (const a of tag[0].matchAll(ATTRIBUTE)) {
      const name = a[1].toLowerCase();
      // Browsers skip whitespace and control characters inside a URL's scheme.
      // deno-lint-ignore no-control-regex
      const value = decode(a[2].replace(/^["']|["']$/g, "")).replace(/[\s\x00-\x1f]/g, "");
      const what = /^on/.test(name)
        ? `an event handler (${a[1]}=)`
        : /^(javascript|vbscript):/i.test(value)
        ? `a ${value.slice(0, value.indexOf(":") + 1)} URL (${a[1]}=)`
        : /^data:(text\/html|image\/svg|application\/(x?html|xml))/i.test(value)
        ? `an embedded document (${a[1]}="${value.slice(0, value.indexOf(",") + 1 || 20)}…")`
        : undefined;
      if (what) return { what, at: tag.index! + a.index! };
    }
  }
  return found;
}

/** Throws a SiteError at the first active content of the SVG file `from`. */
export function checkSvg(bytes: Uint8Array, from: string): void {
  const text = new TextDecoder().decode(bytes);
  const active = activeContent(text);
  if (!active) return;
  throw new SiteError(
    `this SVG has ${active.what}; an SVG is published as it is and would run it in the ` +
      "site's pages' origin, so remove scripts, event handlers and javascript: links from it",
    { file: relative(from), ...lineColumn(text, active.at), source: text },
  );
}
