/**
 * Markdown regions where `{{` is not a template tag: fenced code, inline code
 * and TeX. Before Vento runs over a page body, every `{` in those regions is
 * replaced by a stand-in character (same length, so error positions stay
 * true); after Vento, `restoreLiterals` puts the braces back.
 *
 * In TeX (`$…$`, `$$…$$`) one form stays a tag, so formulas can show computed
 * values: `{{` followed by a space, `$w = {{ fit.w }}$`. Any other `{{` there is
 * TeX grouping (`\frac{1}{{n}}`, `\text{{title}}`) and is left as written.
 */

const STAND_IN = "\uE000";
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Hides the braces of code and TeX from Vento; see the module comment. */
export function maskLiterals(body: string): string {
  if (!body.includes("{{")) return body;
  const lines = body.split("\n");
  const out: string[] = [];
  let text: string[] = [];
  let fence: string | undefined;
  const flush = () => {
    if (text.length) out.push(maskInline(text.join("\n")));
    text = [];
  };
  for (const line of lines) {
    if (fence) {
      out.push(hide(line));
      const close = line.trim();
      if (close.startsWith(fence) && /^(`+|~+)$/.test(close)) fence = undefined;
      continue;
    }
    const open = line.match(FENCE);
    if (
      open &&
      !(open[1][0] === "`" && line.slice(line.indexOf(open[1]) + open[1].length).includes("`"))
    ) {
      flush();
      fence = open[1];
      out.push(line);
      continue;
    }
    text.push(line);
  }
  flush();
  return out.join("\n");
}

/** Puts back the braces `maskLiterals` hid. */
export function restoreLiterals(text: string): string {
  return text.includes(STAND_IN) ? text.replaceAll(STAND_IN, "{") : text;
}

const hide = (s: string) => s.replaceAll("{", STAND_IN);

/** Masks inline code spans and TeX in running text; Vento tags outside them are kept. */
function maskInline(s: string): string {
  let out = "";
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === "\\") {
      out += s.slice(i, i + 2);
      i += 2;
    } else if (c === "{" && s[i + 1] === "{") {
      const end = tagEnd(s, i);
      out += s.slice(i, end);
      i = end;
    } else if (c === "`") {
      const run = s.slice(i).match(/^`+/)![0];
      const close = findRun(s, i + run.length, run);
      if (close < 0) {
        out += run;
        i += run.length;
      } else {
        out += run + hide(s.slice(i + run.length, close)) + run;
        i = close + run.length;
      }
    } else if (c === "$") {
      const display = s[i + 1] === "$";
      const end = display ? findDisplayEnd(s, i + 2) : findInlineEnd(s, i + 1);
      if (end < 0) {
        out += display ? "$$" : "$";
        i += display ? 2 : 1;
      } else {
        out += maskTex(s.slice(i, end));
        i = end;
      }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Index just past the `}}` closing the tag that starts at `from` (or the end of `s`). */
function tagEnd(s: string, from: number): number {
  const end = s.indexOf("}}", from + 2);
  return end < 0 ? s.length : end + 2;
}

/** Start of the next backtick run exactly as long as `run`, or -1. */
function findRun(s: string, from: number, run: string): number {
  const re = /`+/g;
  re.lastIndex = from;
  for (let m; (m = re.exec(s));) {
    if (m[0].length === run.length) return m.index;
    if (/\n[ \t]*\n/.test(s.slice(from, m.index))) return -1;
  }
  return -1;
}

/** Index just past the `$$` that closes display math, or -1. */
function findDisplayEnd(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (s[i] === "{" && s[i + 1] === "{" && /\s/.test(s[i + 2] ?? "")) i = tagEnd(s, i) - 1;
    else if (s[i] === "$" && s[i + 1] === "$") return i + 2;
  }
  return -1;
}

/** Index just past the `$` that closes inline math (as `$…$` is read by the math plugin), or -1. */
function findInlineEnd(s: string, from: number): number {
  if (/\s/.test(s[from] ?? " ")) return -1;
  for (let i = from; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (s[i] === "\n" && /^\n[ \t]*\n/.test(s.slice(i))) return -1;
    else if (s[i] === "{" && s[i + 1] === "{" && /\s/.test(s[i + 2] ?? "")) i = tagEnd(s, i) - 1;
    else if (s[i] === "$" && !/\s/.test(s[i - 1]) && !/\d/.test(s[i + 1] ?? "")) return i + 1;
  }
  return -1;
}

/** In TeX, `{{ ` starts a tag; every other brace is TeX's own. */
function maskTex(tex: string): string {
  let out = "";
  for (let i = 0; i < tex.length;) {
    if (tex[i] === "{" && tex[i + 1] === "{" && /\s/.test(tex[i + 2] ?? "")) {
      const end = tagEnd(tex, i);
      out += tex.slice(i, end);
      i = end;
    } else if (tex[i] === "\\") {
      out += hide(tex.slice(i, i + 2));
      i += 2;
    } else {
      out += hide(tex[i]);
      i++;
    }
  }
  return out;
}
