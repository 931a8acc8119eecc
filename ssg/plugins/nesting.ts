import type { MarkdownIt } from "markdown-it";
import { SiteError } from "../core/errors.ts";
import type { MarkdownEnv } from "../core/render.ts";

/**
 * markdown-it stops reading a block nested deeper than `maxNesting` (quotes
 * in lists in quotes…) and drops the rest of it without a word. This makes
 * that an error naming the page and the line where the text would be lost.
 */
export function guardNesting(md: MarkdownIt): void {
  const tokenize = md.block.tokenize.bind(md.block);
  /** markdown-it's own limit (an option its type declarations leave out). */
  const limit = (state: { md: MarkdownIt }) =>
    (state.md.options as { maxNesting?: number }).maxNesting ?? 100;
  md.block.tokenize = (state, startLine, endLine) => {
    if (state.level >= limit(state)) {
      const line = state.skipEmptyLines(startLine);
      if (line < endLine && state.sCount[line] >= state.blkIndent) {
        const env = state.env as MarkdownEnv;
        throw new SiteError(
          `nested deeper than ${
            limit(state)
          } levels (quotes, lists); the text from here on would be lost`,
          {
            file: env.file ?? "",
            line: env.bodyLine !== undefined ? env.bodyLine + line : undefined,
            column: 1,
            source: env.source,
          },
        );
      }
    }
    tokenize(state, startLine, endLine);
  };
}
