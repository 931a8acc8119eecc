// KaTeX's markup made smaller without changing a pixel of it. A formula costs about 1.1 KB of
// HTML, and a lecture has a hundred of them; much of that is repetition a stylesheet can carry:
//
// - class names KaTeX's own stylesheet never mentions (`mord`, `mrel`, `mtight`, …: the spacing
//   they once drove is now explicit `mspace` spans) are dropped;
// - every other class KaTeX's stylesheet styles is renamed to `_` and a base-36 number, in the
//   stylesheet and in the markup alike (`vlist-t2` → `_7`); names that start with `_` are ones
//   the site's own styles never use. `katex`, `katex-display`, `katex-html` and `katex-mathml`
//   keep their names: the site's stylesheet, the search index and the downloads look for them;
// - `<math>` and `<svg>` lose their `xmlns` (the HTML parser gives them their namespaces), and
//   lengths in style attributes their leading zero and final semicolon (`0.25em;` → `.25em`);
// - TeX's three spaces between atoms, written as a style on each of hundreds of spans, become
//   three classes (`_M3`, `_M4`, `_M5`).
//
// The MathML a screen reader reads and the TeX source in its annotation stay as KaTeX wrote them.

/** Classes KaTeX puts in its markup that no rule of its stylesheet selects. */
const UNSTYLED = new Set([
  "mord",
  "mbin",
  "mrel",
  "mopen",
  "mclose",
  "mpunct",
  "minner",
  "mop",
  "mtight",
  "text",
]);

/** TeX's spaces between atoms, `\\,` `\\:` `\\;` (3, 4, 5 mu) in em, and their classes (upper case:
 * no renamed class has one). */
const MU: Record<string, string> = { ".1667": "_M3", ".2222": "_M4", ".2778": "_M5" };

/** Names the rest of the site looks for, left as they are. */
const KEPT = new Set(["katex", "katex-display", "katex-html", "katex-mathml", "katex-error"]);

export interface Compactor {
  /** KaTeX's stylesheet with its classes renamed. */
  css: string;
  /** One formula's markup, compacted. */
  html(markup: string): string;
  /** The renaming, KaTeX's name → the short one. */
  names: ReadonlyMap<string, string>;
}

/** The selector text before each `{` of a stylesheet (rule selectors and at-rule preludes). */
const PRELUDE = /(?<=^|[{};])([^{};]*)\{/g;
const CLASS = /\.(-?[A-Za-z_][\w-]*)/g;

/** A compactor for markup styled by `css` (KaTeX's stylesheet, minified or not). */
export function compactor(css: string): Compactor {
  const names = new Map<string, string>();
  for (const [, prelude] of css.matchAll(PRELUDE)) {
    if (prelude.trimStart().startsWith("@")) continue;
    for (const [, name] of prelude.matchAll(CLASS)) {
      if (!KEPT.has(name) && !names.has(name)) names.set(name, `_${names.size.toString(36)}`);
    }
  }
  for (const name of UNSTYLED) {
    if (names.has(name)) throw new Error(`katex_compact: KaTeX's stylesheet now styles .${name}`);
  }
  const renamed = css.replace(PRELUDE, (_all, prelude: string) => {
    const out = prelude.trimStart().startsWith("@")
      ? prelude
      : prelude.replace(CLASS, (whole, name: string) => {
        const short = names.get(name);
        return short === undefined ? whole : `.${short}`;
      });
    return `${out}{`;
  });
  const classAttr = (_all: string, value: string) => {
    const kept: string[] = [];
    for (const name of value.split(" ")) {
      if (!name || UNSTYLED.has(name)) continue;
      kept.push(names.get(name) ?? name);
    }
    return kept.length ? ` class="${kept.join(" ")}"` : "";
  };
  const styleAttr = (_all: string, value: string) =>
    ` style="${value.replace(/;$/, "").replace(/(^|[:;\s(,-])0\.(\d)/g, "$1.$2")}"`;
  // TeX's thin, medium and thick spaces (3, 4 and 5 mu), a third of all the style attributes in
  // a lecture, as classes.
  const mspace = names.get("mspace")!;
  const space = new RegExp(
    `<span class="${mspace}" style="margin-right:(${
      Object.keys(MU).join("|").replaceAll(".", "\\.")
    })em"></span>`,
    "g",
  );
  const spaces = Object.entries(MU).map(([em, name]) =>
    `.katex .${mspace}.${name}{margin-right:${em}em}`
  ).join("");
  return {
    css: renamed + spaces,
    names,
    html: (markup) =>
      markup
        .replace(/ xmlns="http:\/\/www\.w3\.org\/(?:1998\/Math\/MathML|2000\/svg)"/g, "")
        .replace(/ class="([^"]*)"/g, classAttr)
        .replace(/ style="([^"]*)"/g, styleAttr)
        .replace(space, (_all, em: string) => `<span class="${mspace} ${MU[em]}"></span>`),
  };
}
