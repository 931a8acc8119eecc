/**
 * Shared helpers for the generator's tests: fixture paths, fresh sites built
 * from the project's own `_config.ts`, temp folders, file listings and
 * bounded waits. Tests run from the project root (`deno task test`), because
 * the generator resolves the theme and error paths against the working directory.
 */
import { render } from "../ssg/core/build.ts";
import { buildToDisk } from "../ssg/core/build_to_disk.ts";
import type { BuildResult } from "../ssg/core/build.ts";
import type { Options } from "../ssg/core/options.ts";
import type { Site } from "../ssg/core/site.ts";
import type { Listing } from "../ssg/core/listings.ts";
import { island } from "../_components/_chart/svg.ts";
import { base64 } from "../_components/_chart/png.ts";
import { checkListing, listingPlan, listingPython, probePython } from "./python.ts";
import type { PythonProbe } from "./python.ts";

/** Absolute path of the project root, without a trailing slash. */
export const ROOT = decodeURIComponent(new URL("../", import.meta.url).pathname).replace(/\/$/, "");

/** The project's `_config.ts`, the one `deno task build` uses. */
export const CONFIG = `${ROOT}/_config.ts`;

/** Absolute path of a file or folder under `tests/fixtures/`. */
export function fixture(...parts: string[]): string {
  return [`${ROOT}/tests/fixtures`, ...parts].join("/");
}

/** Path of a fixture relative to the project root, as error messages print it. */
export function fixturePath(...parts: string[]): string {
  return ["tests/fixtures", ...parts].join("/");
}

if (Deno.cwd() !== ROOT) {
  throw new Error(
    `tests must run from the project root ${ROOT} (got ${Deno.cwd()}): ` +
      "the generator resolves the theme against the working directory",
  );
}

let loads = 0;

/**
 * A site made by a fresh import of the project's `_config.ts` (or of `config`, a path that may
 * end in a query), so plugin state (sitemap page list, formula cache) is never shared between
 * two builds.
 */
export async function freshSite(options: Options, config = CONFIG): Promise<Site> {
  const url = new URL(`file://${config}`);
  url.searchParams.set("test", String(++loads));
  const site: Site = (await import(url.href)).default;
  site.configUrl = url.href;
  return site.configure(options);
}

/** Renders a site in memory (nothing written). */
export async function renderSite(options: Options): Promise<BuildResult & { site: Site }> {
  const site = await freshSite(options);
  return { ...await render(site), site };
}

/** Builds `options.src` into a fresh temp folder; the caller removes `dir`. */
export async function buildSite(
  options: Options,
  config = CONFIG,
): Promise<{ dir: string; dest: string; result: BuildResult; site: Site }> {
  const dir = await Deno.makeTempDir({ prefix: "ssg-test-" });
  const dest = `${dir}/site`;
  const site = await freshSite({ dest, ...options }, config);
  // As deno task build does: pages written as they render and kept on disk.
  const result = await buildToDisk(site);
  return { dir, dest: site.options.destDir, result, site };
}

/** Every file under `dir`, relative, with `/`, sorted. */
export async function listFiles(dir: string, rel = ""): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(rel ? `${dir}/${rel}` : dir)) {
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory) out.push(...await listFiles(dir, path));
    else out.push(path);
  }
  return out.sort();
}

/** Every file under `dir` with its bytes, keyed by relative path. */
export async function readTree(dir: string): Promise<Map<string, Uint8Array>> {
  const tree = new Map<string, Uint8Array>();
  for (const f of await listFiles(dir)) tree.set(f, await Deno.readFile(`${dir}/${f}`));
  return tree;
}

/** Copies a folder recursively (fixtures into temp folders the test may edit). */
export async function copyDir(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const e of Deno.readDir(from)) {
    if (e.isDirectory) await copyDir(`${from}/${e.name}`, `${to}/${e.name}`);
    else await Deno.copyFile(`${from}/${e.name}`, `${to}/${e.name}`);
  }
}

/** A temp folder, removed with `await using`. */
export async function tempDir(prefix = "ssg-test-"): Promise<AsyncDisposable & { path: string }> {
  const path = await Deno.makeTempDir({ prefix });
  return {
    path,
    [Symbol.asyncDispose]: () => Deno.remove(path, { recursive: true }).catch(() => {}),
  };
}

/** Rejects with `label` if `promise` has not settled after `ms`; never leaves a timer behind. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${label}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `fn` with console.log/error captured; returns what was printed. */
export async function captureConsole<T>(fn: () => Promise<T>): Promise<{ value: T; out: string }> {
  const { log, error } = console;
  const lines: string[] = [];
  console.log = (...a: unknown[]) => lines.push(a.join(" "));
  console.error = (...a: unknown[]) => lines.push(a.join(" "));
  try {
    return { value: await fn(), out: lines.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
  }
}

/** Text of an output file of a build (in memory). */
export function text(output: Map<string, string | Uint8Array>, path: string): string {
  const body = output.get(path);
  if (body === undefined) {
    throw new Error(`no ${path} in the output; files: ${[...output.keys()].join(", ")}`);
  }
  return typeof body === "string" ? body : new TextDecoder().decode(body);
}

/**
 * A page of a build with its chart data and pictures back inline: the islands() and dataUrls()
 * plugins move them to files beside the page, which the browser fetches; tests that read a
 * chart's data or picture read it here.
 */
export function withIslands(output: Map<string, string | Uint8Array>, path: string): string {
  const dir = path.slice(0, path.lastIndexOf("/") + 1);
  const types: Record<string, string> = { png: "image/png", csv: "text/csv" };
  return text(output, path).replace(
    /<script type="application\/json" class="chart-data" data-src="([^"]+)" data-index="(\d+)"><\/script>/g,
    (_, src, i) => island(JSON.parse(text(output, dir + src))[Number(i)]),
  ).replace(/(\s(?:href|src)=")((?:img|data)\.[0-9a-f]{10}\.(png|csv))"/g, (_, attr, file, ext) => {
    const body = output.get(dir + file)!;
    const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
    return `${attr}data:${types[ext]};base64,${base64(bytes)}"`;
  });
}

/** Values of `attr="…"` attributes in HTML, in document order. */
export function attrs(html: string, attr: string): string[] {
  return [...html.matchAll(new RegExp(`\\s${attr}="([^"]*)"`, "g"))].map((m) => m[1]);
}

/** Whether chromium is installed for the browser tests. */
export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = (() => {
  try {
    return Deno.statSync(CHROMIUM).isFile;
  } catch {
    return false;
  }
})();

/** Whether the tests run in CI (env CI set), where nothing may be skipped. */
export const CI = !!Deno.env.get("CI");

let probed: PythonProbe | undefined;

/**
 * The interpreter the listings run with (`$PYTHON`, else /usr/bin/python3) and
 * what it lacks of numpy and torch; probed once per test file.
 */
export function pythonProbe(): PythonProbe {
  return probed ??= probePython(listingPython());
}

/**
 * Runs the listings that can run, and returns the problems: drifts and errors,
 * plus, in CI, each listing that could not run. Off CI a listing whose needs
 * are missing is skipped with a warning naming what is missing.
 */
export async function checkListings(listings: Listing[]): Promise<string[]> {
  const probe = pythonProbe();
  const problems: string[] = [];
  for (const listing of listings) {
    const plan = listingPlan(listing, probe, CI);
    if (plan === "run") {
      const problem = await checkListing(listing, { python: probe.python, cwd: ROOT });
      if (problem) problems.push(problem);
    } else if ("fail" in plan) problems.push(plan.fail);
    else console.warn(plan.skip);
  }
  return problems;
}

const NOT_IN_A_CLONE = new Set([
  "node_modules",
  ".git",
  "_site",
  "_site.tmp",
  ".tmp",
  "tests",
  "bench",
]);

/** Copies the project into `to` as a fresh clone would have it, less tests and benchmarks. */
export async function freshCopy(to: string): Promise<void> {
  const copy = async (from: string, dest: string) => {
    await Deno.mkdir(dest, { recursive: true });
    for await (const e of Deno.readDir(from)) {
      if (from === ROOT && NOT_IN_A_CLONE.has(e.name)) continue;
      if (e.isDirectory) await copy(`${from}/${e.name}`, `${dest}/${e.name}`);
      else if (e.isFile) await Deno.copyFile(`${from}/${e.name}`, `${dest}/${e.name}`);
    }
  };
  await copy(ROOT, to);
}

/**
 * Compares `actual` with the golden file `tests/output/<path>`. On a mismatch the new text is
 * written beside it as `…-changed.<ext>` and the test fails; with UPDATE_GOLDEN=1 (`deno task
 * golden`) the golden is rewritten instead.
 */
export async function assertGolden(path: string, actual: string): Promise<void> {
  const golden = `${ROOT}/tests/output/${path}`;
  const changed = golden.replace(/(\.[^./]+)$/, "-changed$1");
  if (Deno.env.get("UPDATE_GOLDEN") === "1") {
    await Deno.mkdir(golden.slice(0, golden.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(golden, actual);
    await Deno.remove(changed).catch(() => {});
    return;
  }
  const expected = await Deno.readTextFile(golden).catch(() => "");
  if (actual !== expected) {
    await Deno.writeTextFile(changed, actual);
    throw new Error(
      `no longer renders as tests/output/${path}; diff ${changed.slice(ROOT.length + 1)} ` +
        "against it and run deno task golden if the change is right",
    );
  }
  await Deno.remove(changed).catch(() => {});
}

/** Writes `files` (path relative to `root` → text) under `root`, making their folders. */
export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, body] of Object.entries(files)) {
    await Deno.mkdir(`${root}/${path}`.replace(/\/[^/]*$/, ""), { recursive: true });
    await Deno.writeTextFile(`${root}/${path}`, body);
  }
}

/** Lectures 1…n in Chinese and English (`lectures/001-l.md`, `001-l.en.md`); `word(i)` is what
 * lecture i is about. */
export async function writeLectures(dir: string, n: number, word = (i: number) => `词${i}`) {
  await Deno.mkdir(`${dir}/lectures`, { recursive: true });
  for (let i = 1; i <= n; i++) {
    const name = String(i).padStart(3, "0");
    await Deno.writeTextFile(
      `${dir}/lectures/${name}-l.md`,
      `---\ntitle: 第${i}讲\norder: ${i}\n---\n\n## 小节\n\n这一讲讲的是${word(i)}。\n`,
    );
    await Deno.writeTextFile(
      `${dir}/lectures/${name}-l.en.md`,
      `---\ntitle: Lecture ${i}\norder: ${i}\n---\n\n## Part\n\nThis one is about word${i}.\n`,
    );
  }
}

/** The search index files of a build's output, by path, sorted, as comparable text. */
export function indexFiles(output: Map<string, string | Uint8Array>): Array<[string, string]> {
  const encoder = new TextEncoder();
  return [...output].filter(([k]) => k.startsWith("assets/search/"))
    .map(([k, v]) =>
      [k, (typeof v === "string" ? encoder.encode(v) : v).join()] as [string, string]
    )
    .sort(([a], [b]) => (a < b ? -1 : 1));
}
