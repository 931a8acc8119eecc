/**
 * A lecture's runnable listings as one Python script and one Jupyter notebook
 * (nbformat 4.5): markdown cells for the headings and the short text before
 * each listing, code cells for the listings, in page order. Pure and
 * deterministic: the same cells give the same bytes.
 *
 * ```ts
 * const cells = lectureCells(page.body, page.path);
 * notebook({ title: "线性模型", url, lang: "zh" }, cells, headings);
 * ```
 */
import { extractListings, type Listing, mayHoldListings, parseMarkdown } from "./listings.ts";

/** What comes before one listing: headings since the previous listing, then a paragraph. */
export interface Cell {
  /**
   * Indices (0-based, in page order, among the page's h2–h4) of the headings the listing sits
   * under that came after the previous listing: its section, and its subsection if any.
   */
  headings: number[];
  /** The paragraph just before the listing, as Markdown; absent when it needs the page to render. */
  text?: string;
  listing: Listing;
}

/** The page the downloads belong to, for the notebook's first cell and the script's header. */
export interface Lecture {
  title: string;
  description?: string;
  /** Absolute URL of the lecture page. */
  url: string;
  lang: string;
}

/**
 * The listings of a Markdown body with what precedes each. `bodyLine` is the
 * body's first line in the file, so listings report the file's own lines.
 * Paragraphs with template tags or components (`{{ }}`) are left out: their
 * text exists only once the page renders. Links become their text.
 */
export function lectureCells(body: string, file: string, bodyLine = 1): Cell[] {
  // Most pages of a site have no runnable listing: they are not parsed here at all.
  if (!mayHoldListings(body)) return [];
  const padded = "\n".repeat(bodyLine - 1) + body;
  const tokens = parseMarkdown(padded);
  const listings = extractListings(padded, file, tokens);
  const cells: Cell[] = [];
  let headings: Array<{ at: number; level: number }> = [];
  let text: string | undefined;
  let heading = 0;
  let next = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === "heading_open" && /^h[2-4]$/.test(t.tag)) {
      // A new section closes the sections of its level and below that held no listing.
      const level = Number(t.tag.slice(1));
      headings = headings.filter((h) => h.level < level);
      headings.push({ at: heading++, level });
      text = undefined;
    } else if (t.type === "paragraph_open" && t.level === 0) {
      const content = tokens[i + 1].content;
      text = content.includes("{{") ? undefined : plainLinks(content);
    } else if (t.type === "fence") {
      const listing = listings[next];
      if (listing && t.map![0] + 2 === listing.line) {
        cells.push({ headings: headings.map((h) => h.at), text, listing });
        headings = [];
        next++;
      }
      text = undefined;
    } else if (t.level === 0 && t.nesting !== -1) {
      // A list, table, rule or HTML block stands between the paragraph and the listing.
      text = undefined;
    }
  }
  return cells;
}

/** `[text](target)` → `text` and images dropped: the notebook is read away from the site. */
function plainLinks(markdown: string): string {
  return markdown.replace(/!\[[^\]]*\]\([^)]*\)/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .trim();
}

/** Splits text into nbformat's list of lines, each but the last ending in "\n". */
function lines(text: string): string[] {
  const all = text.replace(/\n+$/, "").split("\n");
  return all.map((l, i) => (i < all.length - 1 ? `${l}\n` : l));
}

/** The first words of a notebook and of a script, per language. */
const SOURCE: Record<string, { notebook: string; script: string }> = {
  zh: {
    notebook: "本笔记本收录讲义页面上的全部代码，按顺序运行各个单元即可得到页面上的输出：",
    script: "本脚本收录讲义页面上的全部代码，按页面顺序排列，运行它即可得到页面上的输出：",
  },
  en: {
    notebook:
      "The listings of the lecture page; run the cells in order to get what the page shows:",
    script: "The listings of the lecture page, in page order; run it to get what the page shows:",
  },
};

/** Markdown before a listing: its headings (`## …`, as the page has them) and its paragraph. */
function prelude(cell: Cell, headingTexts: Array<{ level: number; text: string }>): string {
  const parts = cell.headings.map((h) => headingTexts[h])
    .filter((h) => h !== undefined)
    .map((h) => `${"#".repeat(h.level)} ${h.text}`);
  if (cell.text) parts.push(cell.text);
  return parts.join("\n\n");
}

/**
 * The notebook (nbformat 4.5) as JSON text, in the layout Jupyter writes:
 * one-space indent, keys sorted, a final newline.
 */
export function notebook(
  lecture: Lecture,
  cells: Cell[],
  headingTexts: Array<{ level: number; text: string }>,
): string {
  const intro = [`# ${lecture.title}`];
  if (lecture.description) intro.push(lecture.description);
  intro.push(`${(SOURCE[lecture.lang] ?? SOURCE.en).notebook} <${lecture.url}>`);
  const out: Record<string, unknown>[] = [markdownCell(intro.join("\n\n"), 0)];
  let n = 1;
  for (const cell of cells) {
    const text = prelude(cell, headingTexts);
    if (text) out.push(markdownCell(text, n++));
    out.push({
      cell_type: "code",
      execution_count: null,
      id: `cell-${n++}`,
      metadata: {},
      outputs: [],
      source: lines(cell.listing.code),
    });
  }
  const nb = {
    cells: out,
    metadata: {
      kernelspec: { display_name: "Python 3", language: "python", name: "python3" },
      language_info: { name: "python" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return JSON.stringify(nb, null, 1) + "\n";
}

function markdownCell(text: string, n: number) {
  return { cell_type: "markdown", id: `cell-${n}`, metadata: {}, source: lines(text) };
}

/**
 * The script: a header naming the lecture, then each listing under its
 * headings as comments, separated by `# %%` cell markers (which editors such
 * as VS Code and Jupyter's jupytext read as cells).
 */
export function script(
  lecture: Lecture,
  cells: Cell[],
  headingTexts: Array<{ level: number; text: string }>,
): string {
  const comment = (text: string) => text.split("\n").map((l) => (l ? `# ${l}` : "#")).join("\n");
  const header = [lecture.title, "", (SOURCE[lecture.lang] ?? SOURCE.en).script, lecture.url];
  const parts = [comment(header.join("\n"))];
  for (const cell of cells) {
    const text = prelude(cell, headingTexts);
    parts.push(`# %%${text ? `\n${comment(text)}` : ""}\n${cell.listing.code.replace(/\n+$/, "")}`);
  }
  return parts.join("\n\n") + "\n";
}
