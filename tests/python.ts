/**
 * How the tests run a lecture's runnable listings (ssg/core/listings.ts finds them): with a
 * named interpreter (`listingPython`: `$PYTHON` when set, else Debian's /usr/bin/python3, never
 * whichever python3 is first on the PATH), each after the listings it continues, its printed
 * lines compared with the page's output block.
 */
import { isFile } from "../ssg/core/fs.ts";
import type { Listing, Need } from "../ssg/core/listings.ts";

/** The Debian package that provides each need. */
export const PACKAGES: Record<Need, string> = { numpy: "python3-numpy", torch: "python3-torch" };

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
