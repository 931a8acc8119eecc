/**
 * What pagefind is fed, and what that costs: the 1,000-page corpus rendered once without search,
 * then indexed several ways, twice each, each time in a new pagefind process. Prints the
 * characters sent, the CPU seconds of this process (text extraction and pagefind's messages) and
 * of pagefind's processes, the wall time of indexing and writing the index, and the index.
 *
 *   deno run -A --unstable-worker-options bench/search_levers.ts [pages=1000]
 *
 * The ways: the text as built (formulas as text, code kept, pagefind's 100 fragment files per
 * language); one fragment file per page (pagefind's default); the same pages declared English
 * (no Chinese word segmentation: what segmenting costs); plain-text records instead of HTML (no
 * HTML to parse, but no headings to link results to); code left out; KaTeX's markup instead of
 * formulas' text; and the pages shared between two pagefind processes at once, each its half (two
 * indexes, which the browser would have to merge).
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
/** This process's children: pagefind's, once an index is open. */
const children = () => {
  const pids: number[] = [];
  for (const task of Deno.readDirSync(`/proc/${Deno.pid}/task`)) {
    const text = Deno.readTextFileSync(`/proc/${Deno.pid}/task/${task.name}/children`).trim();
    if (text) pids.push(...text.split(/\s+/).map(Number));
  }
  return pids;
};
const asText = (html: string) =>
  html.replace(/<[^>]+>/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ");

interface Way {
  extract: (html: string) => string;
  options?: pagefind.PagefindServiceConfig;
  records?: boolean;
  shards?: number;
}
const built = (html: string) => searchable(html, "main");
const ways: Record<string, Way> = {
  "as built: formulas as text, code kept, ≤100 fragment files": {
    extract: built,
    options: { maxFragments: 100 },
  },
  "one fragment file per page": { extract: built },
  "the same pages declared English (no segmenting)": {
    extract: built,
    options: { maxFragments: 100, forceLanguage: "en" },
  },
  "plain-text records, no HTML (no headings)": {
    extract: (html) => asText(built(html)),
    options: { maxFragments: 100 },
    records: true,
  },
  "code left out": {
    extract: (html) => built(html).replace(/<pre[\s\S]*?<\/pre>/g, ""),
    options: { maxFragments: 100 },
  },
  "KaTeX's markup, code kept": {
    extract: (html) => searchable(html, "main", false),
    options: { maxFragments: 100 },
  },
  "two processes at once, half the pages each": {
    extract: built,
    options: { maxFragments: 100 },
    shards: 2,
  },
};

/** Indexes `inputs` in a pagefind process of its own thread (a worker), for the shards. */
function shardWorker(): Worker {
  const code = `
    import * as pagefind from ${JSON.stringify(import.meta.resolve("pagefind"))};
    let index;
    self.onmessage = async ({ data }) => {
      if (data.open) {
        index = (await pagefind.createIndex(data.open)).index;
        self.postMessage({ opened: true });
      } else if (data.inputs) {
        const added = await Promise.all(data.inputs.map((input) => index.addHTMLFile(input)));
        if (added.some((a) => a.errors.length)) throw new Error("pages not indexed");
        const { files } = await index.getFiles();
        self.postMessage({ files: files.length, bytes: files.reduce((n, f) => n + f.content.length, 0) });
      } else {
        await index.deleteIndex();
        await pagefind.close();
        self.postMessage({ closed: true });
      }
    };`;
  return new Worker(URL.createObjectURL(new Blob([code], { type: "text/javascript" })), {
    type: "module",
  });
}
const ask = <T>(worker: Worker, message: unknown) =>
  new Promise<T>((resolve) => {
    worker.onmessage = (e) => resolve(e.data);
    worker.postMessage(message);
  });

const rows = [];
for (const [way, { extract, options = {}, records, shards }] of Object.entries(ways)) {
  for (let run = 0; run < 2; run++) {
    const self0 = cpu("self");
    const inputs = htmls.map(([path, html]) => ({ url: `/${path}`, content: extract(html) }));
    const config = { rootSelector: defaults.root, excludeSelectors: defaults.exclude, ...options };
    const before = new Set(children());
    let files = 0, bytes = 0, ms = 0, indexer = 0;
    if (shards) {
      const workers = Array.from({ length: shards }, shardWorker);
      await Promise.all(workers.map((w) => ask(w, { open: config })));
      const pids = children().filter((p) => !before.has(p));
      const cpu0 = pids.map(cpu);
      const start = performance.now();
      const done = await Promise.all(
        workers.map((w, k) =>
          ask<{ files: number; bytes: number }>(w, {
            inputs: inputs.filter((_, i) => i % shards === k),
          })
        ),
      );
      ms = performance.now() - start;
      indexer = pids.reduce((n, p, k) => n + cpu(p) - cpu0[k], 0);
      files = done.reduce((n, d) => n + d.files, 0);
      bytes = done.reduce((n, d) => n + d.bytes, 0);
      await Promise.all(workers.map((w) => ask(w, { close: true })));
      workers.forEach((w) => w.terminate());
    } else {
      const { index } = await pagefind.createIndex(config);
      const child = children().find((p) => !before.has(p))!;
      const child0 = cpu(child);
      const start = performance.now();
      const added = await Promise.all(inputs.map((input) =>
        records
          ? index!.addCustomRecord({
            url: input.url,
            content: input.content,
            language: input.content.match(/lang="([^"]+)"/)?.[1] ?? "zh",
          })
          : index!.addHTMLFile(input)
      ));
      const failed = added.filter((a) => a.errors.length);
      if (failed.length) {
        throw new Error(`${way}: ${failed.length} pages not indexed: ${failed[0].errors}`);
      }
      const result = await index!.getFiles();
      ms = performance.now() - start;
      indexer = cpu(child) - child0;
      files = result.files.length;
      bytes = result.files.reduce((n, f) => n + f.content.length, 0);
      await index!.deleteIndex();
      await pagefind.close();
    }
    rows.push({
      way,
      "M chars": (inputs.reduce((n, i) => n + i.content.length, 0) / 1e6).toFixed(1),
      "this process CPU s": (cpu("self") - self0).toFixed(2),
      "pagefind CPU s": indexer.toFixed(2),
      "pagefind wall s": (ms / 1000).toFixed(2),
      "index files": files,
      "index MB": (bytes / 1e6).toFixed(2),
    });
  }
}
console.log(`\n${pages} pages, indexed ${Object.keys(ways).length} ways (two runs each):`);
console.table(rows);
