/**
 * What pagefind reads of a page, and no more: the language and the root element, each formula as
 * a line of plain text in place of KaTeX's markup (which is most of a page's bytes), and
 * highlighted code without its highlighting tags. Sending less makes indexing faster; the text of
 * a formula keeps its words findable and its excerpt readable.
 */
import type { Page } from "../core/page.ts";

/** The elements a page's text is read from (`root`) and those left out of it (`exclude`). */
export interface Selectors {
  root: string;
  exclude: string[];
}

/** What an index is made with: the selectors of a page's text, and pagefind's fragment files. */
export interface IndexOptions extends Selectors {
  /**
   * Fragment files (a page's text, for its excerpts) per language at most: above this many
   * pages, pagefind puts several pages in one file.
   */
  maxFragments: number;
  /** Parts the index is made in, side by side, each by a pagefind process of its own. */
  shards: number;
}

export interface SearchInput {
  url: string;
  path: string;
  content: string;
}

/** What pagefind is given for a page: its URL and its searchable HTML; undefined if not output. */
export function searchInput(
  page: Page,
  output: Map<string, string | Uint8Array>,
  options: Selectors,
  memo?: WeakMap<Uint8Array, SearchInput>,
): SearchInput | undefined {
  const body = output.get(page.output);
  if (body === undefined) return undefined;
  if (typeof body === "string") return input(page, body, options);
  const known = memo?.get(body);
  if (known && known.url === page.url && known.path === page.path) return known;
  const made = input(page, new TextDecoder().decode(body), options);
  memo?.set(body, made);
  return made;
}

export function input(page: Page, html: string, options: Selectors): SearchInput {
  return {
    // pagefind.js prefixes the path it is served under (`/course/pagefind/` → `/course/`).
    url: page.url,
    path: page.path,
    content: searchable(html, options.root, options.exclude.includes(".katex")),
  };
}

/**
 * `html`'s root element in a bare page with its `lang`; with `formulasAsText` (the default) each
 * KaTeX formula becomes its text, else its markup stays as it is.
 */
export function searchable(html: string, root: string, formulasAsText = true): string {
  if (!/^[a-z][a-z0-9-]*$/.test(root)) return html;
  const start = html.indexOf(`<${root}`);
  const end = html.lastIndexOf(`</${root}>`);
  if (start < 0 || end < start) return html;
  const lang = html.match(/<html[^>]*\slang="([^"]*)"/)?.[1];
  const main = html.slice(start, end + root.length + 3);
  const body = !formulasAsText ? main : replaceSpans(
    main,
    '<span class="katex">',
    (span) => {
      const tex = span.match(/<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/);
      return tex ? `<span class="formula">${formulaText(tex[1])}</span>` : "";
    },
  );
  return `<!doctype html><html${lang ? ` lang="${lang}"` : ""}><body>${
    plainSpans(body)
  }</body></html>`;
}

/** Symbols a formula is read with; other commands read as their names (`\log` → log). */
const SYMBOLS: Record<string, string> = {
  alpha: "α",
  beta: "β",
  gamma: "γ",
  delta: "δ",
  Delta: "Δ",
  epsilon: "ε",
  eta: "η",
  theta: "θ",
  lambda: "λ",
  mu: "μ",
  pi: "π",
  sigma: "σ",
  omega: "ω",
  nabla: "∇",
  partial: "∂",
  sum: "Σ",
  prod: "Π",
  cdot: "·",
  times: "×",
  approx: "≈",
  le: "≤",
  leq: "≤",
  ge: "≥",
  geq: "≥",
  ne: "≠",
  neq: "≠",
  infty: "∞",
  in: "∈",
  to: "→",
  rightarrow: "→",
  leftarrow: "←",
  ldots: "…",
  cdots: "…",
};

/** Commands that only shape the formula (`\\`, a new line, among them): read as nothing. */
const SILENT =
  /\\\\|\\(?:left|right|big|Big|bigg|Bigg|displaystyle|quad|qquad)\b|\\(?:begin|end)\{[a-z*]*\}|\\[,;:! ]/g;

/** Formulas read so far: a course repeats its formulas from page to page. */
const formulaTexts = new Map<string, string>();

/** A TeX formula (HTML-escaped, as KaTeX's annotation holds it) as text: `\hat{y} = x \cdot w` → `ŷ = x · w`. */
export function formulaText(tex: string): string {
  let text = formulaTexts.get(tex);
  if (text === undefined) {
    if (formulaTexts.size >= 10_000) formulaTexts.clear();
    formulaTexts.set(tex, text = readFormula(tex));
  }
  return text;
}

function readFormula(tex: string): string {
  let s = tex.replace(SILENT, " ");
  // Innermost groups first, so \frac{\hat{y}}{2} reads ŷ/2.
  for (let before = ""; before !== s;) {
    before = s;
    s = s
      .replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, "$1/$2")
      .replace(/\\hat\{([^{}])\}/g, "$1\u0302")
      .replace(/\\(?:bar|overline)\{([^{}]*)\}/g, "$1\u0304")
      .replace(
        /\\(?:text|mathrm|mathbf|mathit|mathbb|mathcal|operatorname)\{([^{}]*)\}/g,
        " $1 ",
      )
      .replace(/\{([^{}]*)\}/g, "$1");
  }
  return s
    .replace(/\\([A-Za-z]+)/g, (_, name) => ` ${SYMBOLS[name] ?? name} `)
    .replace(/\\\\|&amp;|[_{}]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .normalize("NFC");
}

/** `html` with each `<span …>` that starts with `open`, and everything inside it, replaced. */
function replaceSpans(html: string, open: string, by: (span: string) => string): string {
  let out = "";
  let from = 0;
  for (let at = html.indexOf(open); at >= 0; at = html.indexOf(open, from)) {
    out += html.slice(from, at);
    const end = spanEnd(html, at);
    if (end < 0) return out + html.slice(at);
    out += by(html.slice(at, end));
    from = end;
  }
  return out + html.slice(from);
}

/**
 * Where the `<span …>` at `at` ends, past its `</span>`; -1 if it does not. One pass over the
 * span tags inside it, by indexOf (a formula's markup holds hundreds).
 */
function spanEnd(html: string, at: number): number {
  const openAt = (i: number) => {
    for (let k = html.indexOf("<span", i); k >= 0; k = html.indexOf("<span", k + 5)) {
      const c = html[k + 5];
      if (c === " " || c === ">" || c === "\n" || c === "\t") return k;
    }
    return -1;
  };
  let depth = 0;
  let open = openAt(at + 1);
  let close = html.indexOf("</span>", at + 1);
  while (close >= 0) {
    if (open >= 0 && open < close) {
      depth++;
      open = openAt(open + 5);
    } else {
      if (depth-- === 0) return close + 7;
      close = html.indexOf("</span>", close + 7);
    }
  }
  return -1;
}

/** `html` with the tags (not the text) of highlighted code's `<span class="hljs-…">` removed. */
function plainSpans(html: string): string {
  const dropped: boolean[] = [];
  return html.replace(/<span\b[^>]*>|<\/span>/g, (tag) => {
    if (tag === "</span>") return dropped.pop() ? "" : tag;
    const drop = tag.startsWith('<span class="hljs-');
    dropped.push(drop);
    return drop ? "" : tag;
  });
}
