/**
 * ssg/'s shape, as its READMEs state it: each folder imports only what its README allows, no
 * module of the generator imports itself back through others, and no source file is over 300
 * lines.
 */
import assert from "node:assert/strict";
import { ROOT } from "../helpers.ts";

const SSG = `${ROOT}/ssg`;

/** Every source file under ssg/, relative to it. */
function sources(dir = SSG, prefix = ""): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(dir)) {
    const rel = prefix + e.name;
    if (e.isDirectory) out.push(...sources(`${dir}/${e.name}`, `${rel}/`));
    else if (/\.(ts|js|css)$/.test(e.name)) out.push(rel);
  }
  return out.sort();
}

/** The files (relative to ssg/, or `../…` outside it) a module imports by a relative path. */
export function importsOf(file: string, text: string): string[] {
  const dir = file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : "";
  const specs = [
    ...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)"/gm),
    ...text.matchAll(/^\s*import\s+"([^"]+)"/gm),
    ...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g),
  ].map((m) => m[1]).filter((s) => s.startsWith("."));
  return specs.map((s) => new URL(s, `file:///ssg/${dir ? dir + "/" : ""}`).pathname)
    .map((p) => (p.startsWith("/ssg/") ? p.slice(5) : `..${p}`));
}

/** What each folder may import besides itself and npm packages. */
const ALLOWED: Record<string, string[]> = {
  "": ["core", "plugins"], // mod.ts
  core: ["../engine"],
  plugins: ["core", "client"],
  server: ["core"],
  cli: ["core", "server", "plugins"],
  client: [],
};

const folderOf = (file: string) => (file.includes("/") ? file.slice(0, file.indexOf("/")) : "");

/** The first import circle among `graph`'s modules, as a list of files, or undefined. */
export function findCircle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (file: string): string[] | undefined => {
    if (state.get(file) === "done") return undefined;
    if (state.get(file) === "open") return [...path.slice(path.indexOf(file)), file];
    state.set(file, "open");
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      const circle = visit(next);
      if (circle) return circle;
    }
    path.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) {
    const circle = visit(file);
    if (circle) return circle;
  }
}

const files = sources();
const texts = new Map(files.map((f) => [f, Deno.readTextFileSync(`${SSG}/${f}`)]));

Deno.test("ssg layout: the circle finder finds a circle, and none where there is none", () => {
  assert.deepEqual(
    findCircle(new Map([["a.ts", ["b.ts"]], ["b.ts", ["c.ts"]], ["c.ts", ["a.ts"]]])),
    ["a.ts", "b.ts", "c.ts", "a.ts"],
  );
  assert.equal(findCircle(new Map([["a.ts", ["b.ts", "c.ts"]], ["b.ts", ["c.ts"]]])), undefined);
  assert.deepEqual(importsOf("core/build.ts", 'import { x } from "./load.ts";'), ["core/load.ts"]);
  assert.deepEqual(
    importsOf("plugins/search.ts", 'import type {\n  Page,\n} from "../core/page.ts";'),
    ["core/page.ts"],
  );
});

Deno.test("ssg layout: no module imports itself back through others", () => {
  const graph = new Map(files.map((f) => [f, importsOf(f, texts.get(f)!)]));
  assert.equal(findCircle(graph)?.join(" → "), undefined);
});

Deno.test("ssg layout: each folder imports only the folders its README allows", () => {
  const wrong: string[] = [];
  for (const file of files) {
    const own = folderOf(file);
    for (const target of importsOf(file, texts.get(file)!)) {
      const ok = target.startsWith("..")
        ? ALLOWED[own].some((a) => a.startsWith("..") && target.startsWith(a + "/"))
        : folderOf(target) === own || ALLOWED[own].includes(folderOf(target));
      if (!ok) wrong.push(`${file} imports ${target}`);
    }
  }
  assert.deepEqual(wrong, []);
});

Deno.test("ssg layout: no source file is over 300 lines", () => {
  const long = files
    .map((f) => [f, texts.get(f)!.split("\n").length - 1] as const)
    .filter(([, lines]) => lines > 300)
    .map(([f, lines]) => `${f}: ${lines} lines`);
  assert.deepEqual(long, []);
});
