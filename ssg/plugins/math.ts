import { createRequire } from "node:module";
import type { RendererRule, StateCore, Token } from "markdown-it";
import { lineColumn, SiteError } from "../core/errors.ts";
import type { MarkdownEnv } from "../core/render.ts";
import type { Site } from "../core/site.ts";
import { compactor } from "./katex_compact.ts";
import { extendMarkdown } from "./markdown.ts";

export interface Options {
  /** TeX macros shared by every formula, e.g. `{ "\\R": "\\mathbb{R}" }`. */
  macros?: Record<string, string>;
  /** Where KaTeX's CSS and fonts go in the output. */
  assetsDir?: string;
}

export const defaults = {
  macros: {},
  assetsDir: "assets/katex",
} satisfies Required<Options>;

/**
 * `html` as one piece of memory. KaTeX builds its markup from thousands of
 * small strings; V8 joins them in place when a string is read as a number, so
 * each page that repeats a formula copies one piece instead of walking them
 * all: encoding the synthetic corpus's pages to UTF-8 takes about half as long.
 */
function flat(html: string): string {
  Number(html);
  return html;
}

/**
 * `$…$` and `$$…$$` rendered by KaTeX at build time: HTML and CSS only, compacted
 * (`katex_compact.ts`). Each distinct formula is typeset once per build; bad TeX fails the build
 * with the file and line. Pages with math link KaTeX's CSS; its fonts are copied.
 */
export default function math(userOptions: Options = {}) {
  const options = { ...defaults, ...userOptions };
  return (site: Site) => {
    const css = `${options.assetsDir}/katex.min.css`;
    const require = createRequire(import.meta.url);
    const dist = require.resolve("katex/dist/katex.min.css").replace(/\/katex\.min\.css$/, "");
    /** KaTeX's stylesheet and the compaction of its markup (katex_compact.ts), made once. */
    let compacted: ReturnType<typeof compactor> | undefined;
    // Every browser that runs this site reads woff2: the woff/ttf fallbacks are dropped.
    const compact = () =>
      compacted ??= compactor(
        Deno.readTextFileSync(`${dist}/katex.min.css`)
          .replace(/,url\(fonts\/[^)]+\.(woff|ttf)\) format\("(woff|truetype)"\)/g, ""),
      );
    extendMarkdown(site, "math", async (md) => {
      const [{ default: katex }, { tex }] = await Promise.all([
        import("katex"),
        import("@mdit/plugin-tex"),
      ]);
      const markup = compact();
      const cache = new Map<string, string | Error>();
      /** Each distinct formula typeset once per build: its HTML, or KaTeX's parse error. */
      const typeset = (content: string, display: boolean): string | Error => {
        const key = (display ? "D" : "I") + content;
        let html = cache.get(key);
        if (html === undefined) {
          try {
            html = flat(
              markup.html(katex.renderToString(content, {
                displayMode: display,
                throwOnError: true,
                strict: "ignore",
                macros: { ...options.macros },
              })),
            );
          } catch (error) {
            html = error as Error;
          }
          cache.set(key, html);
        }
        return html;
      };
      const render = (content: string, display: boolean, env: MarkdownEnv, line: number) => {
        env.assets.add(css);
        const html = typeset(content, display);
        if (html instanceof Error) throw texError(html, content, env, line);
        return display ? `<div class="math-display">${html}</div>\n` : html;
      };
      site.tex = {
        css,
        render(content, display) {
          const html = typeset(content, display);
          if (html instanceof Error) {
            throw new Error(`bad TeX: ${html.message.replace(/^KaTeX parse error: /, "")}`);
          }
          return display ? `<div class="math-display">${html}</div>` : html;
        },
      };
      md.use(tex, { delimiters: "dollars", render: () => "" });
      md.core.ruler.push("math_lines", (state: StateCore) => {
        for (const t of state.tokens) {
          if (t.type !== "inline" || !t.map || !t.children) continue;
          let line = t.map[0];
          for (const c of t.children) {
            if (c.type === "softbreak" || c.type === "hardbreak") line++;
            else if (c.type === "math_inline") c.meta = { line };
          }
        }
      });
      const lineOf = (t: Token) => (t.meta?.line ?? t.map?.[0] ?? 0) as number;
      const rule = (display: boolean): RendererRule => (tokens, idx, _o, env) =>
        render(tokens[idx].content, display, env as MarkdownEnv, lineOf(tokens[idx]));
      md.renderer.rules.math_inline = rule(false);
      md.renderer.rules.math_block = rule(true);
    });

    /** KaTeX's fonts, read once: the dev server's every rebuild writes them again. */
    let fonts: Promise<Array<[string, Uint8Array]>> | undefined;
    site.finish(async (output) => {
      output.set(css, compact().css);
      fonts ??= Promise.all(
        [...Deno.readDirSync(`${dist}/fonts`)].map((e) => e.name).filter((f) =>
          f.endsWith(".woff2")
        )
          .sort().map(async (f) =>
            [f, await Deno.readFile(`${dist}/fonts/${f}`)] as [string, Uint8Array]
          ),
      );
      for (const [f, bytes] of await fonts) output.set(`${options.assetsDir}/fonts/${f}`, bytes);
    });
  };
}

/** KaTeX's ParseError as a SiteError at the line and column (in the page file) of the fault. */
function texError(error: Error, content: string, env: MarkdownEnv, line: number): SiteError {
  const lines = env.source.split("\n");
  const guess = env.bodyLine + line;
  const texLines = content.split("\n");
  const k = Math.max(0, texLines.findIndex((l) => l.trim()));
  const first = texLines[k].trim();
  let best = guess;
  let dist = Infinity;
  lines.forEach((l, i) => {
    if (l.includes(first) && Math.abs(i + 1 - guess) < dist) {
      dist = Math.abs(i + 1 - guess);
      best = i + 1;
    }
  });
  // The fault's line and column inside the formula, then in the file.
  const pos = (error as { position?: number }).position ?? 0;
  const inTex = lineColumn(content, Math.min(pos, content.length));
  const at = Math.max(inTex.line - 1, k);
  const fileLine = best + at - k;
  const written = lines[fileLine - 1] ?? "";
  const start = written.indexOf(texLines[at].trim());
  const lead = texLines[at].length - texLines[at].trimStart().length;
  const column = start >= 0 ? start + 1 + Math.max(0, inTex.column - 1 - lead) : 1;
  const raw = (error as { rawMessage?: string }).rawMessage ?? error.message;
  const message = raw.replace(/^KaTeX parse error: /, "").replace(/\u0332/g, "");
  return new SiteError(`bad TeX: ${message}`, {
    file: env.file,
    line: fileLine,
    column,
    source: env.source,
  }, { cause: error });
}
