import vento from "ventojs";
import type { Environment, Template } from "ventojs/core/environment.js";
import { SiteError, toSiteError } from "./errors.ts";
import { relative } from "./fs.ts";
import { didYouMean } from "./props.ts";
import { LayeredLoader } from "./template_loader.ts";
import { checkNames, locate, type Origin, readsOf } from "./template_errors.ts";
import type { DataModules } from "./load.ts";

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

/** The `_data` code modules each environment's templates may read (see withModules). */
const modulesOf = new WeakMap<Environment, DataModules>();

/**
 * `data` with the `_data` code modules that `fn`, compiled from `file`, reads and `data` lacks:
 * a module is imported when the first template that reads its name runs, and not at all if none
 * does. A module that fails is named, and so is the template that read it.
 */
async function withModules(
  env: Environment,
  fn: Template,
  template: string,
  data: Record<string, unknown>,
  file: string,
): Promise<Record<string, unknown>> {
  const modules = modulesOf.get(env);
  if (!modules?.size) return data;
  let added: Record<string, unknown> | undefined;
  for (const name of readsOf(fn, template)) {
    const load = modules.get(name);
    if (!load || name in data) continue;
    try {
      (added ??= {})[name] = await load();
    } catch (error) {
      const e = toSiteError(error, file);
      throw new SiteError(`${e.message} (read as "${name}" by ${file})`, e.location, { cause: e });
    }
  }
  return added ? { ...data, ...added } : data;
}

/**
 * A Vento environment as Lume sets it up (raw output, `it` for page data),
 * except that layouts and includes, like pages, may not use undefined names,
 * and a value printed may not be undefined at any depth. Templates read the
 * `_data` code modules of `modules` by name, each imported when first read.
 */
export function createVento(includeDirs: string[], modules: DataModules = new Map()): Environment {
  const env = vento({ includes: new LayeredLoader(includeDirs), autoescape: false });
  modulesOf.set(env, modules);
  env.use(printDefined);
  env.run = async (file, given = {}, from, position) => {
    const template = await env.load(file, from, position);
    const path = template.path ?? file;
    const rel = relative(path);
    // Includes and layouts pass their data on, and with it the chain of files that led here.
    const chain = (given as { [INCLUDES]?: string[] })[INCLUDES] ?? [];
    if (chain.includes(rel) || chain.length >= MAX_INCLUDE_DEPTH) {
      const loop = [...chain, rel].join(" → ");
      throw new Error(
        chain.includes(rel)
          ? `include loop: ${loop}`
          : `includes nested more than ${MAX_INCLUDE_DEPTH} deep: ${loop}`,
      );
    }
    const data = await withModules(env, template, template.source, given, rel);
    checkNames(template, template.source, data, {
      file: rel,
      source: template.source,
      line: 1,
    }, modules.keys());
    return await template({ ...data, [INCLUDES]: [...chain, rel] });
  };
  return env;
}

const compiledBy = new WeakMap<Environment, Map<string, Template>>();

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
  const all = await withModules(env, fn, template, data, origin.file);
  checkNames(fn, template, all, origin, modulesOf.get(env)?.keys());
  try {
    return (await fn({ ...all, [INCLUDES]: [origin.file] })).content;
  } catch (error) {
    throw await locate(env, error, template, origin);
  }
}
