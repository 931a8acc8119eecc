/**
 * A page's text as search reads it: the text inside the root element, without the elements an
 * `exclude` selector matches (search_selectors.ts), cut into sections at each heading that has an
 * id. One pass over the tags with a stack of open elements.
 */
import {
  attributes,
  type Element,
  matches,
  parseSelector,
  type Selector,
} from "./search_selectors.ts";
import { decode } from "./search_text.ts";

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);
/** Elements whose content is not text: skipped to their end tag. */
const RAW = new Set(["script", "style", "template", "textarea"]);
/** Elements inside a line of text: the others end a word (`<li>a</li><li>b</li>` reads "a b"). */
const INLINE = new Set([
  "a",
  "abbr",
  "b",
  "bdi",
  "bdo",
  "cite",
  "code",
  "data",
  "dfn",
  "em",
  "i",
  "kbd",
  "mark",
  "q",
  "s",
  "samp",
  "small",
  "span",
  "strong",
  "sub",
  "sup",
  "time",
  "u",
  "var",
]);

/** A section of a page: the id of the heading it starts at ("" before the first), the heading, the text. */
export type Section = [anchor: string, heading: string, text: string];

/** A page's text: its sections, its title, and its headings by level (for their words' weight). */
export interface PageText {
  sections: Section[];
  /** The first `<h1>`'s text, if any. */
  title: string;
  /** Each heading's text with its level (1–6), and whether it is also in its section's text. */
  headings: Array<[level: number, text: string, inText: boolean]>;
}

/**
 * What is inside a tag: a quote opens a value only after `=` (`title=it's` is one value, as a
 * browser reads it), and a `>` inside a quoted value does not end the tag. Each character can be
 * read one way only, so a tag that never ends costs a scan to the text's end, not a backtrack
 * over every way to split it.
 */
const INSIDE = `(?:[^>"'=]|=\\s*"[^"]*"|=\\s*'[^']*'|=(?!\\s*["'])|["'])*`;

/** A tag (end tag, name, attributes' source) or a comment. */
const TAG = new RegExp(`<(\\/?)([a-zA-Z][a-zA-Z0-9-]*)(${INSIDE})>|<!--[\\s\\S]*?-->`, "g");

/**
 * The text of `html` from the element `root` matches (the whole `<body>` without one, and the
 * whole text without a `<body>`), with the elements `exclude` matches left out, in sections.
 */
export function pageText(html: string, root: Selector | null, exclude: Selector[]): PageText {
  const sections: Section[] = [];
  const headings: PageText["headings"] = [];
  let title = "";
  let anchor = "";
  let heading = "";
  let text = "";
  /** Inside a heading being read (its level), else 0. */
  let inHeading = 0;
  let headingText = "";
  /** Open elements; with no root, the document stands for it, as an element no tag closes. */
  const stack: Element[] = root ? [] : [{ tag: "#document", source: "", excluded: false }];
  const mightMatch = prefilter(exclude);
  /** The depth of the root element in `stack`, while inside it; -1 before, -2 after. */
  let rootDepth = root ? -1 : 0;
  const add = (s: string) => {
    if (inHeading) headingText += s;
    else text += s;
  };
  const flush = () => {
    const t = squeeze(text);
    if (t || anchor || heading) sections.push([anchor, heading, t]);
    text = "";
  };
  /** The heading being read ends: by its end tag, or by the end of the root or the text. */
  const endHeading = () => {
    const h = squeeze(headingText);
    if (inHeading === 1 && !title) title = h;
    if (heading === "\0") {
      heading = h;
      headings.push([inHeading, h, false]);
    } else {
      // A heading without an id: its words read with the section's text, and weigh more.
      text += ` ${h} `;
      headings.push([inHeading, h, true]);
    }
    inHeading = 0;
    headingText = "";
  };
  TAG.lastIndex = 0;
  let from = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    if (rootDepth >= 0 && m.index > from && !stack[stack.length - 1]?.excluded) {
      add(decode(html.slice(from, m.index)));
    }
    from = TAG.lastIndex;
    if (!m[2]) continue; // a comment
    const tag = m[2].toLowerCase();
    if (m[1]) {
      // An end tag closes the innermost open element of its name, and any left open inside it.
      let i = stack.length - 1;
      while (i >= 0 && stack[i].tag !== tag) i--;
      if (i < 0) continue;
      if (inHeading && /^h[1-6]$/.test(tag) && rootDepth >= 0 && !stack[i].excluded) endHeading();
      stack.length = i;
      if (rootDepth >= 0 && i <= rootDepth) {
        rootDepth = -2;
        break;
      }
      if (!INLINE.has(tag)) add(" ");
      continue;
    }
    const source = m[3];
    const inExcluded = stack[stack.length - 1]?.excluded ?? false;
    const element: Element = { tag, source, excluded: inExcluded };
    stack.push(element);
    const selfClosing = VOID.has(tag) || source.endsWith("/");
    if (rootDepth === -1 && matches(root!, stack)) rootDepth = stack.length - 1;
    // An element without attributes can match only by its tag (most elements of a page).
    if (
      rootDepth >= 0 && !inExcluded &&
      mightMatch(tag, source)
    ) {
      element.excluded = exclude.some((s) => matches(s, stack));
    }
    if (RAW.has(tag)) {
      // Not text: on to its end tag, which the next match closes it with.
      const end = after(html, tag, from, false);
      if (end < 0) stack.pop();
      from = TAG.lastIndex = end < 0 ? html.length : end;
      continue;
    }
    if (selfClosing) {
      stack.pop();
      if (rootDepth === stack.length) {
        rootDepth = -2; // an empty root
        break;
      }
      if (rootDepth >= 0 && !element.excluded && !INLINE.has(tag)) add(" ");
      continue;
    }
    if (element.excluded) {
      // Left out whole: on past its end tag.
      stack.pop();
      from = TAG.lastIndex = after(html, tag, from, true);
      if (!INLINE.has(tag)) add(" ");
      continue;
    }
    if (rootDepth < 0 || element.excluded) continue;
    if (!INLINE.has(tag)) add(" ");
    const level = /^h([1-6])$/.exec(tag);
    if (level && !inHeading) {
      inHeading = Number(level[1]);
      headingText = "";
      const id = attributes(element).get("id");
      if (id) {
        flush();
        anchor = id;
        heading = "\0"; // its text once the heading ends
      }
    }
  }
  if (rootDepth === -1) {
    // No root element: the page's body, or without one (a fragment) all its text.
    return pageText(html, root!.source !== "body" ? parseSelector("body") : null, exclude);
  }
  if (inHeading) endHeading(); // a heading the root or the text ended
  if (heading === "\0") heading = "";
  flush();
  return { sections, title, headings };
}

/** Each exclude list's prefilter, made once (the list is the site's, the same for every page). */
const prefilters = new WeakMap<Selector[], (tag: string, source: string) => boolean>();

/**
 * Which elements one of `exclude` might match, told cheaply: by its tag, or by a class, id or
 * attribute name its attributes hold; only those are matched in full (most of a page's elements,
 * highlighted code's spans among them, are neither).
 */
function prefilter(exclude: Selector[]): (tag: string, source: string) => boolean {
  let test = prefilters.get(exclude);
  if (test) return test;
  const last = exclude.map((s) => s.chain[0].compound);
  const tags = new Set(last.flatMap((c) => c.tag ?? []));
  const anyElement = last.some((c) => !c.tag && !c.needles.length && !c.names.length);
  const words = last.flatMap((c) => (c.tag ? [] : [...c.needles, ...c.names]));
  const hint = words.length
    ? new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "i")
    : undefined;
  test = (tag, source) => anyElement || tags.has(tag) || (!!source && !!hint?.test(source));
  prefilters.set(exclude, test);
  return test;
}

/** Each tag name's patterns, made once: its tags and comments, and its end tag alone. */
const ownTags = new Map<string, { tags: RegExp; end: RegExp }>();

/**
 * Where the element `tag` opened just before `from` ends: with `nested`, past its end tag,
 * counting elements of the same name inside it (not those closed as they open, nor any in a
 * comment); without, at its first end tag (a script's, whose content is not HTML: a `<!--` in it
 * hides no end tag). Tag names are matched in any case; -1 (without `nested`) or the text's end
 * if it has none.
 */
function after(html: string, tag: string, from: number, nested: boolean): number {
  let own = ownTags.get(tag);
  if (!own) {
    own = {
      tags: new RegExp(`<(/?)${tag}(?![\\w-])(${INSIDE})>|<!--[\\s\\S]*?-->`, "gi"),
      end: new RegExp(`</${tag}(?![\\w-])[^>]*>`, "gi"),
    };
    ownTags.set(tag, own);
  }
  if (!nested) {
    own.end.lastIndex = from;
    return own.end.exec(html)?.index ?? -1;
  }
  own.tags.lastIndex = from;
  let depth = 1;
  for (let m = own.tags.exec(html); m; m = own.tags.exec(html)) {
    if (m[0].startsWith("<!--")) continue;
    if (m[1]) {
      if (--depth === 0) return own.tags.lastIndex;
    } else if (!m[2].endsWith("/")) depth++;
  }
  return html.length;
}

/** Whitespace runs as one space, none at the ends; composed as queries are (NFC). */
function squeeze(s: string): string {
  return s.replace(/\s+/g, " ").trim().normalize("NFC");
}
