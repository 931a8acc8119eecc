// Build benchmark. Run: deno task bench (or deno bench -A bench/build_bench.ts).
// Prints, for synthetic corpora of N = 100 and 1000 pages, the wall time of a
// whole build in a fresh process, pages/s and peak resident memory; then the
// latency from saving one page of a 100-page site under `serve` to the reload
// event reaching an open page. Each size is built with the course's config and
// with the same config without search (bench/no_search.config.ts), the work a
// generator without an index does. Goal: 1000 pages in ≤ 1.5 s and ≤ 300 MiB;
// reload in ≤ 200 ms.
//
// The corpus and its output go to the system's temporary folder ($TMPDIR, else
// /tmp). Each build creates some 2,000 files and folders (3,100 with the
// index), and on some virtual disks each costs ~1 ms of kernel time, more than
// the rendering; `TMPDIR=/dev/shm deno task bench` measures the generator
// without the disk.
import { render } from "../ssg/core/build.ts";
import { loadSite } from "../ssg/cli/cli.ts";
import { serve } from "../ssg/server/server.ts";
import { syntheticPage, writeCorpus } from "./synthetic.ts";

const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

async function buildOnce(n: number, workers: number, config = "_config.ts") {
  const out = await new Deno.Command(Deno.execPath(), {
    // V8's young generation as `deno task build` sizes it (launch.ts).
    args: [
      "run",
      "-A",
      "--unstable-worker-options",
      "--v8-flags=--max-semi-space-size=8",
      "bench/build_once.ts",
      String(n),
      String(workers),
      config,
    ],
    cwd: root,
    stderr: "inherit",
  }).output();
  return JSON.parse(new TextDecoder().decode(out.stdout)) as {
    pages: number;
    ms: number;
    peakMiB: number;
    phases: Record<string, number>;
  };
}

async function reloadLatency(n: number, saves: number): Promise<number[]> {
  const dir = await Deno.makeTempDir({ prefix: "ssg-bench-serve-" });
  await writeCorpus(dir, n);
  const server = serve(`${root}/_config.ts`, { src: dir, dest: `${dir}/_site`, port: 0 }, {
    quiet: true,
  });
  await server.ready;
  const res = await fetch(new URL("/_ssg/events", server.url));
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const nextReload = async () => {
    let buffer = "";
    while (!buffer.includes("event: reload")) {
      const { value, done } = await reader.read();
      if (done) throw new Error("event stream closed");
      buffer += value;
    }
  };
  await reader.read(); // hello
  const times: number[] = [];
  for (let i = 0; i < saves; i++) {
    const page = `${dir}/lectures/0050-page.md`;
    const t0 = performance.now();
    await Deno.writeTextFile(page, syntheticPage(50) + `\n\nEdit ${i}.\n`);
    await nextReload();
    times.push(performance.now() - t0);
  }
  await reader.cancel();
  await server.close();
  await Deno.remove(dir, { recursive: true });
  return times;
}

const rows = [];
for (const n of [100, 1000]) {
  for (
    const [workers, config] of [
      [0, "_config.ts"],
      [1, "_config.ts"],
      [0, "bench/no_search.config.ts"],
    ] as const
  ) {
    // Disk and CPU vary from run to run on shared machines: the median of three builds.
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await buildOnce(n, workers, config));
    const r = runs.sort((a, b) => a.ms - b.ms)[1];
    rows.push({
      pages: r.pages,
      search: config === "_config.ts" ? "yes" : "no",
      "render threads": workers + 1,
      "wall ms": Math.round(r.ms),
      "wall range": `${Math.round(runs[0].ms)}–${Math.round(runs[2].ms)}`,
      "pages/s": Math.round(r.pages / (r.ms / 1000)),
      "peak MiB": Math.round(r.peakMiB),
      phases: Object.entries(r.phases).map(([k, v]) => `${k} ${v}`).join(", "),
    });
  }
}
const tmp = Deno.env.get("TMPDIR") ?? "/tmp";
console.log(
  `\nWhole builds (fresh process each, output written under ${tmp}; wall includes start-up;` +
    " the median of 3, with its phases):",
);
console.table(rows);
const latency = (await reloadLatency(100, 7)).slice(2).sort((a, b) => a - b);
console.log(
  `serve, 100 pages: save → reload event ${Math.round(latency[2])} ms median ` +
    `(min ${Math.round(latency[0])}, max ${Math.round(latency.at(-1)!)}, after 2 warm-ups)\n`,
);

// In-process render of 100 pages (no writes), for deno bench's own statistics.
const dir = await Deno.makeTempDir({ prefix: "ssg-bench-inproc-" });
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
await writeCorpus(dir, 100);
const site = await loadSite(`${root}/_config.ts`, { src: dir, dest: `${dir}/_site`, workers: 0 });
Deno.bench({ name: "render 100 synthetic pages in process", n: 10, warmup: 2 }, async () => {
  await render(site);
});
