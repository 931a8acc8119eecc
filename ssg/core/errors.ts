/**
 * Errors that know where they happened: file, line and column, plus the
 * source text so they can print the offending line with a caret.
 */

const WIDE =
  /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/g;

/** Where in a source file something went wrong (1-based line and column). */
export interface Location {
  file: string;
  line?: number;
  column?: number;
  /** Full text of the file, for the excerpt. */
  source?: string;
}

/** A build error with a location. `cause` keeps the original error. */
export class SiteError extends Error {
  override name = "SiteError";
  constructor(message: string, public location: Location, options?: { cause?: unknown }) {
    super(message, options);
  }

  /** `file:line:col` */
  get where(): string {
    const { file, line, column } = this.location;
    return [file, line, line ? column ?? 1 : undefined].filter((x) => x !== undefined).join(":");
  }

  /** Up to three lines of source ending at the error line, and a caret under the column. */
  excerpt(): string {
    const { source, line, column } = this.location;
    if (source === undefined || !line) return "";
    const lines = source.split("\n");
    const from = Math.max(1, line - 2);
    const width = String(line).length;
    const out: string[] = [];
    for (let n = from; n <= Math.min(line, lines.length); n++) {
      out.push(` ${String(n).padStart(width)} | ${lines[n - 1]}`);
    }
    const before = (lines[line - 1] ?? "").slice(0, Math.max(0, (column ?? 1) - 1));
    // Chinese characters take two columns in a terminal: keep the caret under its target.
    const pad = before.replace(WIDE, "  ").replace(/[^ \t]/g, " ");
    out.push(` ${" ".repeat(width)} | ${pad}^`);
    return out.join("\n");
  }

  /** The printout used by the CLI and the dev server's overlay. */
  format(): string {
    const excerpt = this.excerpt();
    return `${this.where}: ${this.message}${excerpt ? "\n" + excerpt : ""}`;
  }
}

/** Converts a character offset in `source` to a 1-based line and column. */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** Wraps any error as a SiteError for `file`, keeping an existing location. */
export function toSiteError(error: unknown, file: string, source?: string): SiteError {
  if (error instanceof SiteError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SiteError(message, { file, source }, { cause: error });
}
