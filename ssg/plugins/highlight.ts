import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import plaintext from "highlight.js/lib/languages/plaintext";
import python from "highlight.js/lib/languages/python";
import typescript from "highlight.js/lib/languages/typescript";
import yaml from "highlight.js/lib/languages/yaml";
import type { RendererRule } from "markdown-it";
import type { MarkdownEnv } from "../core/render.ts";
import type { Site } from "../core/site.ts";
import { requireMarkdown } from "./markdown.ts";

export interface Options {
  /** Label of the copy button, per page language. */
  copyLabel?: Record<string, string>;
}

export const defaults = {
  copyLabel: { zh: "复制", en: "Copy" },
} satisfies Required<Options>;

const languages = { bash, javascript, json, plaintext, python, typescript, yaml };
for (const [name, lang] of Object.entries(languages)) hljs.registerLanguage(name, lang);
hljs.registerAliases(["py"], { languageName: "python" });
hljs.registerAliases(["sh", "shell", "console"], { languageName: "bash" });
hljs.registerAliases(["ts"], { languageName: "typescript" });
hljs.registerAliases(["js"], { languageName: "javascript" });

/**
 * Highlights fenced code at build time (highlight.js classes, no browser JS)
 * and adds a copy button that the page script reveals.
 */
export default function highlight(userOptions: Options = {}) {
  const options = { ...defaults, ...userOptions };
  return (site: Site) => {
    const md = requireMarkdown(site, "highlight");
    // Listings repeat across pages and rebuilds: highlight each distinct one once.
    const cache = new Map<string, string>();
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
  };
}
