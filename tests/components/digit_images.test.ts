/**
 * comp.DigitImages's server render: each digit's ten probability bars, the predicted class green
 * when right and red when wrong, and the true class of a wrong prediction outlined so that a
 * reader finds it even when the network gave it almost nothing; bad samples fail at the call.
 */
import assert from "node:assert/strict";
import DigitImages from "../../_components/digit_images/mod.ts";
import type { ComponentContext } from "../../ssg/mod.ts";

function ctx(lang: string): ComponentContext {
  return {
    page: { url: "/p/", lang, src: "p.md" },
    data: {},
    id: "digit-images-1",
    tex: () => "",
    components: new Map(),
  };
}

const pixels = Array.from({ length: 64 }, (_, k) => (k % 9 === 0 ? 16 : 0));
/** Ten probabilities: `top` to one class, the rest shared by the others. */
function probs(top: number, p: number): number[] {
  return Array.from({ length: 10 }, (_, c) => (c === top ? p : (1 - p) / 9));
}

/** Each picture's marks: bar classes and heights, the outline, the bold digit, the text. */
function pictures(html: string) {
  return [...html.matchAll(/<li class="(right|wrong)">([\s\S]*?)<\/li>/g)].map((m) => ({
    kind: m[1],
    bars: [...m[2].matchAll(/<rect class="bar ?([a-z]*)"[^>]*height="([\d.]+)"/g)].map((b) => ({
      cls: b[1],
      height: Number(b[2]),
    })),
    slots: [...m[2].matchAll(/<rect class="slot" x="([\d.]+)" y="([\d.]+)"[^>]*height="([\d.]+)"/g)]
      .map((s) => ({ x: Number(s[1]), height: Number(s[3]) })),
    bold: [...m[2].matchAll(/<text[^>]*class="truth"[^>]*>(\d)<\/text>/g)].map((t) => t[1]),
    text: m[2].replace(/<svg[\s\S]*<\/svg>/, "").replace(/<[^>]+>/g, ""),
  }));
}

Deno.test("DigitImages: a right prediction's bar is green, the wrong one's red, its true class outlined", () => {
  const html = DigitImages({
    samples: [
      { pixels, label: 3, predicted: 3, p: probs(3, 0.9) },
      // The network gives the true class 6 almost nothing: 0.002.
      { pixels, label: 6, predicted: 1, p: probs(1, 0.982) },
    ],
  }, ctx("en"));
  const [right, wrong] = pictures(html);
  assert.equal(right.kind, "right");
  assert.deepEqual(right.bars.map((b) => b.cls).filter(Boolean), ["right"]);
  assert.equal(right.bars.findIndex((b) => b.cls === "right"), 3);
  assert.deepEqual(right.slots, [], "nothing to outline when the prediction is right");
  assert.deepEqual(right.bold, ["3"]);
  assert.equal(right.text.trim(), "true 3 · predicted 3 (0.90)");

  assert.equal(wrong.kind, "wrong");
  assert.equal(wrong.bars.findIndex((b) => b.cls === "wrong"), 1);
  // The outline spans the whole bar height (34 units), though the bar itself is a sliver.
  assert.equal(wrong.slots.length, 1);
  assert.ok(wrong.slots[0].height >= 30, `outline ${wrong.slots[0].height} high`);
  assert.ok(wrong.bars[6].height < 1, "the true class's own bar stays its probability's size");
  assert.ok(Math.abs(wrong.slots[0].x - 6 * 8) < 1, "the outline stands over class 6");
  assert.deepEqual(wrong.bold, ["6"]);
  assert.equal(wrong.text.trim(), "true 6 · predicted 1 (0.98) ✗");
});

Deno.test("DigitImages speaks the page's language", () => {
  const html = DigitImages(
    { samples: [{ pixels, label: 0, predicted: 0, p: probs(0, 1) }] },
    ctx("zh"),
  );
  assert.equal(pictures(html)[0].text.trim(), "真实 0 · 预测 0 (1.00)");
  assert.match(html, /aria-label="8×8 手写数字，真实类别 0，网络预测 0（概率 1\.00）"/);
});

Deno.test("bad DigitImages samples fail at the call, naming what is wrong", () => {
  const bad = (sample: Record<string, unknown>, message: RegExp) =>
    assert.throws(() => DigitImages({ samples: [sample] }, ctx("en")), message);
  bad({ pixels: pixels.slice(1), label: 0, predicted: 0, p: probs(0, 1) }, /64 numbers/);
  bad({ pixels, label: 10, predicted: 0, p: probs(0, 1) }, /label: a digit 0–9/);
  bad({ pixels, label: 0, predicted: 0, p: [1] }, /10 probabilities/);
});
