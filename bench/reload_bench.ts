// Reload benchmark: what an author waits for under `deno task serve`, on the real course, in
// Chromium. Run: deno run -A --unstable-worker-options bench/reload_bench.ts [--saves N]
// [--only TEXT] (cases whose edit kind or page holds TEXT); also part of deno task bench.
//
// The dev server runs as `deno task serve` runs it (its own process, the launcher's flags) on a
// copy of the course in a temporary folder; headless Chromium holds a lecture page open; the
// script saves an edit to the lecture, or to a component that page calls, and times, from the
// save: the reload event reaching the page, and the page showing the edit (DOMContentLoaded of
// the reloaded page, or the end of an in-place update). Median and p95 per page, after warm-ups.
// Targets: lecture edit → page ≤ 300 ms p95; component edit → reload event ≤ 250 ms.
import { childArgs } from "../ssg/cli/launch.ts";
import { launch } from "../tests/browser.ts";

const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const arg = (name: string, fallback: number) => {
  const i = Deno.args.indexOf(name);
  return i >= 0 ? Number(Deno.args[i + 1]) : fallback;
};
const SAVES = arg("--saves", 10);
const WARMUPS = 2;
/** Pause after each update: the search index finishes later, as an author reads the change. */
const PAUSE = 1200;

/** Milliseconds since the epoch, comparable between this process and the browser. */
const now = () => performance.timeOrigin + performance.now();

async function copy(from: string, to: string) {
  await Deno.mkdir(to, { recursive: true });
  for await (const e of Deno.readDir(from)) {
    if (e.isDirectory) await copy(`${from}/${e.name}`, `${to}/${e.name}`);
    else await Deno.copyFile(`${from}/${e.name}`, `${to}/${e.name}`);
  }
}

/** A copy of the course's sources in a temporary folder on disk. */
async function project(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "ssg-bench-reload-" });
  for (const d of ["lectures", "_components", "_data", "engine", "datasets"]) {
    await copy(`${root}/${d}`, `${dir}/${d}`);
  }
  // Components import the generator's own modules (props, types) by relative path,
  // and their browser code is bundled from the project's node_modules.
  await Deno.symlink(`${root}/ssg`, `${dir}/ssg`);
  await Deno.symlink(`${root}/node_modules`, `${dir}/node_modules`);
  return dir;
}

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

/** `deno task serve --src dir` in its own process; resolves once the first build is served. */
async function startServer(dir: string) {
  const port = freePort();
  const child = new Deno.Command("deno", {
    args: childArgs(["serve", "--src", dir, "--port", `${port}`, "--timeout", "0"], root),
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const url = `http://127.0.0.1:${port}/`;
  const lines: string[] = [];
  const read = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) lines.push(decoder.decode(chunk, { stream: true }));
  };
  const done = Promise.all([read(child.stdout), read(child.stderr)]);
  const t0 = Date.now();
  while (!lines.join("").includes("built in")) {
    if (lines.join("").includes("error:")) throw new Error(lines.join(""));
    if (Date.now() - t0 > 600_000) throw new Error(`serve did not start:\n${lines.join("")}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    log: lines,
    async close() {
      try {
        child.kill("SIGTERM");
      } catch { /* it ended already */ }
      await child.status;
      await done.catch(() => {});
    },
  };
}

interface Case {
  kind: "lecture edit" | "component edit";
  /** The page held open. */
  page: string;
  /** The file saved, relative to the project. */
  file: string;
  /** The i-th edit of its original text. */
  edit: (text: string, i: number) => string;
  /** A page expression true once the page shows the i-th edit. */
  shows: (i: number) => string;
}

const lecture = (page: string, file: string): Case => ({
  kind: "lecture edit",
  page,
  file,
  edit: (s, i) => s + `\n\nReload marker ${i}.\n`,
  shows: (i) => `document.body.textContent.includes("Reload marker ${i}.")`,
});
const component = (page: string): Case => ({
  kind: "component edit",
  page,
  file: "_components/loss_curve/mod.ts",
  edit: (s, i) =>
    s.replace(
      `<figure class="chart loss-curve"`,
      `<figure data-edit="${i}" class="chart loss-curve"`,
    ),
  shows: (i) => `!!document.querySelector('[data-edit="${i}"]')`,
});

const CASES: Case[] = [
  lecture("lectures/02-linear-model/", "lectures/02-linear-model.md"),
  lecture("en/lectures/02-linear-model/", "lectures/02-linear-model.en.md"),
  lecture("lectures/03-gradient-descent/", "lectures/03-gradient-descent.md"),
  lecture("lectures/06-logistic-regression/", "lectures/06-logistic-regression.md"),
  component("lectures/02-linear-model/"),
  component("lectures/03-gradient-descent/"),
];

interface Mark {
  kind: "dcl" | "event" | "swap";
  t: number;
}

interface Figures {
  event: number[];
  page: number[];
  swapped: number;
}

async function measure(
  c: Case,
  url: string,
  dir: string,
  log: string[],
  browser: Awaited<ReturnType<typeof launch>>["browser"],
): Promise<Figures> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const marks: Mark[] = [];
  await page.exposeFunction("__benchMark", (kind: Mark["kind"], t: number) => {
    marks.push({ kind, t });
  });
  // Before the page's own scripts, in every document the tab loads: the times of the
  // page's DOMContentLoaded, of the reload event (a stream of its own, told at the same
  // moment as the page's) and of an in-place update.
  await page.evaluateOnNewDocument(() => {
    const w = globalThis as unknown as { __benchMark(kind: string, t: number): void };
    const t = () => performance.timeOrigin + performance.now();
    document.addEventListener("DOMContentLoaded", () => w.__benchMark("dcl", t()));
    document.addEventListener("ssg:updated", () => w.__benchMark("swap", t()));
    new EventSource("/_ssg/events").addEventListener("reload", () => w.__benchMark("event", t()));
  });
  await page.goto(url + c.page, { waitUntil: "load" });
  const path = `${dir}/${c.file}`;
  const original = await Deno.readTextFile(path);
  const figures: Figures = { event: [], page: [], swapped: 0 };
  try {
    for (let i = 0; i < SAVES + WARMUPS; i++) {
      await new Promise((r) => setTimeout(r, PAUSE));
      const text = c.edit(original, i);
      if (text === original) throw new Error(`${c.file}: the edit changed nothing`);
      const t0 = now();
      await Deno.writeTextFile(path, text);
      let shown: Mark | undefined;
      const deadline = Date.now() + 120_000;
      while (!shown) {
        if (Date.now() > deadline) {
          throw new Error(`${c.page}: edit ${i} never showed; the server said:\n${log.join("")}`);
        }
        await new Promise((r) => setTimeout(r, 5));
        const update = marks.find((m) => m.t > t0 && (m.kind === "dcl" || m.kind === "swap"));
        if (!update) continue;
        // The page may have updated for an earlier build; it counts once it shows this edit.
        const ok = await page.evaluate(c.shows(i)).catch(() => false);
        if (ok) shown = marks.filter((m) => m.t > t0 && m.kind !== "event").at(-1);
      }
      const event = marks.find((m) => m.t > t0 && m.kind === "event");
      if (i >= WARMUPS) {
        figures.page.push(shown.t - t0);
        if (event) figures.event.push(event.t - t0);
        if (shown.kind === "swap") figures.swapped++;
      }
      marks.length = 0;
    }
  } finally {
    await Deno.writeTextFile(path, original);
    await new Promise((r) => setTimeout(r, PAUSE));
    await page.close();
  }
  return figures;
}

const sorted = (t: number[]) => [...t].sort((a, b) => a - b);
const median = (t: number[]) => {
  const s = sorted(t);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** Nearest rank: with fewer than 20 saves, the slowest. */
const p95 = (t: number[]) => sorted(t)[Math.ceil(0.95 * t.length) - 1];
const ms = (n: number) => `${Math.round(n)}`.padStart(5);

const dir = await project();
const server = await startServer(dir);
const chromium = await launch();
try {
  console.log(
    `\nserve, the real course, headless Chromium: save → reload event / page shows the edit` +
      `\n(${SAVES} saves per page after ${WARMUPS} warm-ups; ms, median and p95)\n`,
  );
  console.log(
    "  edit             page                                  event med  p95   page med  p95",
  );
  const only = Deno.args.includes("--only") ? Deno.args[Deno.args.indexOf("--only") + 1] : "";
  for (const c of CASES.filter((c) => `${c.kind} ${c.page}`.includes(only))) {
    const f = await measure(c, server.url, dir, server.log, chromium.browser);
    const how = f.swapped === f.page.length
      ? "updated in place"
      : f.swapped === 0
      ? "full reload"
      : `${f.swapped} of ${f.page.length} in place`;
    console.log(
      `  ${c.kind.padEnd(15)}  ${c.page.padEnd(36)}  ${ms(median(f.event))}  ${ms(p95(f.event))}` +
        `    ${ms(median(f.page))}  ${ms(p95(f.page))}   ${how}`,
    );
  }
  console.log("\n  targets: lecture edit → page ≤ 300 ms p95; component edit → event ≤ 250 ms\n");
} finally {
  await chromium.close();
  await server.close();
  await Deno.remove(dir, { recursive: true });
}
