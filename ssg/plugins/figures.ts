import type { StateCore } from "markdown-it";
import type { Site } from "../core/site.ts";
import { extendMarkdown } from "./markdown.ts";

/** No options yet; the shape every plugin has. */
export type Options = Record<never, never>;

export const defaults = {} satisfies Required<Options>;

/**
 * An image alone in its paragraph with a title becomes a figure with that
 * title as caption: `![Loss against w](loss.svg "图 1：损失曲线")` →
 * `<figure><img …><figcaption>图 1：损失曲线</figcaption></figure>`.
 */
export default function figures(_options: Options = {}) {
  return (site: Site) => {
    extendMarkdown(site, "figures", (md) =>
      md.core.ruler.push("figures", (state: StateCore) => {
        const tokens = state.tokens;
        for (let i = 1; i < tokens.length - 1; i++) {
          const [open, inline, close] = [tokens[i - 1], tokens[i], tokens[i + 1]];
          if (open.type !== "paragraph_open" || close.type !== "paragraph_close") continue;
          const kids = inline.children ?? [];
          if (inline.type !== "inline" || kids.length !== 1 || kids[0].type !== "image") continue;
          const title = String(kids[0].attrGet("title") ?? "");
          if (!title) continue;
          kids[0].attrs = (kids[0].attrs ?? []).filter(([name]) => name !== "title");
          open.tag = close.tag = "figure";
          const caption = new state.Token("html_inline", "", 0);
          caption.content = `<figcaption>${md.utils.escapeHtml(title)}</figcaption>`;
          kids.push(caption);
        }
      }));
  };
}
