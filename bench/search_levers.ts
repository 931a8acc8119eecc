/**
 * What pagefind is fed, and what that costs: the 1,000-page corpus rendered once without search,
 * then indexed three ways, twice each. Prints the characters sent, the CPU seconds of this
 * process (text extraction and pagefind's messages) and of pagefind's own process, and the index.
 *
 *   deno run -A --unstable-worker-options bench/search_levers.ts [pages=1000]
 */
import * as pagefind from "pagefind";
import { render } from "../ssg/core/build.ts";
import { loadSite } from "../ssg/core/load_site.ts";
import { searchable } from "../ssg/plugins/search_text.ts";
import { defaults } from "../ssg/plugins/search.ts";
import { writeCorpus } from "./synthetic.ts";

const pages = Number(Deno.args[0] ?? 1000);
const dir = await Deno.makeTempDir({ prefix: "ssg-bench-levers-" });
await writeCorpus(dir, pages);
const config = new URL("no_search.config.ts", import.meta.url).href;
const site = await loadSite(config, { src: dir, dest: `${dir}/_site`, workers: 0 });
const { output } = await render(site);
await Deno.remove(dir, { recursive: true });
const htmls = [...output]
  .filter(([path]) => path.endsWith("index.html"))
  .map(([path, body]) => [path, typeof body === "string" ? body : new TextDecoder().decode(body)]);

/** CPU seconds (user + system) of a process so far. */
const cpu = (pid: number | "self") => {
  const fields = Deno.readTextFileSync(`/proc/${pid}/stat`).split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
/** This process's newest child: pagefind's, once an index is open. */
const newestChild = () => {
  const pids: number[] = [];
  for (const task of Deno.readDirSync(`/proc/${Deno.pid}/task`)) {
    const text = Deno.readTextFileSync(`/proc/${Deno.pid}/task/${task.name}/children`).trim();
    if (text) pids.push(...text.split(/\s+/).map(Number));
  }
  return Math.max(...pids);
};

const ways: Record<string, (html: string) => string> = {
  "formulas as text, code indexed (as built)": (html) => searchable(html, "main"),
  "formulas as text, code left out": (html) =>
    searchable(html, "main").replace(/<pre[\s\S]*?<\/pre>/g, ""),
  "KaTeX's markup, code indexed": (html) => searchable(html, "main", false),
};
const rows = [];
for (const [way, extract] of Object.entries(ways)) {
  for (let run = 0; run < 2; run++) {
    const self0 = cpu("self");
    const inputs = htmls.map(([path, html]) => ({ url: `/${path}`, content: extract(html) }));
    const { index } = await pagefind.createIndex({
      rootSelector: defaults.root,
      excludeSelectors: defaults.exclude,
    });
    const child = newestChild();
    const child0 = cpu(child);
    await Promise.all(inputs.map((input) => index!.addHTMLFile(input)));
    const { files } = await index!.getFiles();
    const indexer = cpu(child) - child0;
    rows.push({
      way,
      "M chars": (inputs.reduce((n, i) => n + i.content.length, 0) / 1e6).toFixed(1),
      "this process CPU s": (cpu("self") - self0).toFixed(2),
      "pagefind CPU s": indexer.toFixed(2),
      "index files": files.length,
      "index MB": (files.reduce((n, f) => n + f.content.length, 0) / 1e6).toFixed(2),
    });
    await index!.deleteIndex();
    await pagefind.close();
  }
}
console.log(`\n${pages} pages, indexed three ways (two runs each):`);
console.table(rows);
