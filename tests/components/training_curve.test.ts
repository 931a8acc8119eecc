/**
 * comp.TrainingCurve's server render: the runs the engine trains become one path each, a
 * legend, a data table and a description with the engine's numbers; the y axis goes
 * logarithmic when the losses span decades; bad props fail at the page's line.
 */
import assert from "node:assert/strict";
import { train, type TrainConfig } from "../../engine/mod.ts";
import { render } from "../../ssg/core/build.ts";
import { SiteError } from "../../ssg/core/errors.ts";
import { fmtLoss, FRAME } from "../../_components/training_curve/marks.ts";
import { freshSite, tempDir, withIslands } from "../helpers.ts";

const lecture5: TrainConfig = {
  x: [[1], [2], [3]],
  y: [[2], [4], [6]],
  model: { layers: [{ linear: [1, 1], weight: [[1]], bias: [0] }] },
  loss: { name: "mse", reduction: "sum" },
  optimizer: { name: "sgd", lr: 0.01 },
  epochs: 1000,
};

/** Renders one page calling `call` (with `config` bound to lecture 5's run) and returns its HTML. */
async function page(call: string, lang = "en"): Promise<string> {
  await using tmp = await tempDir();
  const src = `---\ntitle: Curve\nlang: ${lang}\n---\n\n` +
    `{{ set config = ${JSON.stringify(lecture5)} }}\n\nText.\n\n{{ ${call} }}\n`;
  await Deno.writeTextFile(`${tmp.path}/page.md`, src);
  const { output } = await render(await freshSite({ src: tmp.path }));
  const key = [...output.keys()].find((k) => k.endsWith("page/index.html"))!;
  const html = withIslands(output, key);
  return html.slice(
    html.indexOf('<figure class="chart training-curve"'),
    html.indexOf("</figure>"),
  );
}

const island = (html: string) =>
  JSON.parse(html.match(/<script type="application\/json" class="chart-data">(.*?)<\/script>/)![1]);

Deno.test("TrainingCurve draws one path per run, with the legend, table and text from train()", async () => {
  const html = await page(
    'comp.TrainingCurve({ config, runs: [{}, { optimizer: { name: "adam", lr: 0.1 } }, { optimizer: { name: "rmsprop", lr: 0.01 } }] })',
  );
  assert.equal(html.match(/<path class="run run-\d"/g)?.length, 3);
  assert.deepEqual(
    [...html.matchAll(/<li class="run-\d">([^<]+)/g)].map((m) => m[1].trim()),
    ["SGD, α = 0.01", "Adam, α = 0.1", "RMSprop, α = 0.01"],
  );
  const sgd = train(lecture5);
  const adam = train({ ...lecture5, optimizer: { name: "adam", lr: 0.1 } });
  const desc = html.match(/<desc[^>]*>([^<]*)<\/desc>/)![1];
  assert.ok(
    desc.includes(`from ${fmtLoss(sgd.epochLoss[0])} to ${fmtLoss(sgd.epochLoss[1000])}`),
    desc,
  );
  assert.ok(desc.includes(`to ${fmtLoss(adam.epochLoss[1000])}`), desc);
  // The table lists epochs 0, 1, 2, 5, … 500 and 1000, each run's loss in its column.
  const rows = [...html.matchAll(/<tr><td>(\d+)<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td>/g)];
  assert.deepEqual(rows.map((r) => Number(r[1])), [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]);
  const at100 = rows.find((r) => r[1] === "100")!;
  assert.equal(at100[2], fmtLoss(sgd.epochLoss[100]));
  assert.equal(at100[3], fmtLoss(adam.epochLoss[100]));
  // Selected at first: the last epoch; the readout says each run's loss there.
  const readout = html.match(/<output class="readout"[^>]*>([^<]*)</)![1];
  assert.ok(readout.startsWith("epoch 1000 · SGD, α = 0.01: " + fmtLoss(sgd.epochLoss[1000])));
});

Deno.test("TrainingCurve's y axis is logarithmic when the losses span decades, linear otherwise", async () => {
  const long = await page("comp.TrainingCurve({ config })");
  assert.match(long, /loss \(log scale\)/);
  assert.match(long, />10⁻⁶</, "powers of ten label the axis");
  const short = await page("comp.TrainingCurve({ config, runs: [{ epochs: 3 }] })");
  assert.doesNotMatch(short, /log scale/);
  const forced = await page('comp.TrainingCurve({ config, scale: "linear" })');
  assert.doesNotMatch(forced, /log scale/);
});

Deno.test("TrainingCurve's island holds each run's loss and, for x·w + b, w and b per epoch", async () => {
  const d = island(await page('comp.TrainingCurve({ config, group: "fit", select: 10 })'));
  const run = train(lecture5);
  assert.equal(d.group, "fit");
  assert.equal(d.select, 10);
  assert.equal(d.runs[0].loss.length, 1001);
  assert.equal(d.runs[0].loss[10], Number(run.epochLoss[10].toPrecision(6)));
  assert.equal(d.runs[0].w[1000], Number(run.parameters[2000].toPrecision(6)));
  assert.equal(d.runs[0].b[1000], Number(run.parameters[2001].toPrecision(6)));
});

Deno.test("TrainingCurve per step keeps a long run's envelope in a few hundred points", async () => {
  const html = await page(
    'comp.TrainingCurve({ config, per: "step", runs: [{ batchSize: 1, epochs: 2000 }] })',
  );
  const d = island(html);
  const run = train({ ...lecture5, batchSize: 1, epochs: 2000 });
  assert.equal(d.xMax, run.steps - 1, "the last step is the last x");
  assert.equal(d.runs[0].every, 3, "every third of 6000 steps is kept");
  assert.equal(d.runs[0].loss.at(-1), Number(run.stepLoss[run.steps - 1].toPrecision(6)));
  const points = html.match(/<path class="run run-0" d="([^"]*)"/)![1].split("L").length;
  // At most two points per pixel column of the plot.
  const columns = FRAME.width - FRAME.margin.left - FRAME.margin.right;
  assert.ok(points <= 2 * (columns + 1), `${points} points`);
  assert.match(html, /<th scope="col">step<\/th>/);
  const readout = html.match(/<output class="readout"[^>]*>([^<]*)</)![1];
  assert.equal(readout.split(" · ")[0], `step ${run.steps - 1}`);
});

Deno.test("TrainingCurve per step on an epoch axis compares batch sizes over the same epochs", async () => {
  const html = await page(
    'comp.TrainingCurve({ config, per: "step", x: "epoch", runs: [{ batchSize: 1, epochs: 50 }, { epochs: 50 }] })',
  );
  const d = island(html);
  const one = train({ ...lecture5, batchSize: 1, epochs: 50 });
  const all = train({ ...lecture5, epochs: 50 });
  assert.equal(d.xMax, 50);
  assert.equal(d.grain, 1, "the selection moves by whole epochs");
  assert.equal(d.runs[0].loss.length, one.steps, "batch 1: three steps per epoch");
  assert.equal(d.runs[1].loss.length, all.steps);
  assert.deepEqual(
    [...html.matchAll(/<li class="run-\d">([^<]+)/g)].map((m) => m[1].trim()),
    ["batch 1", "batch 3"],
  );
  // Epoch 10 reads each run's batch loss at the first step of that epoch.
  const rows = [...html.matchAll(/<tr><td>(\d+)<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td>/g)];
  const at10 = rows.find((r) => r[1] === "10")!;
  assert.equal(at10[2], fmtLoss(Number(one.stepLoss[30].toPrecision(6))));
  assert.equal(at10[3], fmtLoss(Number(all.stepLoss[10].toPrecision(6))));
  assert.match(html, /<th scope="col">epoch<\/th>/);
});

Deno.test("TrainingCurve's controls are in the page, hidden until the script runs", async () => {
  const html = await page('comp.TrainingCurve({ config, controls: ["lr", "optimizer"] })', "zh");
  assert.match(html, /<div class="train-controls" hidden>/);
  assert.match(html, /学习率 α <input type="range" data-control="lr"/);
  const d = island(html);
  assert.deepEqual(d.controls.lr, [
    0.0001,
    0.0002,
    0.0005,
    0.001,
    0.002,
    0.005,
    0.01,
    0.02,
    0.05,
    0.1,
    0.2,
    0.5,
    1,
  ]);
  assert.equal(d.controls.lr[d.chosen.lr], 0.01);
  assert.equal(d.controls.optimizer[d.chosen.optimizer], "sgd");
  assert.match(html, /第 1000 轮 · 损失/);
});

const cases: Array<{ call: string; message: RegExp }> = [
  {
    call: "comp.TrainingCurve({ config, epoch: 3 })",
    message: /^comp\.TrainingCurve: unknown prop "epoch" \(did you mean "epochChoices"\?\)/,
  },
  {
    call: 'comp.TrainingCurve({ config: "lecture5" })',
    message: /prop "config" must be an object/,
  },
  {
    call: 'comp.TrainingCurve({ config, per: "batch" })',
    message: /prop "per" must be one of "epoch", "step"/,
  },
  {
    call: 'comp.TrainingCurve({ config, x: "step" })',
    message: /prop "x": "step" needs per: "step"/,
  },
  {
    call: 'comp.TrainingCurve({ config, runs: [{}, { optimizer: { name: "adamw", lr: 0.1 } }] })',
    message: /prop "runs": run 2: train: optimizer\.name must be "sgd", "adam"/,
  },
  {
    call: "comp.TrainingCurve({ config, runs: [{ lr: 0.1 }] })",
    message: /prop "runs" run 1: unknown key "lr"/,
  },
  {
    call: "comp.TrainingCurve({ config, runs: [{ epochs: -1 }] })",
    message: /prop "runs": run 1: train: epochs must be an integer >= 0/,
  },
  {
    call: 'comp.TrainingCurve({ config, controls: ["lr", "momentum"] })',
    message: /prop "controls" must list only "lr", "optimizer", "epochs"/,
  },
  {
    call: 'comp.TrainingCurve({ config, controls: ["optimizer"], runs: [{}, { epochs: 5 }] })',
    message: /"optimizer" changes a lone run/,
  },
];

Deno.test("bad TrainingCurve props fail the build at the call's line, naming the prop", async () => {
  await using tmp = await tempDir();
  for (const { call, message } of cases) {
    const src = `---\ntitle: Curve\n---\n\n{{ set config = ${
      JSON.stringify(lecture5)
    } }}\n\nBefore {{ ${call} }}\n`;
    await Deno.writeTextFile(`${tmp.path}/page.md`, src);
    const error = await render(await freshSite({ src: tmp.path })).then(
      () => assert.fail(`no error for ${call}`),
      (e) => e,
    );
    assert.ok(error instanceof SiteError, `${call}: ${error}`);
    assert.match(error.message, message, call);
    assert.equal(error.location.line, 7, call);
  }
});
