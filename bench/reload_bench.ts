// Reload benchmark. Run: deno bench -A bench/reload_bench.ts (part of deno task bench).
// Prints the latency from saving a file of the real course under `serve` to the
// reload event reaching an open page: a lecture edit and a component edit.
// Target: a component edit reloads in ≤ 250 ms. Then deno bench times the
// rebuild behind a lecture edit in this process, without the server.
import { render, type RenderCache } from "../ssg/core/build.ts";
import { Sandbox } from "../ssg/core/sandbox.ts";
import { loadSite } from "../ssg/cli/cli.ts";
import { serve } from "../ssg/server/server.ts";

const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

async function copy(from: string, to: string) {
  await Deno.mkdir(to, { recursive: true });
  for await (const e of Deno.readDir(from)) {
    if (e.isDirectory) await copy(`${from}/${e.name}`, `${to}/${e.name}`);
    else await Deno.copyFile(`${from}/${e.name}`, `${to}/${e.name}`);
  }
}

/** A copy of the course's sources in a temporary folder. */
async function project(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "ssg-bench-reload-" });
  for (const d of ["lectures", "_components", "_data", "engine"]) {
    await copy(`${root}/${d}`, `${dir}/${d}`);
  }
  // Components import the generator's own modules (props, types) by relative path.
  // and their browser code is bundled from the project's node_modules.
  await Deno.symlink(`${root}/ssg`, `${dir}/ssg`);
  await Deno.symlink(`${root}/node_modules`, `${dir}/node_modules`);
  return dir;
}

/** Milliseconds from each save of `file` (rewritten by `edit`) to the reload event. */
async function latency(file: string, edit: (text: string, i: number) => string, saves: number) {
  const dir = await project();
  const server = serve(`${root}/_config.ts`, { src: dir, dest: `${dir}/_site`, port: 0 }, {
    quiet: true,
  });
  await server.ready;
  const res = await fetch(new URL("/_ssg/events", server.url));
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const next = async () => {
    let buffer = "";
    while (!/event: (reload|build-error)/.test(buffer)) {
      const { value, done } = await reader.read();
      if (done) throw new Error("event stream closed");
      buffer += value;
    }
    if (buffer.includes("build-error")) throw new Error(`build failed: ${buffer}`);
  };
  await reader.read(); // hello
  const original = await Deno.readTextFile(`${dir}/${file}`);
  const times: number[] = [];
  for (let i = 0; i < saves; i++) {
    const t0 = performance.now();
    await Deno.writeTextFile(`${dir}/${file}`, edit(original, i));
    await next();
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 150));
  }
  await reader.cancel();
  await server.close();
  await Deno.remove(dir, { recursive: true });
  return times.slice(2).sort((a, b) => a - b);
}

const show = (label: string, t: number[]) =>
  console.log(
    `${label}: ${Math.round(t[Math.floor(t.length / 2)])} ms median ` +
      `(min ${Math.round(t[0])}, max ${Math.round(t.at(-1)!)}, ${t.length} saves after 2 warm-ups)`,
  );

console.log("\nserve, the real course: save → reload event");
show(
  "  lecture edit  ",
  await latency("lectures/02-linear-model.md", (s, i) => s + `\n\nEdit ${i}.\n`, 9),
);
show(
  "  component edit",
  await latency("_components/loss_curve/mod.ts", (s, i) => s + `\n// edit ${i}\n`, 9),
);
console.log("  target: component edit ≤ 250 ms\n");

// As the dev server rebuilds: unchanged pages come from its cache, the search index is finished later.
const dir = await project();
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
const site = await loadSite(`${root}/_config.ts`, { src: dir, dest: `${dir}/_site`, workers: 0 });
site.serving = true;
const cache: RenderCache = new Map();
// The dev server keeps its page sandbox across builds.
const sandboxes = [new Sandbox(site)];
await render(site, { cache, sandboxes });
const lecture = `${dir}/lectures/02-linear-model.md`;
const original = await Deno.readTextFile(lecture);
let edits = 0;
Deno.bench({
  name: "rebuild of the course after a lecture edit, in process (no server, index not awaited)",
  n: 10,
  warmup: 2,
}, async (b) => {
  await Deno.writeTextFile(lecture, original + `\n\nEdit ${edits++}.\n`);
  b.start();
  const result = await render(site, { cache, late: true, sandboxes });
  b.end();
  await Promise.all(result.late.map((l) => l.files));
});
