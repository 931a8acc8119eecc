/**
 * comp.Classifier's server render: the training run's parameters (checked against PyTorch's
 * formulas by the engine's own tests) put the threshold at −b/w on the chart, the curve and the
 * table hold σ(w·x + b), two features draw a boundary, and bad props fail at the call.
 */
import assert from "node:assert/strict";
import { render } from "../../ssg/core/build.ts";
import { SiteError } from "../../ssg/core/errors.ts";
import { train } from "../../engine/mod.ts";
import { freshSite, tempDir, withIslands } from "../helpers.ts";
import { FRAME } from "../../_components/_chart/frame.ts";

async function renderCall(call: string, lang = "en"): Promise<string> {
  await using tmp = await tempDir();
  await Deno.writeTextFile(
    `${tmp.path}/page.md`,
    `---\ntitle: P\nlang: ${lang}\n---\n\n{{ ${call} }}\n`,
  );
  const out = await render(await freshSite({ src: tmp.path }));
  const key = lang === "en" ? "en/page/index.html" : "page/index.html";
  return withIslands(out.output, key);
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
/** The x scale of the chart: [0, 10] onto the frame's plot area. */
const px = (x: number) =>
  FRAME.margin.left + (x / 10) * (FRAME.width - FRAME.margin.left - FRAME.margin.right);

Deno.test("Classifier with train shows the last epoch: its w, b, and the threshold at −b/w", async () => {
  const html = await renderCall(
    'comp.Classifier({ data: "hours", train: { lr: 0.01, epochs: 1000 } })',
  );
  const run = train({
    x: [[1], [2], [3]],
    y: [[0], [0], [1]],
    model: { layers: [{ linear: [1, 1], weight: [[1]], bias: [0] }, "sigmoid"] },
    loss: { name: "bce", reduction: "sum" },
    optimizer: { name: "sgd", lr: 0.01 },
    epochs: 1000,
    record: "epoch",
  });
  const w = run.parameters[2000], b = run.parameters[2001];
  const t = -b / w;
  const out = html.match(/<output class="readout"[^>]*>([^<]*)<\/output>/)![1];
  assert.equal(
    out,
    `epoch 1000 · w = ${w.toFixed(4)}, b = ${b.toFixed(4)} · threshold x = −b/w = ${
      t.toFixed(4)
    } · loss = ${Number(run.epochLoss[1000].toFixed(4))}`,
  );
  const guide = html.match(/<g class="threshold"><line class="guide" x1="([\d.]+)"/)!;
  assert.ok(Math.abs(Number(guide[1]) - px(t)) < 0.02, `${guide[1]} vs ${px(t)}`);
  assert.match(html, /<input type="range" name="epoch" min="0" max="1000" step="1" value="1000">/);
  const probs = [...html.matchAll(/<td class="p">([^<]+)<\/td>/g)].map((m) => Number(m[1]));
  assert.deepEqual(probs, [1, 2, 3].map((x) => Number(sigmoid(w * x + b).toFixed(4))));
  const predicted = [...html.matchAll(/<td class="c">([^<]+)<\/td>/g)].map((m) => m[1]);
  assert.deepEqual(predicted, ["fail", "fail", "pass"]);
  assert.match(html, /Predicted to pass for x &gt; 2\.41/);
});

Deno.test("Classifier without train draws the given w and b; the threshold leaves the chart when w = 0", async () => {
  const html = await renderCall('comp.Classifier({ data: "hours", w: 2, b: -5 })');
  assert.match(html, /w = 2\.0, b = -5\.0 · threshold x = −b\/w = 2\.5 · loss = /);
  assert.doesNotMatch(html, /name="epoch"/);
  const flat = await renderCall('comp.Classifier({ data: "hours", w: 0, b: 1 })', "zh");
  assert.match(flat, /<g class="threshold" display="none">/);
  assert.match(flat, /没有阈值（w = 0）/);
});

Deno.test("Classifier with two features shades the side where w·x + b > 0 and counts the points", async () => {
  const html = await renderCall(
    "comp.Classifier({ x: [1, 2, 3, 4, 2, 5], x2: [1, 3, 2, 4, 5, 5], y: [0, 0, 0, 1, 1, 1], w: [1, 1], b: -6, range: [0, 6] })",
  );
  assert.match(html, /<polygon class="region" points="[^"]+"\/>/);
  assert.match(html, /<line class="boundary" /);
  assert.match(
    html,
    /Decision boundary 1\.0·x1 \+ 1\.0·x2 − 6\.0 = 0; 6 of 6 points on their own side/,
  );
  const wrong = await renderCall(
    "comp.Classifier({ x: [1, 2, 3, 4, 2, 5], x2: [1, 3, 2, 4, 5, 5], y: [0, 0, 0, 1, 1, 1], w: [1, -1], b: 0, range: [0, 6] })",
  );
  assert.match(wrong, /of 6 points on their own side/);
  assert.doesNotMatch(wrong, / 6 of 6 /);
});

const bad: Array<{ call: string; message: RegExp }> = [
  {
    call: 'comp.Classifier({ data: "hour" })',
    message:
      /^comp\.Classifier: prop "data": no data set "hour" in _data\/datasets\.yaml \(did you mean "hours"\?\)/,
  },
  {
    call: 'comp.Classifier({ data: "hours", train: { lr: 0, epochs: 10 } })',
    message: /prop "train" needs lr, a learning rate > 0/,
  },
  {
    call: 'comp.Classifier({ data: "hours", train: { lr: 0.01, epochs: 10, optimizer: "adam" } })',
    message: /prop "train" "optimizer" is not a key of train/,
  },
  {
    call: 'comp.Classifier({ data: "hours", train: { lr: 0.01, epochs: 10 }, epoch: 11 })',
    message: /prop "epoch" must be from 0 to 10, got 11/,
  },
  { call: 'comp.Classifier({ data: "hours", epoch: 3 })', message: /prop "epoch" needs "train"/ },
  { call: 'comp.Classifier({ data: "linear" })', message: /labels must be 0 or 1, got 3/ },
  { call: 'comp.Classifier({ data: "hours", w: [1, 2] })', message: /\[w1, w2\] needs "x2"/ },
  {
    call: "comp.Classifier({ x: [1, 2], x2: [1], y: [0, 1], w: [1, 1] })",
    message: /prop "x2" must have as many values as x, got 1 and 2/,
  },
  { call: 'comp.Classifier({ data: "hours", wieght: 1 })', message: /unknown prop "wieght"/ },
];

Deno.test("bad Classifier props fail the build at the call, naming the prop", async () => {
  await using tmp = await tempDir();
  for (const { call, message } of bad) {
    await Deno.writeTextFile(
      `${tmp.path}/page.md`,
      `---\ntitle: P\n---\n\nText.\n\n{{ ${call} }}\n`,
    );
    const error = await render(await freshSite({ src: tmp.path })).then(
      () => assert.fail(`no error for ${call}`),
      (e) => e,
    );
    assert.ok(error instanceof SiteError, `${call}: ${error}`);
    assert.match(error.message, message, call);
    assert.equal(error.location.line, 7, call);
  }
});
