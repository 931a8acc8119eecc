import { lineColumn, SiteError } from "./errors.ts";
import { yaml } from "./yaml.ts";

/** A page source split into its YAML front matter and its body. */
export interface Split {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line of the file on which the body starts. */
  bodyLine: number;
}

const FENCE = /^---[ \t]*\r?\n/;

/**
 * Splits `---` front matter from a page and parses it as YAML.
 * Errors name the file and the line inside the whole file.
 */
export function splitFrontMatter(source: string, file: string): Split {
  if (!FENCE.test(source)) return { data: {}, body: source, bodyLine: 1 };
  const open = source.match(FENCE)![0].length;
  const close = /^---[ \t]*(\r?\n|$)/m;
  const rest = source.slice(open);
  const end = rest.search(close);
  if (end < 0) {
    throw new SiteError("front matter starts with --- but has no closing ---", {
      file,
      line: 1,
      column: 1,
      source,
    });
  }
  const text = rest.slice(0, end);
  const closing = rest.slice(end).match(close)![0];
  const bodyStart = open + end + closing.length;
  const body = source.slice(bodyStart);
  // The dev server reloads every page on a save: unchanged front matter is parsed once.
  const head = source.slice(0, bodyStart);
  const known = parsed.get(head);
  // A copy: a page's data is its own to change.
  if (known) return { data: structuredClone(known.data), body, bodyLine: known.bodyLine };
  const plain = plainMapping(text);
  if (plain) return remember(head, plain, body, lineColumn(source, bodyStart).line);
  const doc = yaml().parseDocument(text, { prettyErrors: false });
  if (doc.errors.length) {
    const err = doc.errors[0];
    const at = lineColumn(source, open + (err.pos?.[0] ?? 0));
    const indented = misindentedKey(source, at.line, bodyStart);
    if (indented) {
      throw new SiteError(
        `bad YAML front matter: "${indented.key}:" is indented, so YAML reads it as part of the ` +
          "line above; front matter keys start at the beginning of a line",
        { file, line: indented.line, column: indented.column, source },
        { cause: err },
      );
    }
    throw new SiteError(`bad YAML front matter: ${err.message.split("\n")[0]}`, {
      file,
      ...at,
      source,
    }, { cause: err });
  }
  let data;
  try {
    data = doc.toJS() ?? {};
  } catch (error) {
    // yaml refuses aliases that expand too far (an "alias bomb"): point at the first alias.
    const alias = /(^|[\s[{,:-])\*[^\s,\]}]+/m.exec(text);
    const at = lineColumn(source, open + (alias ? alias.index + alias[1].length : 0));
    throw new SiteError(
      `bad YAML front matter: ${(error as Error).message.split("\n")[0]}` +
        (alias ? " (aliases such as this one expand too far)" : ""),
      { file, ...at, source },
      { cause: error },
    );
  }
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new SiteError("front matter must be a YAML mapping (key: value lines)", {
      file,
      line: 2,
      column: 1,
      source,
    });
  }
  return remember(head, data, body, lineColumn(source, bodyStart).line);
}

function remember(head: string, data: Record<string, unknown>, body: string, bodyLine: number) {
  if (parsed.size >= 10_000) parsed.clear();
  parsed.set(head, { data: structuredClone(data), bodyLine });
  return { data, body, bodyLine };
}

/** Keys YAML may read as something other than their text. */
const KEYWORD = /^(?:null|true|false|y|n|yes|no|on|off)$/i;

/** A `key: value` line whose value is a plain scalar: no quotes, flow, anchors, tags or comments. */
const PLAIN_LINE = /^([A-Za-z_][\w-]*):(?: ([^\-?:,\[\]{}#&*!|>'"%@`\s][^\t\r]*?))?$/;

/**
 * Front matter made only of `key: value` lines, each value a word, a sentence, a whole number
 * or true/false, as the YAML parser would read it, without the parser (~0.1 ms a page, a tenth
 * of reading a thousand pages). Anything else (quotes, lists, nesting, comments, other numbers,
 * null) is the parser's: undefined.
 */
export function plainMapping(yaml: string): Record<string, unknown> | undefined {
  const data: Record<string, unknown> = {};
  for (const line of yaml.split("\n")) {
    if (line === "") continue;
    const m = PLAIN_LINE.exec(line);
    if (!m || m[1] in data || m[2] === undefined || KEYWORD.test(m[1])) return undefined;
    const value = m[2];
    if (/[\s]$|: | #/.test(value) || value.endsWith(":")) return undefined;
    if (/^(?:0|[1-9][0-9]{0,14})$/.test(value)) data[m[1]] = Number(value);
    else if (value === "true" || value === "false") data[m[1]] = value === "true";
    // Other numbers, null, and words YAML reads as such are left to the parser.
    else if (/^[0-9+.~]|^(?:null|true|false)$/i.test(value)) return undefined;
    else data[m[1]] = value;
  }
  return data;
}

/** Front matter already parsed, by its text (fences included). */
const parsed = new Map<string, { data: Record<string, unknown>; bodyLine: number }>();

/** An indented `key:` line right after the top-level line `line` (a mis-indented key). */
function misindentedKey(source: string, line: number, end: number) {
  const lines = source.slice(0, end).split("\n");
  if (/^\s/.test(lines[line - 1] ?? "")) return undefined;
  const m = (lines[line] ?? "").match(/^(\s+)([\w-]+):(\s|$)/);
  return m ? { key: m[2], line: line + 1, column: m[1].length + 1 } : undefined;
}

/** 1-based line of `key:` inside the front matter, for error messages. */
export function keyLine(source: string, key: string): number {
  const lines = source.split("\n");
  const i = lines.findIndex((l, n) => n > 0 && l.startsWith(`${key}:`));
  return i < 0 ? 1 : i + 1;
}
