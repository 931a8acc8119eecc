/**
 * Bad chart props fail the build at the page's comp.Name( call, naming the component and the
 * prop: one case per mistake an author can make.
 */
import assert from "node:assert/strict";
import { render } from "../../ssg/core/build.ts";
import { SiteError } from "../../ssg/core/errors.ts";
import { freshSite, tempDir, text } from "../helpers.ts";

const cases: Array<{ call: string; message: RegExp }> = [
  {
    call: 'comp.LossCurve({ data: "linear", slect: 2 })',
    message: /^comp\.LossCurve: unknown prop "slect" \(did you mean "select"\?\)/,
  },
  {
    call: 'comp.LossCurve({ data: "linear", b: "1" })',
    message: /prop "b" must be a finite number/,
  },
  {
    call: 'comp.LossCurve({ data: "lineer" })',
    message: /no data set "lineer" in _data\/datasets\.yaml \(did you mean "linear"\?\)/,
  },
  {
    call: 'comp.DataFit({ data: "linear", w: { start: 4, stop: 0, step: 0.1 } })',
    message: /^comp\.DataFit: prop "w" runs backwards/,
  },
  {
    call: 'comp.SweepTable({ data: "linear", w: { start: 2, stop: 2, step: 0.1 } })',
    message: /^comp\.SweepTable: prop "w" is empty/,
  },
  {
    call: 'comp.LossHeatmap({ data: "affine", b: { start: 0, stop: 4, step: 0 } })',
    message: /^comp\.LossHeatmap: prop "b" has step 0/,
  },
  {
    call:
      'comp.LossHeatmap({ data: "affine", w: { start: 0, stop: 300, step: 1 }, b: { start: 0, stop: 300, step: 1 } })',
    message:
      /^comp\.LossHeatmap: a grid of 300 b × 300 w = 90000 cells is more than a heatmap draws \(at most 40000, e\.g\. 200 × 200\); use a larger step/,
  },
  {
    call: "comp.LossCurve({ x: [1, 2, 3], y: [3, 6] })",
    message: /^comp\.LossCurve: x and y must have the same length, got 3 and 2/,
  },
  {
    call: 'comp.MseFormula({ data: "linear" })',
    message: /^comp\.MseFormula: missing prop "w"/,
  },
  {
    call: 'comp.LossCurve({ data: "linear", descent: { w0: 1, lr: 0, epochs: 10 } })',
    message: /prop "descent" needs lr, a learning rate > 0/,
  },
  {
    call:
      'comp.LossCurve({ data: "descent", descent: { w0: 1, lr: [0.1, 0.2], epochs: 5, show: 0.3 } })',
    message: /prop "descent" show must be one of its lr values/,
  },
  {
    call: 'comp.ReshapeGrid({ data: "affine", loop: "b-inner" })',
    message: /^comp\.ReshapeGrid: prop "loop" must be one of "b-outer", "w-outer"; got "b-inner"/,
  },
  {
    call: "comp.Softmax({ logit: [1, 2] })",
    message: /^comp\.Softmax: unknown prop "logit" \(did you mean "logits"\?\)/,
  },
  {
    call: "comp.Softmax({ logits: [1] })",
    message: /^comp\.Softmax: prop "logits" needs 2 to 10 logits, got 1/,
  },
  {
    call: 'comp.Softmax({ logits: [1, 2], target: "0" })',
    message: /^comp\.Softmax: prop "target" must be an integer/,
  },
  {
    call: "comp.Softmax({ logits: [1, 2, 3], target: 3 })",
    message: /^comp\.Softmax: prop "target" must be a class index from 0 to 2, got 3/,
  },
  {
    call: 'comp.Softmax({ logits: [1, 2, 3], labels: ["cat", "dog"] })',
    message: /^comp\.Softmax: prop "labels" needs one label per logit: 3 logits, 2 labels/,
  },
  {
    call: "comp.Softmax({ logits: [1, 6], limit: 4 })",
    message: /^comp\.Softmax: prop "logits": logit 6 is outside \[−4, 4\]; give a larger "limit"/,
  },
  {
    call: "comp.DigitImages({ samples: [{ pixels: [1, 2], label: 0, predicted: 0, p: [] }] })",
    message:
      /^comp\.DigitImages: prop "samples": samples\[0\] needs pixels: 64 numbers from 0 to 16/,
  },
];

Deno.test("bad chart props fail the build with file:line:col of the call, the component and the prop", async () => {
  await using tmp = await tempDir();
  for (const { call, message } of cases) {
    const page = `---\ntitle: Charts\n---\n\nSome text.\n\nBefore {{ ${call} }}\n`;
    await Deno.writeTextFile(`${tmp.path}/page.md`, page);
    const error = await render(await freshSite({ src: tmp.path })).then(
      () => assert.fail(`no error for ${call}`),
      (e) => e,
    );
    assert.ok(error instanceof SiteError, `${call}: ${error}`);
    assert.match(error.message, message, call);
    assert.equal(error.location.line, 7, call);
    assert.equal(error.location.column, "Before {{ ".length + 1, call);
    assert.match(error.where, /page\.md:7:11$/);
  }
});

Deno.test("a component that returns nothing is an error at its call, not 'undefined' in the page", async () => {
  await using tmp = await tempDir();
  await Deno.mkdir(`${tmp.path}/_components`);
  await Deno.writeTextFile(`${tmp.path}/_components/empty.ts`, "export default function () {}\n");
  await Deno.writeTextFile(`${tmp.path}/page.md`, "---\ntitle: T\n---\n\n{{ comp.Empty() }}\n");
  await assert.rejects(
    async () => render(await freshSite({ src: tmp.path })),
    (e: SiteError) =>
      /comp\.Empty: returned undefined instead of an HTML string/.test(e.message) &&
      e.location.line === 5,
  );
});

Deno.test("a bad call after the same component shown in a code block is reported at the call", async () => {
  await using tmp = await tempDir();
  const page = [
    "---",
    "title: Charts",
    "---",
    "",
    '{{ comp.LossCurve({ data: "linear" }) }}',
    "",
    "```text",
    '{{ comp.LossCurve({ data: "linear" }) }}',
    "```",
    "",
    'Inline `{{ comp.LossCurve({ data: "x" }) }}` too.',
    "",
    '{{ comp.LossCurve({ data: "lineer" }) }}',
    "",
  ].join("\n");
  await Deno.writeTextFile(`${tmp.path}/page.md`, page);
  const error = await render(await freshSite({ src: tmp.path })).then(() => null, (e) => e);
  assert.ok(error instanceof SiteError, String(error));
  assert.match(error.message, /no data set "lineer"/);
  assert.equal(error.location.line, 13);
});

Deno.test("charts of the same inline data share a group; different inline data do not", async () => {
  await using tmp = await tempDir();
  await Deno.writeTextFile(
    `${tmp.path}/page.md`,
    [
      "---\ntitle: Inline\n---\n",
      "{{ comp.LossCurve({ x: [1, 2], y: [2, 4] }) }}",
      "{{ comp.DataFit({ x: [1, 2], y: [2, 4] }) }}",
      "{{ comp.LossCurve({ x: [1, 2], y: [5, 5] }) }}",
    ].join("\n\n"),
  );
  const html = text((await render(await freshSite({ src: tmp.path }))).output, "page/index.html");
  const groups = [...html.matchAll(/data-group="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(groups.length, 3);
  assert.equal(groups[0], groups[1]);
  assert.notEqual(groups[0], groups[2]);
});
