/**
 * Runnable Python listings: a lecture marks a fenced listing as runnable and
 * states, in the block after it, what it prints; `checkListings` runs each one
 * with python3 and compares.
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
 * - `python run`: the listing runs on its own.
 * - `python run continues`: it runs after the page's previous runnable listing
 *   (and whatever that one continued), in the same namespace, as the next cell
 *   of a notebook; only its own output is compared.
 * - `python run torch`: it needs PyTorch (any other word names what it needs),
 *   so it runs with an interpreter that has it.
 * - `text output`: the next fenced block after a runnable listing. Its lines
 *   must equal the printed lines; a line `...` stands for any number of lines.
 *   A runnable listing with no output block must still run without an error.
 */
import markdownIt from "markdown-it";
import { SiteError } from "./errors.ts";

/** A runnable listing found in a Markdown file. */
export interface Listing {
  file: string;
  /** 1-based line of the listing's first line of code. */
  line: number;
  code: string;
  /** Listings this one runs after, oldest first. */
  before: Listing[];
  /** What it needs besides Python and numpy, from its info words: `["torch"]`. */
  needs: string[];
  /** The output block, if the page states what the listing prints. */
  output?: { line: number; text: string };
}

const md = markdownIt();

/** Runnable listings of a Markdown file, with the output each one states. */
export function extractListings(source: string, file: string): Listing[] {
  const fences = md.parse(source, {}).filter((t) => t.type === "fence");
  const listings: Listing[] = [];
  for (let i = 0; i < fences.length; i++) {
    const words = fences[i].info.trim().split(/\s+/);
    const line = fences[i].map![0] + 2;
    if (words[0] === "text" && words.includes("output")) {
      const prev = fences[i - 1]?.info.trim().split(/\s+/) ?? [];
      if (prev[0] !== "python" || !prev.includes("run")) {
        throw new SiteError("an output block must follow a ```python run listing", {
          file,
          line: line - 1,
          source,
        });
      }
      continue;
    }
    if (words[0] !== "python" || !words.includes("run")) continue;
    let before: Listing[] = [];
    if (words.includes("continues")) {
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
    const needs = words.slice(1).filter((w) => w !== "run" && w !== "continues");
    listings.push({ file, line, code: fences[i].content, before, needs, output });
  }
  return listings;
}

/**
 * Whether printed text matches an output block: line by line, trailing spaces
 * and blank lines at the end ignored, `...` matching any run of lines.
 * Returns null on a match, else the first line of the block that failed.
 */
export function compareOutput(
  expected: string,
  printed: string,
): null | { line: number; expected: string; printed: string } {
  const lines = (s: string) => s.replace(/\s+$/, "").split("\n").map((l) => l.trimEnd());
  const want = lines(expected);
  const got = lines(printed);
  // Longest-prefix matching with backtracking over `...`; blocks are short.
  let best = { at: -1, got: -1 };
  const match = (i: number, j: number): boolean => {
    if (i > best.at) best = { at: i, got: j };
    if (i === want.length) return j === got.length;
    if (want[i] === "...") {
      for (let k = j; k <= got.length; k++) if (match(i + 1, k)) return true;
      return false;
    }
    return j < got.length && want[i] === got[j] && match(i + 1, j + 1);
  };
  if (match(0, 0)) return null;
  // After a `...`, show the printed line that the rest of the block, aligned to
  // the end of the output, lines up with: what would have had to match.
  const shown = want[best.at - 1] === "..."
    ? Math.max(best.got, got.length - (want.length - best.at))
    : best.got;
  return {
    line: best.at,
    expected: best.at < want.length ? want[best.at] : "(end of the block)",
    printed: shown < got.length ? got[shown] : "(end of the output)",
  };
}

// Runs the pieces in one namespace, reporting errors at the lecture's own lines
// (each piece is compiled padded to its line, under the lecture's file name).
const DRIVER = `
import contextlib, io, json, sys
pieces = json.load(sys.stdin)
scope = {"__name__": "__main__"}
for n, p in enumerate(pieces):
    code = compile("\\n" * (p["line"] - 1) + p["code"], p["file"], "exec")
    if n < len(pieces) - 1:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(code, scope)
    else:
        exec(code, scope)
`;

/** What running a listing gave. */
export interface RunResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Runs a listing (after those it continues) with `python`; nothing is shared between runs. */
export async function runListing(
  listing: Listing,
  { python = "python3", cwd = Deno.cwd(), timeoutMs = 60_000 } = {},
): Promise<RunResult> {
  const pieces = [...listing.before, listing].map(({ file, line, code }) => ({ file, line, code }));
  const child = new Deno.Command(python, {
    args: ["-c", DRIVER],
    cwd,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: { PYTHONIOENCODING: "utf-8", PYTHONHASHSEED: "0", PYTHONDONTWRITEBYTECODE: "1" },
  }).spawn();
  const timer = setTimeout(() => child.kill(), timeoutMs);
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(pieces)));
  await writer.close();
  const { success, stdout, stderr } = await child.output();
  clearTimeout(timer);
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { ok: success, stdout: text(stdout), stderr: text(stderr) };
}

/**
 * Runs a listing and checks its output block. Returns null when it runs
 * cleanly and prints what the page says, else a message naming the file and
 * line: `lectures/02-linear-model.md:85: …`.
 */
export async function checkListing(
  listing: Listing,
  options?: Parameters<typeof runListing>[1],
): Promise<string | null> {
  const run = await runListing(listing, options);
  const at = `${listing.file}:${listing.line}`;
  if (!run.ok) {
    return `${at}: the listing failed:\n${run.stderr.trimEnd() || "(killed: too slow)"}`;
  }
  if (!listing.output) return null;
  const diff = compareOutput(listing.output.text, run.stdout);
  if (!diff) return null;
  const line = `line ${listing.output.line + diff.line}`;
  return [
    `${at}: the listing does not print what its output block (line ${listing.output.line}) says`,
    `  ${line} expected: ${diff.expected}`,
    `  ${" ".repeat(line.length)} printed:  ${diff.printed}`,
  ].join("\n");
}
