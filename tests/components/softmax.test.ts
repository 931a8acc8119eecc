/**
 * comp.Softmax's server render: the numbers a reader sees without JavaScript are the engine's
 * softmax, log-softmax and NLL loss, stable for large logits, in the page's language.
 */
import assert from "node:assert/strict";
import Softmax from "../../_components/softmax/mod.ts";
import type { ComponentContext } from "../../ssg/mod.ts";
import { crossEntropy, tensor } from "../../engine/mod.ts";

function ctx(lang: string): ComponentContext {
  return {
    page: { url: "/p/", lang, src: "p.md" },
    data: {},
    id: "softmax-1",
    tex: () => "",
    components: new Map(),
  };
}

/** The table's cells, row by row, as text. */
function cells(html: string): string[][] {
  const body = html.slice(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((m) =>
    [...m[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1])
  );
}

Deno.test("Softmax({ logits: [0.2, 0.1, -0.1] }): the course's sample, loss 0.9729", () => {
  const html = Softmax({ logits: [0.2, 0.1, -0.1], target: 0 }, ctx("zh"));
  const loss = crossEntropy(tensor([[0.2, 0.1, -0.1]]), [0]).item();
  assert.match(html, new RegExp(`<tr class="loss">.*<td colspan="2">${loss.toFixed(4)}</td>`));
  assert.equal(loss.toFixed(4), "0.9729");
  assert.deepEqual(cells(html)[0], ["0", "0.2", "1.2214", "0.3780", "✓"]);
  assert.match(html, /<title id="softmax-1-t">Softmax：logits → 概率 → 交叉熵<\/title>/);
  assert.match(html, /真实类别 0; 交叉熵损失 −log p = 0\.9729<\/desc>/);
});

Deno.test("Softmax: logits of ±20 give p = 1 and 0 and a finite loss, not NaN", () => {
  const html = Softmax({ logits: [20, -20], target: 1, limit: 20 }, ctx("en"));
  const rows = cells(html);
  assert.deepEqual(rows.map((r) => r[3]), ["1.0000", "0.0000"]);
  assert.equal(rows[0][2], "4.852e+8", "e^20 in exponent form");
  assert.match(html, /<td colspan="2">40\.0000<\/td>/, "−log p[1] = 40, from log-softmax");
  assert.doesNotMatch(html, /NaN|Infinity/);
  assert.match(html, /true class 1; cross-entropy loss −log p = 40\.0000<\/desc>/);
});

Deno.test("Softmax: labels name the classes in the bars and the table", () => {
  const html = Softmax(
    { logits: [1, 2, 0], target: 2, labels: ["cat", "dog", "<bird>"] },
    ctx("en"),
  );
  assert.match(html, /<text class="label"[^>]*>&lt;bird&gt; ✓<\/text>/);
  assert.deepEqual(cells(html).map((r) => r[0]), ["cat", "dog", "&lt;bird&gt;"]);
  assert.match(html, /<output class="readout" for="softmax-1">p\[&lt;bird&gt;\] = 0\.0900/);
});
