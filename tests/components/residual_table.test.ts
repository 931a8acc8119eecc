import assert from "node:assert/strict";
import ResidualTable from "../../_components/residual_table.ts";

const zh = {
  page: { url: "/lectures/02-linear-model/", lang: "zh", src: "x.md" },
  data: {},
  id: "residual-table-1",
  tex: () => "",
  components: new Map(),
};
const en = { ...zh, page: { url: "/en/lectures/02-linear-model/", lang: "en", src: "x.en.md" } };
const cells = (html: string) => [...html.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]);

Deno.test("ResidualTable({ x, y, w: 2 }) prints the course's table for y = 3x and its MSE 14/3", () => {
  const html = ResidualTable({ x: [1, 2, 3], y: [3, 6, 9], w: 2 }, zh);
  assert.deepEqual(cells(html), [
    ...["1.0", "3.0", "2.0", "1.0"],
    ...["2.0", "6.0", "4.0", "4.0"],
    ...["3.0", "9.0", "6.0", "9.0"],
    "4.6667",
  ]);
  assert.match(html, /<caption>每个样本的预测与损失（w = 2\.0）<\/caption>/);
});

Deno.test("ResidualTable({ x, y, w, b }) adds the bias to every prediction; English caption on English pages", () => {
  const html = ResidualTable({ x: [1, 2, 3], y: [4, 7, 10], w: 3, b: 1 }, en);
  assert.deepEqual(cells(html).filter((_, i) => i % 4 === 2 && i < 12), ["4.0", "7.0", "10.0"]);
  assert.equal(cells(html).at(-1), "0.0");
  assert.match(html, /Prediction and loss of each sample \(w = 3\.0, b = 1\.0\)/);
});

Deno.test("ResidualTable has no blank lines, so Markdown never turns it into a code block", () => {
  assert.doesNotMatch(ResidualTable({ x: [1], y: [2], w: 1 }, zh), /\n\s*\n/);
});

Deno.test("ResidualTable rejects props that are not numbers, naming itself", () => {
  const cases: Array<Record<string, unknown>> = [
    { x: "1,2,3", y: [3, 6, 9], w: 2 },
    { x: [1, 2, 3], y: [3, 6, 9], w: "2" },
    { x: [1, 2, 3], y: [3, 6, 9], w: 2, b: null },
  ];
  for (const props of cases) {
    assert.throws(() => ResidualTable(props, zh), /ResidualTable: /);
  }
  assert.throws(() => ResidualTable({ x: [1, 2], y: [3], w: 2 }, zh), /same length/);
});
