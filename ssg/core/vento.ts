import vento from "ventojs";
import type { Environment, Loader, Template, TemplateSource } from "ventojs/core/environment.js";
import { lineColumn, SiteError } from "./errors.ts";
import { isFile } from "./load.ts";
import { didYouMean } from "./props.ts";
import { resolvePath } from "./options.ts";

/** Whether `path`, symbolic links followed, is still inside `dir`. */
function within(path: string, dir: string): boolean {
  try {
    return Deno.realPathSync(path).startsWith(Deno.realPathSync(dir) + "/");
  } catch {
    return false;
  }
}

/**
 * Looks templates up in several folders in turn: the source's `_includes/`
 * first, then the project's own, so a `--src` folder inherits the theme.
 */
export class LayeredLoader implements Loader {
  /** Paths found so far: a loader lives for one build, in which the folders do not change. */
  #found = new Map<string, string>();

  constructor(public dirs: string[]) {}

  async load(file: string): Promise<TemplateSource> {
    return { source: await Deno.readTextFile(file) };
  }

  /** Only files inside one of the folders resolve: `../../` cannot reach out of them. */
  resolve(from: string, file: string): string {
    const relative = file.startsWith(".") && from.startsWith("/");
    const key = relative ? `${from}\0${file}` : file;
    const known = this.#found.get(key);
    if (known) return known;
    for (const dir of this.dirs) {
      const path = relative
        ? resolvePath(from.slice(0, from.lastIndexOf("/")), file)
        : resolvePath(dir, file.replace(/^\/+/, ""));
      if (path.startsWith(dir + "/") && isFile(path) && within(path, dir)) {
        this.#found.set(key, path);
        return path;
      }
    }
    throw new Error(`template "${file}" not found in ${this.dirs.join(" or ")}`);
  }
}

/** Data key holding the templates an include was reached through (never a template name). */
const INCLUDES = Symbol("includes");
/** Deeper than this, nesting is a mistake even without a loop. */
const MAX_INCLUDE_DEPTH = 32;

/** A dotted name, `lecture4.sgd.final`: read link by link, so the first missing one is named. */
const MEMBER_CHAIN = /^\s*[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)+\s*$/;

/**
 * Prints `{{ value }}` as Vento does, except that a value that is undefined, at
 * any depth (`{{ lecture4.sgd.fnal }}`, a typo), is an error at its tag rather
 * than an empty string. A dotted name is read link by link: the message names
 * the first link that is missing and what its parent has, with a did-you-mean.
 * It goes last among the tags, where Vento would print an expression.
 */
function printDefined(env: Environment) {
  Object.assign(env.utils, { readMember, undefinedValue });
  env.tags.push((env, [, code], output, tokens) => {
    const value = env.getTempVariable();
    const printed = env.compileFilters(tokens, value, env.options.autoescape);
    const text = JSON.stringify(code.trim());
    let read = `(${code})`;
    if (MEMBER_CHAIN.test(code)) {
      const [root, ...keys] = code.split(".").map((k) => k.trim());
      read = `__env.utils.readMember(${root}, ${JSON.stringify([root, ...keys])})`;
    }
    return `{ const ${value} = ${read};
if (${value} === undefined) __env.utils.undefinedValue(${text});
${output} += (${printed}) ?? ""; }`;
  });
}

/** `root.b.c…` for `names` [a, b, c…], throwing at the first link that is undefined or null. */
function readMember(root: unknown, names: string[]): unknown {
  const [first, ...keys] = names;
  const whole = names.join(".");
  let value = root;
  let name = first;
  for (const key of keys) {
    if (value === undefined || value === null) {
      throw new Error(`"${whole}" cannot be read: "${name}" is ${value}`);
    }
    const parent = value as Record<string, unknown>;
    value = parent[key];
    if (value === undefined && !(key in Object(parent))) {
      const known = typeof parent === "object" ? Object.keys(parent) : [];
      const near = didYouMean(key, known);
      const hint = near
        ? ` (did you mean "${name}.${near}"?)`
        : known.length
        ? ` (${name} has ${known.slice(0, 12).join(", ")}${known.length > 12 ? ", …" : ""})`
        : "";
      throw new Error(`"${whole}" is undefined: ${name} has no "${key}"${hint}`);
    }
    name = `${name}.${key}`;
  }
  return value;
}

function undefinedValue(code: string): never {
  throw new Error(`"${code}" is undefined`);
}

/**
 * A Vento environment as Lume sets it up (raw output, `it` for page data),
 * except that layouts and includes, like pages, may not use undefined names,
 * and a value printed may not be undefined at any depth.
 */
export function createVento(includeDirs: string[]): Environment {
  const env = vento({ includes: new LayeredLoader(includeDirs), autoescape: false });
  env.use(printDefined);
  const root = Deno.cwd() + "/";
  env.run = async (file, data = {}, from, position) => {
    const template = await env.load(file, from, position);
    const path = template.path ?? file;
    const rel = path.startsWith(root) ? path.slice(root.length) : path;
    // Includes and layouts pass their data on, and with it the chain of files that led here.
    const chain = (data as { [INCLUDES]?: string[] })[INCLUDES] ?? [];
    if (chain.includes(rel) || chain.length >= MAX_INCLUDE_DEPTH) {
      const loop = [...chain, rel].join(" → ");
      throw new Error(
        chain.includes(rel)
          ? `include loop: ${loop}`
          : `includes nested more than ${MAX_INCLUDE_DEPTH} deep: ${loop}`,
      );
    }
    checkNames(template, template.source, data, {
      file: rel,
      source: template.source,
      line: 1,
    });
    return await template({ ...data, [INCLUDES]: [...chain, rel] });
  };
  return env;
}

/** What checkNames learns of a compiled template once: it repeats on every page (layouts). */
interface Names {
  /** Names the compiled code reads from the data. */
  reads: string[];
  /** Names the template declares itself. */
  local: Set<string>;
  /** Offset of the first tag mentioning a name (undefined: none, Vento's own use). */
  tags: Map<string, number | undefined>;
}
const namesOf = new WeakMap<Template, Names>();

/** Throws for the first name `fn` reads that `data`, globals and the template itself lack. */
function checkNames(fn: Template, template: string, data: Record<string, unknown>, origin: Origin) {
  let known = namesOf.get(fn);
  if (!known) {
    known = {
      reads: fn.code.match(/var \{([^}]*)\} = it;/)?.[1].split(",") ?? [],
      local: declared(template),
      tags: new Map(),
    };
    namesOf.set(fn, known);
  }
  for (const name of known.reads) {
    if (!(name in data) && !(name in globalThis) && !known.local.has(name)) {
      // Names only Vento's own generated code uses (filters' `data`, `env`) are not in any tag.
      if (!known.tags.has(name)) known.tags.set(name, firstTagWith(template, name));
      const at = known.tags.get(name);
      if (at !== undefined) throw positioned(`"${name}" is not defined`, template, at, origin);
    }
  }
}

const compiledBy = new WeakMap<Environment, Map<string, Template>>();

/** What to map an error back to: the file, its full text, and where the template starts in it. */
export interface Origin {
  file: string;
  source: string;
  /** 1-based line of the file on which the template text starts. */
  line: number;
}

/**
 * Compiles and runs `template` with `data`. Names the template uses that `data`
 * and the global scope lack are an error (Vento would print "undefined").
 * Errors come back as SiteErrors pointing at the file, line and column.
 */
export async function runTemplate(
  env: Environment,
  template: string,
  data: Record<string, unknown>,
  origin: Origin,
): Promise<string> {
  // Most Markdown bodies have no tags at all: nothing to run.
  if (!template.includes("{{")) return template;
  let compiled = compiledBy.get(env);
  if (!compiled) compiledBy.set(env, compiled = new Map());
  let fn = compiled.get(template);
  if (!fn) {
    try {
      fn = env.compile(template, origin.file);
    } catch (error) {
      throw await locate(env, error, template, origin);
    }
    // Layouts repeat on every page: compile each distinct text once.
    compiled.set(template, fn);
  }
  checkNames(fn, template, data, origin);
  try {
    return (await fn({ ...data, [INCLUDES]: [origin.file] })).content;
  } catch (error) {
    throw await locate(env, error, template, origin);
  }
}

async function locate(env: Environment, error: unknown, template: string, origin: Origin) {
  if (error instanceof SiteError) return error;
  const e = error as Error & { position?: number; getContext?: () => Promise<unknown> };
  const cause = (e.cause ?? e) as Error;
  if (cause instanceof SiteError) return cause;
  const message = cause.message || String(error);
  // An error inside an included template or parent layout carries that file's context.
  const ctx = await Promise.resolve().then(() => e.getContext?.()).catch(() => undefined) as
    | { file?: string; source?: string; position?: number }
    | undefined;
  if (ctx?.file && ctx.file !== origin.file && ctx.source && ctx.position !== undefined) {
    const root = Deno.cwd() + "/";
    const file = ctx.file.startsWith(root) ? ctx.file.slice(root.length) : ctx.file;
    return positioned(message, ctx.source, ctx.position, { file, source: ctx.source, line: 1 });
  }
  let position = e.position;
  if (position === undefined || (position === 0 && e.name === "SyntaxError")) {
    position = syntaxErrorTag(env, template);
  }
  if (position === undefined) {
    return new SiteError(message, { file: origin.file, source: origin.source }, { cause: error });
  }
  return positioned(message, template, position, origin, error);
}

function positioned(
  message: string,
  template: string,
  position: number,
  origin: Origin,
  cause?: unknown,
) {
  const { line, column } = lineColumn(template, position);
  return new SiteError(message, {
    file: origin.file,
    line: origin.line + line - 1,
    column,
    source: origin.source,
  }, { cause });
}

/** Names a template declares itself: loop variables, `set`, `function` and `import` names. */
function declared(template: string): Set<string> {
  const names = new Set<string>();
  const words = (s: string) => s.match(/[A-Za-z_$][\w$]*/g) ?? [];
  for (const [, tag] of template.matchAll(/\{\{-?\s*([\s\S]*?)\s*-?\}\}/g)) {
    for (const a of tag.matchAll(/(?:\(([^()]*)\)|([A-Za-z_$][\w$]*))\s*=>/g)) {
      words(a[1] ?? a[2]).forEach((w) => names.add(w));
    }
    let m;
    if ((m = tag.match(/^for\s+(?:await\s+)?([\s\S]+?)\s+of\s/))) {
      words(m[1]).forEach((w) => names.add(w));
    } else if ((m = tag.match(/^(?:set|export)\s+([A-Za-z_$][\w$]*)/))) names.add(m[1]);
    else if ((m = tag.match(/^(?:export\s+)?(?:async\s+)?function\s+([\w$]+)\s*\(([^)]*)\)/))) {
      [m[1], ...words(m[2])].forEach((w) => names.add(w));
    } else if ((m = tag.match(/^import\s+([\s\S]+?)\s+from\s/))) {
      words(m[1]).forEach((w) => names.add(w));
    }
  }
  return names;
}

/** Offset of the first `{{ }}` tag that mentions `name` as a word. */
function firstTagWith(template: string, name: string): number | undefined {
  const n = name.replace(/\$/g, "\\$");
  // An object key (`{ n: 1 }`, `, n: 1`) is not a read of `n`.
  const word = new RegExp(`(^|[^\\w$.])(?!(?<=[{,]\\s*)${n}\\s*:)${n}(?![\\w$])`);
  for (const m of template.matchAll(/\{\{[\s\S]*?\}\}/g)) {
    // A name inside a string literal (`data: "descent"`) is not a read of it.
    const code = m[0].replace(
      /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g,
      (q) => " ".repeat(q.length),
    );
    if (word.test(code)) return m.index;
  }
}

/** Vento reports JavaScript syntax errors without a position: find the tag that fails alone. */
function syntaxErrorTag(env: Environment, template: string): number | undefined {
  let tokens;
  try {
    tokens = env.tokenize(template);
  } catch (error) {
    return (error as { position?: number }).position;
  }
  for (const [type, code, position] of tokens) {
    if (type !== "tag") continue;
    try {
      env.compile(`{{ ${code} }}`);
    } catch (error) {
      if (error instanceof SyntaxError || (error as Error).name === "SyntaxError") return position;
    }
  }
}
