/**
 * Runnable Python listings: a lecture marks a fenced listing as runnable and
 * states, in the block after it, what it prints; the tests run each one with
 * python3 and compare.
 *
 * ````markdown
 * ```python run
 * print(41 * 41)
 * ```
 *
 * ```text output
 * 1681
 * ```
 * ````
 *
 * - `python run`: the listing runs on its own; it needs numpy.
 * - `python run torch`: it needs PyTorch (and numpy).
 * - `python run continues`: it runs after the page's previous runnable listing
 *   (and whatever that one continued), in the same namespace, as the next cell
 *   of a notebook; only its own output is compared. It needs what those need.
 *   The words after `python` come in any order (`python torch run continues`);
 *   any other word is an error at the fence's line.
 * - `text output`: the next fenced block after a runnable listing. Its lines
 *   must equal the printed lines; a line `...` stands for any number of lines.
 *   A runnable listing with no output block must still run without an error.
 *
 * This is what the build reads of them (the downloads plugin's .py and .ipynb); running them is
 * the tests' work (tests/python.ts).
 */
import type { MarkdownIt, Token } from "markdown-it";
import { createRequire } from "node:module";
import { SiteError } from "./errors.ts";

/** A Python module a listing needs, named as it is imported. */
export type Need = "numpy" | "torch";

/** The words a runnable listing's fence may carry after `python`. */
const WORDS = new Set(["run", "continues", "torch"]);

/** A runnable listing found in a Markdown file. */
export interface Listing {
  file: string;
  /** 1-based line of the listing's first line of code. */
  line: number;
  code: string;
  /** What it needs to run, its own and those of the listings it continues: numpy, torch. */
  needs: Need[];
  /** Listings this one runs after, oldest first. */
  before: Listing[];
  /** The output block, if the page states what the listing prints. */
  output?: { line: number; text: string };
}

let md: MarkdownIt | undefined;

/**
 * markdown-it's tokens of `source`. The parser loads the first time a page may hold listings:
 * most pages hold none, and the build's own thread, which renders no page, then never loads it.
 * By require(), as this module's callers are synchronous.
 */
export function parseMarkdown(source: string): Token[] {
  md ??= (createRequire(import.meta.url)("markdown-it") as () => MarkdownIt)();
  return md.parse(source, {});
}

/**
 * The marker of a fence's info string: `{ continues, torch }` for a runnable
 * listing (`python run torch continues`, any order), null for any other fence.
 * Throws on a word a runnable listing does not know, so `python run troch`
 * cannot quietly become a numpy listing.
 */
export function parseMarker(info: string): { continues: boolean; torch: boolean } | null {
  const [lang, ...words] = info.trim().split(/\s+/);
  if (lang !== "python" || !words.includes("run")) return null;
  const unknown = words.find((w) => !WORDS.has(w));
  if (unknown !== undefined) {
    throw new Error(
      `unknown word "${unknown}" in a \`\`\`python run fence (known: ${[...WORDS].join(", ")})`,
    );
  }
  return { continues: words.includes("continues"), torch: words.includes("torch") };
}

/**
 * Whether `source` may hold a fence this module reads (```python … run, ```text output): a text
 * search that a page without either passes in microseconds, where parsing takes milliseconds.
 */
export function mayHoldListings(source: string): boolean {
  return /(?:`{3,}|~{3,})[ \t]*(?:python\b[^\n]*\brun\b|text\b[^\n]*\boutput\b)/.test(source);
}

/**
 * Runnable listings of a Markdown file, with the output each one states; `tokens`, markdown-it's
 * parse of `source` when the caller has it already.
 */
export function extractListings(
  source: string,
  file: string,
  tokens: Token[] = mayHoldListings(source) ? parseMarkdown(source) : [],
): Listing[] {
  const fences = tokens.filter((t) => t.type === "fence");
  const listings: Listing[] = [];
  for (let i = 0; i < fences.length; i++) {
    const words = fences[i].info.trim().split(/\s+/);
    const line = fences[i].map![0] + 2;
    let marker: ReturnType<typeof parseMarker>;
    try {
      marker = parseMarker(fences[i].info);
    } catch (e) {
      throw new SiteError((e as Error).message, { file, line: line - 1, source });
    }
    if (words[0] === "text" && words.includes("output")) {
      if (i === 0 || !parseMarker(fences[i - 1].info)) {
        throw new SiteError("an output block must follow a ```python run listing", {
          file,
          line: line - 1,
          source,
        });
      }
      continue;
    }
    if (!marker) continue;
    let before: Listing[] = [];
    if (marker.continues) {
      const last = listings.at(-1);
      if (!last) {
        throw new SiteError("a continuing listing needs a ```python run listing before it", {
          file,
          line: line - 1,
          source,
        });
      }
      before = [...last.before, last];
    }
    const next = fences[i + 1];
    const nextWords = next?.info.trim().split(/\s+/) ?? [];
    const output = nextWords[0] === "text" && nextWords.includes("output")
      ? { line: next.map![0] + 2, text: next.content }
      : undefined;
    const needs = new Set<Need>(["numpy", ...before.flatMap((b) => b.needs)]);
    if (marker.torch) needs.add("torch");
    const sorted = (["numpy", "torch"] as const).filter((n) => needs.has(n));
    listings.push({ file, line, code: fences[i].content, needs: sorted, before, output });
  }
  return listings;
}
