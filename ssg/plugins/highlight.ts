import type { HLJSApi, LanguageFn } from "highlight.js";
import type { RendererRule } from "markdown-it";
import type { MarkdownEnv } from "../core/render.ts";
import type { Site } from "../core/site.ts";
import { extendMarkdown } from "./markdown.ts";

export interface Options {
  /** Label of the copy button, per page language. */
  copyLabel?: Record<string, string>;
}

export const defaults = {
  copyLabel: { zh: "复制", en: "Copy" },
} satisfies Required<Options>;

let loaded: Promise<HLJSApi> | undefined;

/** highlight.js with the languages a course's listings are written in, loaded once. */
function highlighter(): Promise<HLJSApi> {
  return loaded ??= (async () => {
    // Each language by its name, all loading at once.
    const languages: Array<[string, Promise<{ default: LanguageFn }>]> = [
      ["bash", import("highlight.js/lib/languages/bash")],
      ["javascript", import("highlight.js/lib/languages/javascript")],
      ["json", import("highlight.js/lib/languages/json")],
      ["plaintext", import("highlight.js/lib/languages/plaintext")],
      ["python", import("highlight.js/lib/languages/python")],
      ["typescript", import("highlight.js/lib/languages/typescript")],
      ["yaml", import("highlight.js/lib/languages/yaml")],
    ];
    const hljs = (await import("highlight.js/lib/core")).default as HLJSApi;
    for (const [name, language] of languages) hljs.registerLanguage(name, (await language).default);
    hljs.registerAliases(["py"], { languageName: "python" });
    hljs.registerAliases(["sh", "shell", "console"], { languageName: "bash" });
    hljs.registerAliases(["ts"], { languageName: "typescript" });
    hljs.registerAliases(["js"], { languageName: "javascript" });
    return hljs;
  })();
}

/**
 * Highlights fenced code at build time (highlight.js classes, no browser JS)
 * and adds a copy button that the page script reveals.
 */
export default function highlight(userOptions: Options = {}) {
  const options = { ...defaults, ...userOptions };
  return (site: Site) => {
    // Listings repeat across pages and rebuilds: highlight each distinct one once.
    const cache = new Map<string, string>();
    extendMarkdown(site, "highlight", async (md) => {
      const hljs = await highlighter();
      md.options.highlight = (code: string, lang: string) => {
        const name = lang.trim().split(/\s+/)[0].toLowerCase();
        if (!name || !hljs.getLanguage(name)) return "";
        const key = `${name}\n${code}`;
        let html = cache.get(key);
        if (html === undefined) {
          html = hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
          if (cache.size > 5000) cache.clear();
          cache.set(key, html);
        }
        return html;
      };
      const fence = md.renderer.rules.fence!;
      const labels: Record<string, string> = options.copyLabel;
      const rule: RendererRule = (tokens, idx, opts, env, self) => {
        // A listing that scrolls sideways must be reachable by keyboard.
        const html = fence(tokens, idx, opts, env, self).replace(/^<pre/, '<pre tabindex="0"');
        const lang = (env as MarkdownEnv).lang;
        const label = labels[lang] ?? Object.values(labels)[0];
        return `<div class="code-block"><button type="button" class="copy" hidden>${label}</button>${html}</div>\n`;
      };
      md.renderer.rules.fence = rule;
    });
  };
}
