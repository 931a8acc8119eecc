/**
 * The search index's cost, side by side with Eleventy 3 + KaTeX (which builds no index), on a
 * 1,000-page corpus of synthetic.ts written to disk ($TMPDIR, else /tmp; not /dev/shm, where
 * creating files costs nothing). Each round builds the corpus three ways in fresh processes, in
 * an order that turns from round to round: Eleventy; `deno task build` with the course's config;
 * and the build without search (bench/no_search.config.ts). Prints each build's wall time, CPU
 * time (user + system) and peak memory, and each of ours against the Eleventy build of its
 * round. Targets: with search
 * ≤ 0.35 × Eleventy's wall time and ≤ 300 MiB; without ≤ 0.2 ×.
 *
 *   deno task bench:search [pages=1000] [rounds=3]
 *
 * Eleventy, KaTeX and its markdown-it plugin come from npm the first time (bench/eleventy.ts).
 */
import { eleventyCommand, installEleventy } from "./eleventy.ts";
import { writeCorpus } from "./synthetic.ts";

const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const pages = Number(Deno.args[0] ?? 1000);
const rounds = Number(Deno.args[1] ?? 3);

interface Run {
  wall: number;
  cpu: number;
  peakMiB: number;
  files: number;
}

/** Runs `command` under GNU time: wall and CPU seconds, peak resident memory of the tree. */
async function timed(command: string[], dest: string): Promise<Run> {
  await Deno.remove(dest, { recursive: true }).catch(() => {});
  const report = await Deno.makeTempFile({ prefix: "ssg-bench-time-" });
  const { success, stderr } = await new Deno.Command("/usr/bin/time", {
    args: ["-o", report, "-f", "%e %U %S %M", ...command],
    cwd: root,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!success) {
    throw new Error(`${command.join(" ")} failed:\n${new TextDecoder().decode(stderr)}`);
  }
  const [wall, user, system, kib] = (await Deno.readTextFile(report)).trim().split("\n").at(-1)!
    .split(" ").map(Number);
  await Deno.remove(report);
  let files = 0;
  const count = (dir: string) => {
    for (const e of Deno.readDirSync(dir)) {
      files++;
      if (e.isDirectory) count(`${dir}/${e.name}`);
    }
  };
  count(dest);
  return { wall, cpu: user + system, peakMiB: kib / 1024, files };
}

const ssg = (src: string, dest: string, config: string) => [
  "deno",
  "run",
  "--allow-read",
  "--allow-env",
  "--allow-run=deno",
  `${root}/ssg/cli/launch.ts`,
  "build",
  `--src=${src}`,
  `--dest=${dest}`,
  `--config=${config}`,
];

const install = await installEleventy();
const tmp = Deno.env.get("TMPDIR") ?? "/tmp";
const dir = await Deno.makeTempDir({ dir: tmp, prefix: "ssg-bench-search-" });
const src = `${dir}/src`;
await writeCorpus(src, pages);
const withSearch = ssg(src, `${dir}/site`, `${root}/_config.ts`);
const builds = {
  "Eleventy 3 + KaTeX": await eleventyCommand(install, src, `${dir}/eleventy`),
  "ssg, search": withSearch,
  "ssg, no search": ssg(src, `${dir}/site`, `${root}/bench/no_search.config.ts`),
};
const names = Object.keys(builds) as Array<keyof typeof builds>;
const results: Record<string, Run[]> = Object.fromEntries(names.map((n) => [n, []]));
try {
  for (let r = 0; r < rounds; r++) {
    // Each round starts with another build: a busy machine's slow moments fall on each in turn.
    for (const name of names.map((_, k) => names[(r + k) % names.length])) {
      const dest = name.startsWith("Eleventy") ? `${dir}/eleventy` : `${dir}/site`;
      const run = await timed(builds[name], dest);
      results[name].push(run);
      console.error(
        `round ${r + 1}: ${name}: ${run.wall.toFixed(2)} s wall, ${run.cpu.toFixed(2)} s CPU, ` +
          `${Math.round(run.peakMiB)} MiB, ${run.files} files and folders`,
      );
    }
  }
} finally {
  await Deno.remove(dir, { recursive: true });
}

const range = (xs: number[], digits: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(digits);
  return sorted[0] === sorted.at(-1) ? f(sorted[0]) : `${f(sorted[0])}–${f(sorted.at(-1)!)}`;
};
const anchor = results[names[0]];
const rows = names.map((name) => {
  const runs = results[name];
  return {
    build: name,
    "wall s": range(runs.map((r) => r.wall), 2),
    "× Eleventy wall": range(runs.map((r, i) => r.wall / anchor[i].wall), 2),
    "CPU s": range(runs.map((r) => r.cpu), 2),
    "× Eleventy CPU": range(runs.map((r, i) => r.cpu / anchor[i].cpu), 2),
    "peak MiB": range(runs.map((r) => r.peakMiB), 0),
    "files+folders": range(runs.map((r) => r.files), 0),
  };
});
console.log(
  `\n${pages} pages, ${rounds} rounds, output on ${tmp}; ranges over the rounds, each ratio ` +
    "against the Eleventy build of the same round:",
);
console.table(rows);
