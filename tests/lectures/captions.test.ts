/**
 * What a chart's caption says without JavaScript: the page is read with scripts off and in print,
 * where nothing can be dragged or clicked. A caption (the author's words and the component's
 * readout) names no pointer or keyboard gesture; the interaction hints components add are hidden
 * until their script has run, and are left out here.
 */
import assert from "node:assert/strict";
import { renderSite, text } from "../helpers.ts";
import { scriptOffText } from "./script_off.ts";

const { output, pages } = await renderSite({});

/** Words that ask the reader to act on a chart. */
const GESTURE =
  /\b(?:drag\w*|click\w*|sliders?|mouse|hover\w*|point at|arrow keys?)\b|拖|点击|滑块|鼠标|指针|方向键/i;

/** The captions of a page as a reader sees them with JavaScript off. */
export function staticCaptions(html: string): string[] {
  return [...html.matchAll(/<figcaption>([\s\S]*?)<\/figcaption>/g)].map((m) =>
    scriptOffText(m[1]).replace(/\s+/g, " ").trim()
  );
}

Deno.test("staticCaptions() keeps the author's words and the readout, drops script-only hints", () => {
  const html = `<figure><figcaption>The loss. <output>w = 1.0</output>` +
    `<span class="keys" hidden>Drag the curve</span></figcaption></figure>` +
    `<figure><figcaption>Logits. <span class="hint">Drag a bar</span></figcaption></figure>`;
  assert.deepEqual(staticCaptions(html), ["The loss. w = 1.0", "Logits."]);
});

const lectures = pages.filter((p) => /(?:^|\/)lectures\/[^/]+\.md$/.test(p.src)).sort((a, b) =>
  a.src < b.src ? -1 : 1
);
for (const page of lectures) {
  const file = page.src.slice(page.src.indexOf("lectures/"));
  Deno.test({
    name: `${file}: no chart caption asks to drag or click where scripts are off`,
    fn() {
      const html = text(output, `${page.url.slice(1)}index.html`);
      const asking = staticCaptions(html).filter((c) => GESTURE.test(c));
      assert.deepEqual(asking, [], `${file}: say it in the prose, or in the component's hint`);
    },
  });
}
