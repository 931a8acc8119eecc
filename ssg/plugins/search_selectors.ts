/**
 * The selectors search reads pages with (`root`, `exclude`): the simple kind a site's options
 * name (`main`, `.toc`, `[aria-hidden=true]`, `.code-block > button`), parsed once when the plugin
 * is made, and matched against the open elements of search_html.ts's pass over a page.
 */
import { decodeAttribute } from "./search_text.ts";

/** One element of a selector: `tag#id.class[attr=value]`, each part optional. */
interface Compound {
  tag?: string;
  id?: string;
  classes: string[];
  attrs: Array<[string, string | undefined]>;
  /** Text an element's attributes must hold to match: the id and classes, as written… */
  needles: string[];
  /** …and the attributes' names, in lower case. */
  names: string[];
}

/** A selector, right to left: the element itself, then each ancestor with how it is related. */
export interface Selector {
  source: string;
  /** `child`: the element before it in the chain is its child (`>`), not any descendant. */
  chain: Array<{ compound: Compound; child: boolean }>;
}

const COMPOUND =
  /^([a-zA-Z][a-zA-Z0-9-]*|\*)?((?:[.#][\w-]+|\[[\w-]+(?:=(?:"[^"]*"|'[^']*'|[\w-]+))?\])*)$/;
const PART = /([.#])([\w-]+)|\[([\w-]+)(?:=(?:"([^"]*)"|'([^']*)'|([\w-]+)))?\]/g;

/** Parses `source`, or throws saying which selectors are understood. */
export function parseSelector(source: string): Selector {
  const steps = source.trim().split(/\s*(>)\s*|\s+/).filter((s) => s !== undefined && s !== "");
  const chain: Selector["chain"] = [];
  let child = false;
  for (const step of steps) {
    if (step === ">") {
      if (child || !chain.length) break;
      child = true;
      continue;
    }
    const m = step.match(COMPOUND);
    if (!m || (!m[1] && !m[2])) {
      chain.length = 0;
      break;
    }
    const compound: Compound = {
      tag: m[1] && m[1] !== "*" ? m[1].toLowerCase() : undefined,
      classes: [],
      attrs: [],
      needles: [],
      names: [],
    };
    for (const p of m[2].matchAll(PART)) {
      if (p[1] === ".") compound.classes.push(p[2]);
      else if (p[1] === "#") compound.id = p[2];
      else compound.attrs.push([p[3].toLowerCase(), p[4] ?? p[5] ?? p[6]]);
    }
    compound.needles = [...(compound.id ? [compound.id] : []), ...compound.classes];
    compound.names = compound.attrs.map(([name]) => name);
    if (chain.length) chain[chain.length - 1].child = child;
    chain.push({ compound, child: false });
    child = false;
  }
  if (!chain.length || child) {
    throw new TypeError(
      `search: the selector "${source}" is not one search understands: use a tag, #id, .class, ` +
        `[attribute] or [attribute=value], joined by spaces or ">"`,
    );
  }
  return { source, chain: chain.reverse() };
}

/** An open element: its tag and its attributes' source, read when a selector needs them. */
export interface Element {
  tag: string;
  source: string;
  /** `source` in lower case, once a selector looked for an attribute's name in it. */
  lower?: string;
  attrs?: Map<string, string>;
  /** Inside an excluded element, or excluded itself. */
  excluded: boolean;
}

/** An attribute: its name, and its value quoted either way or unquoted (quotes inside it kept). */
const ATTR = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

export function attributes(e: Element): Map<string, string> {
  if (e.attrs) return e.attrs;
  const attrs = new Map<string, string>();
  for (const m of e.source.matchAll(ATTR)) {
    const name = m[1].toLowerCase();
    if (!attrs.has(name)) attrs.set(name, decodeAttribute(m[2] ?? m[3] ?? m[4] ?? ""));
  }
  return (e.attrs = attrs);
}

function matchesCompound(e: Element, c: Compound): boolean {
  if (c.tag && c.tag !== e.tag) return false;
  // Most elements fail on a word their attributes do not even hold: no need to read them.
  if (c.needles.some((n) => !e.source.includes(n))) return false;
  if (c.names.length) {
    const lower = (e.lower ??= e.source.toLowerCase());
    if (c.names.some((n) => !lower.includes(n))) return false;
  } else if (!c.needles.length) return true;
  const attrs = attributes(e);
  if (c.id !== undefined && attrs.get("id") !== c.id) return false;
  if (c.classes.length) {
    const classes = (attrs.get("class") ?? "").split(/\s+/);
    if (!c.classes.every((k) => classes.includes(k))) return false;
  }
  return c.attrs.every(([name, value]) =>
    value === undefined ? attrs.has(name) : attrs.get(name) === value
  );
}

/**
 * Whether `selector` matches the element on top of `stack`: each of its steps up the chain tried
 * on every ancestor that could be it, so `section > div span` finds the `div` that is the
 * section's child even when a nearer `div` holds the `span`.
 */
export function matches(selector: Selector, stack: Element[]): boolean {
  const chain = selector.chain;
  const at = (k: number, i: number): boolean => {
    if (!matchesCompound(stack[i], chain[k].compound)) return false;
    if (k + 1 === chain.length) return true;
    if (chain[k + 1].child) return i > 0 && at(k + 1, i - 1);
    for (let j = i - 1; j >= 0; j--) if (at(k + 1, j)) return true;
    return false;
  };
  return at(0, stack.length - 1);
}
