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
 * Listings run with a named interpreter (`listingPython`): `$PYTHON` when set,
 * else Debian's /usr/bin/python3, never whichever python3 is first on the PATH.
 */
import markdownIt from "markdown-it";
import { SiteError } from "./errors.ts";

/** A Python module a listing needs, named as it is imported. */
export type Need = "numpy" | "torch";

/** The Debian package that provides each need. */
export const PACKAGES: Record<Need, string> = { numpy: "python3-numpy", torch: "python3-torch" };

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

const md = markdownIt();

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

/** Runnable listings of a Markdown file, with the output each one states. */
export function extractListings(source: string, file: string): Listing[] {
  const fences = md.parse(source, {}).filter((t) => t.type === "fence");
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

/** Debian's interpreter, the one `apt-get install python3-torch` provides PyTorch for. */
export const DEBIAN_PYTHON = "/usr/bin/python3";

/**
 * The interpreter listings run with: `pythonEnv` (the `PYTHON` environment
 * variable) when set, else Debian's /usr/bin/python3 when it exists, else
 * undefined. Never a bare `python3` looked up on the PATH, which may be
 * another interpreter without PyTorch.
 */
export function listingPython(
  pythonEnv: string | undefined = Deno.env.get("PYTHON"),
  exists: (path: string) => boolean = isFile,
): string | undefined {
  if (pythonEnv) return pythonEnv;
  return exists(DEBIAN_PYTHON) ? DEBIAN_PYTHON : undefined;
}

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

/** What an interpreter offers the listings: whether it runs, and which needs it lacks. */
export interface PythonProbe {
  /** The interpreter asked, or undefined when there is none. */
  python: string | undefined;
  /** Why it cannot run at all (not installed, not found); empty when it runs. */
  broken: string;
  /** Modules asked for that it cannot import (numpy, torch). */
  missing: string[];
}

/** Asks `python` which of `modules` it can import (one short run of the interpreter). */
export function probePython(
  python: string | undefined,
  modules: readonly string[] = ["numpy", "torch"],
): PythonProbe {
  const probe: PythonProbe = { python, broken: "", missing: [] };
  if (!python) {
    probe.broken = `no Python interpreter: ${DEBIAN_PYTHON} does not exist and PYTHON is not set`;
    return probe;
  }
  const script = "import importlib, json, sys\nmissing = []\nfor m in sys.argv[1:]:\n" +
    "    try:\n        importlib.import_module(m)\n    except ImportError:\n" +
    "        missing.append(m)\nprint(json.dumps(missing))\n";
  try {
    const { success, stdout } = new Deno.Command(python, {
      args: ["-c", script, ...modules],
      stdout: "piped",
      stderr: "null",
    }).outputSync();
    if (!success) probe.broken = `${python} does not run`;
    else probe.missing = JSON.parse(new TextDecoder().decode(stdout));
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
    probe.broken = `${python} is not installed`;
  }
  return probe;
}

/**
 * Whether a listing can run with the probed interpreter: "run", or a message
 * naming what is missing. `ci` turns a skip into a failure (CI must have
 * everything): `{ skip }` off CI, `{ fail }` in CI.
 */
export function listingPlan(
  listing: Listing,
  probe: PythonProbe,
  ci: boolean,
): "run" | { skip: string } | { fail: string } {
  const at = `${listing.file}:${listing.line}`;
  const missing = listing.needs.filter((n) => probe.missing.includes(n));
  if (!probe.broken && missing.length === 0) return "run";
  const why = probe.broken ||
    `needs ${missing.join(" and ")}, which ${probe.python} cannot import`;
  const install = `apt-get install ${
    (probe.broken ? listing.needs : missing).map((n) => PACKAGES[n]).join(" ")
  }`;
  return ci
    ? { fail: `${at}: ${why}; CI must run every listing (${install})` }
    : { skip: `${at}: skipped: ${why} (${install})` };
}

/** Runs a listing (after those it continues); nothing is shared between runs. */
export async function runListing(
  listing: Listing,
  { python = listingPython(), cwd = Deno.cwd(), timeoutMs = 60_000 } = {},
): Promise<RunResult> {
  if (!python) throw new Error(probePython(undefined).broken);
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
