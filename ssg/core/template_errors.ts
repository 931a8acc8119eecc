/**
 * A template's mistakes at their file, line and column: names it reads that neither the page's
 * data, the globals nor the template itself define (Vento would print "undefined"), and Vento's
 * own errors mapped back from the template text to the file it came from (an include's or a
 * layout's own file when the error is there).
 */
import type { Environment, Template } from "ventojs/core/environment.js";
import { lineColumn, SiteError } from "./errors.ts";
import { relative } from "./fs.ts";
import { didYouMean } from "./props.ts";

/** What to map an error back to: the file, its full text, and where the template starts in it. */
export interface Origin {
  file: string;
  source: string;
  /** 1-based line of the file on which the template text starts. */
  line: number;
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
const namesCache = new WeakMap<Template, Names>();

/** What `fn` (compiled from `template`) reads and declares, worked out on its first run. */
function namesOf(fn: Template, template: string): Names {
  let known = namesCache.get(fn);
  if (!known) {
    known = {
      reads: fn.code.match(/var \{([^}]*)\} = it;/)?.[1].split(",") ?? [],
      local: declared(template),
      tags: new Map(),
    };
    namesCache.set(fn, known);
  }
  return known;
}

/** Names the compiled template `fn` reads from its data. */
export function readsOf(fn: Template, template: string): string[] {
  return namesOf(fn, template).reads;
}

/**
 * Throws for the first name `fn` reads that `data`, globals and the template itself lack,
 * with the nearest of the names `data`, the template and `more` have as a did-you-mean.
 */
export function checkNames(
  fn: Template,
  template: string,
  data: Record<string, unknown>,
  origin: Origin,
  more: Iterable<string> = [],
) {
  const known = namesOf(fn, template);
  for (const name of known.reads) {
    if (!(name in data) && !(name in globalThis) && !known.local.has(name)) {
      // Names only Vento's own generated code uses (filters' `data`, `env`) are not in any tag.
      if (!known.tags.has(name)) known.tags.set(name, firstTagWith(template, name));
      const at = known.tags.get(name);
      if (at === undefined) continue;
      const near = didYouMean(name, [...Object.keys(data), ...known.local, ...more]);
      const hint = near ? ` (did you mean "${near}"?)` : "";
      throw positioned(`"${name}" is not defined${hint}`, template, at, origin);
    }
  }
}

export async function locate(env: Environment, error: unknown, template: string, origin: Origin) {
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
    const file = relative(ctx.file);
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
