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
  md.block.tokenize = (state, startLine, endLine) => {
    if (state.level >= state.md.options.maxNesting!) {
      const line = state.skipEmptyLines(startLine);
      if (line < endLine && state.sCount[line] >= state.blkIndent) {
        const env = state.env as MarkdownEnv;
        throw new SiteError(
          `nested deeper than ${state.md.options.maxNesting} levels (quotes, lists); the text from here on would be lost`,
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
