import type { MarkdownIt, MarkdownItOptions, PluginWithParams, Token } from "markdown-it";
import type { MarkdownEnv, TocEntry } from "../core/render.ts";
import type { Site } from "../core/site.ts";
import { guardNesting } from "./nesting.ts";

export interface Options {
  /** Heading levels listed in a page's table of contents. */
  tocLevels?: number[];
  /** Heading levels that get an id and a `#` permalink. */
  anchorLevels?: number[];
  /** Passed to markdown-it (`html` is on so components can emit HTML). */
  markdownIt?: MarkdownItOptions;
  /**
   * Chinese, Japanese and Korean text: emphasis works beside CJK punctuation
   * (`**代价：**它`), and a line break between two CJK characters is dropped.
   */
  cjk?: boolean;
  /**
   * markdown-it plugins, as Lume's `markdown({ plugins })` takes them: a plugin, or a plugin and
   * its options (`[footnote]`, `[[container, "tip"]]`). They are added where pages render, when
   * the parser is made: after its own (ids, CJK, the table of contents), before what plugins
   * used after markdown() add to it (math(), highlight(): see extendMarkdown()).
   */
  plugins?: Array<PluginWithParams | [PluginWithParams, ...unknown[]]>;
}

export const defaults = {
  tocLevels: [2, 3],
  anchorLevels: [1, 2, 3, 4],
  markdownIt: { html: true, linkify: false, typographer: false },
  cjk: true,
  plugins: [],
} satisfies Required<Options>;

/**
 * Heading ids that read as the heading: letters and digits of any script kept,
 * spaces to `-`. `## 2.1 线性模型` → `21-线性模型`.
 */
export function slugify(text: string): string {
  return text.normalize("NFKC").trim().toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s+/g, "-") || "section";
}

/** Sites that use markdown(): other plugins may extend its parser (extendMarkdown). */
const withMarkdown = new WeakSet<Site>();

/**
 * Markdown pages with markdown-it, readable heading ids and a table of contents. The parser is
 * made where pages render (Site.beforeRender), and markdown-it and its plugins load there only.
 */
export default function markdown(userOptions: Options = {}) {
  const options = { ...defaults, ...userOptions };
  return (site: Site) => {
    withMarkdown.add(site);
    site.beforeRender(async () => {
      site.markdown = await parser(options);
    });
  };
}

/** markdown-it as `options` ask for it. */
async function parser(options: Required<Options>): Promise<MarkdownIt> {
  const [{ default: markdownIt }, { default: anchor }, { default: cjkBreaks }, {
    default: cjkFriendly,
  }] = await Promise.all([
    import("markdown-it"),
    import("markdown-it-anchor"),
    import("markdown-it-cjk-breaks"),
    import("markdown-it-cjk-friendly"),
  ]);
  const md = markdownIt(options.markdownIt);
  joinOutput(md);
  guardNesting(md);
  if (options.cjk) {
    md.use(cjkFriendly);
    dropCjkBreaks(md, cjkBreaks);
  }
  md.use(anchor, {
    slugify,
    level: options.anchorLevels,
    permalink: anchor.permalink.linkInsideHeader({
      symbol: "#",
      placement: "after",
      ariaHidden: true,
      class: "anchor",
      // The TOC links every section for keyboards; the hidden # stays out of the tab order.
      renderAttrs: () => ({ tabindex: "-1" }),
    }),
  });
  md.core.ruler.push("toc", (state) => {
    const toc: TocEntry[] = [];
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      const level = Number(t.tag.slice(1));
      if (t.type !== "heading_open" || !options.tocLevels.includes(level)) continue;
      const text = (tokens[i + 1].children ?? [])
        .filter((c) => c.type === "text" || c.type === "code_inline" || c.type === "math_inline")
        .map((c) => c.content).join("").trim();
      toc.push({ level, id: String(t.attrGet("id") ?? ""), text });
    }
    (state.env as unknown as MarkdownEnv).toc = toc;
  });
  for (const plugin of options.plugins) {
    if (Array.isArray(plugin)) md.use(...plugin);
    else md.use(plugin);
  }
  return md;
}

/**
 * markdown-it's renderer with each token's HTML gathered in an array and joined once, rather
 * than appended to a string token by token. Appending makes a chain of thousands of pieces per
 * page, which V8 walks to copy the page out flat when it is encoded: on the 1,000-page
 * synthetic corpus that took 64-77 ms of the page sandbox, and 47-49 ms with the pieces joined.
 */
function joinOutput(md: MarkdownIt): void {
  const renderer = md.renderer;
  const one = (tokens: Token[], i: number, options: MarkdownItOptions, env: unknown) => {
    const rule = renderer.rules[tokens[i].type];
    return rule
      ? rule(tokens, i, options, env, renderer)
      : renderer.renderToken(tokens, i, options);
  };
  renderer.renderInline = (tokens, options, env) => {
    const html: string[] = new Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) html[i] = one(tokens, i, options, env);
    return html.join("");
  };
  renderer.render = (tokens, options, env) => {
    const html: string[] = new Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      html[i] = tokens[i].type === "inline"
        ? renderer.renderInline(tokens[i].children ?? [], options, env)
        : one(tokens, i, options, env);
    }
    return html.join("");
  };
}

/**
 * markdown-it-cjk-breaks, run when the page renders: after every other plugin
 * has read the line breaks (line numbers for errors), and one break at a time
 * so that two breaks around an inline formula do not trip it up.
 */
function dropCjkBreaks(md: MarkdownIt, cjkBreaks: (md: never) => void) {
  type Rule = (state: { tokens: Array<{ type: string; children: Token[] }> }) => void;
  let rule: Rule | undefined;
  cjkBreaks({ core: { ruler: { push: (_: string, fn: Rule) => rule = fn } } } as never);
  const render = md.renderer.render.bind(md.renderer);
  md.renderer.render = (tokens, options, env) => {
    for (const t of tokens) {
      const kids = t.children ?? [];
      kids.forEach((k, i) => {
        if (k.type !== "softbreak") return;
        const isText = (c: Token) => c.type === "text" && c.content !== "";
        const before = kids.slice(0, i).findLast(isText);
        const after = kids.slice(i + 1).find(isText);
        const children = [before, k, after].filter((c): c is Token => c !== undefined);
        rule!({ tokens: [{ type: "inline", children }] });
      });
    }
    return render(tokens, options, env);
  };
}

/**
 * Has `extend` add to the site's markdown-it where pages render, once markdown() has made it
 * (Site.beforeRender). Throws now, naming `plugin`, if markdown() was not used before it.
 */
export function extendMarkdown(
  site: Site,
  plugin: string,
  extend: (md: MarkdownIt) => unknown,
): void {
  if (!withMarkdown.has(site)) {
    throw new Error(`${plugin}: needs the markdown plugin; put site.use(markdown()) before it`);
  }
  site.beforeRender(async () => {
    await extend(site.markdown!);
  });
}
