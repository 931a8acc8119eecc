/**
 * One build of a synthetic corpus in this process; prints a JSON line with
 * wall time and peak resident memory. Used by build_bench.ts.
 *   deno run -A bench/build_once.ts N [workers] [config]
 */
// Milliseconds from process start to here: the runtime and every module of the generator loaded.
const startup = performance.now();
import { buildToDisk } from "../ssg/core/build_to_disk.ts";
import { loadSite } from "../ssg/cli/cli.ts";
import { writeCorpus } from "./synthetic.ts";

const n = Number(Deno.args[0] ?? 100);
const workers = Number(Deno.args[1] ?? 0);
const config = new URL(`../${Deno.args[2] ?? "_config.ts"}`, import.meta.url).href;
const dir = await Deno.makeTempDir({ prefix: "ssg-bench-" });
await writeCorpus(dir, n);
const t0 = performance.now();
const site = await loadSite(config, { src: dir, dest: `${dir}/_site`, workers });
// As `deno task build` does: pages written as they render, the rest while the search index
// is finished.
let t1 = 0;
const result = await buildToDisk(site, { rendered: () => (t1 = performance.now()) });
result.phases.write = performance.now() - t1;
const ms = performance.now() - t0;
const status = await Deno.readTextFile("/proc/self/status");
const peakKiB = Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? 0);
await Deno.remove(dir, { recursive: true });
const phases = Object.fromEntries(
  Object.entries({ startup, ...result.phases }).map(([k, v]) => [k, Math.round(v)]),
);
console.log(
  JSON.stringify({ pages: result.pages.length, ms: ms + startup, peakMiB: peakKiB / 1024, phases }),
);
