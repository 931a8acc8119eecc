/**
 * Text as search reads it: each KaTeX formula as a line of plain text in place of its markup
 * (which is most of a page's bytes), so that its words stay findable and its excerpt readable;
 * and HTML's character references.
 */
import { decodeHTML, decodeHTMLAttribute } from "entities";

/** `html` with each KaTeX formula replaced by `<span class="formula">` and its text. */
export function formulasAsText(html: string): string {
  return replaceSpans(html, '<span class="katex">', (span) => {
    const tex = span.match(/<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/);
    return tex ? `<span class="formula">${formulaText(tex[1])}</span>` : "";
  });
}

/** HTML's character references in `text`, as a browser reads them in text (`&mdash;`, `&#39;`). */
export function decode(text: string): string {
  return text.includes("&") ? decodeHTML(text) : text;
}

/** HTML's character references in an attribute's value, as a browser reads them there. */
export function decodeAttribute(value: string): string {
  return value.includes("&") ? decodeHTMLAttribute(value) : value;
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
      .replace(/\\hat(?:\{([^{}])\}|\s*([A-Za-z]))/g, "$1$2\u0302")
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
