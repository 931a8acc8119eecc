/**
 * comp.FunctionPlot's server render: the curves and the table hold the engine's values (checked
 * here against the closed forms), derivatives come out right, reference lines, points and the
 * legend are drawn, and bad props fail at the call.
 */
import assert from "node:assert/strict";
import { render } from "../../ssg/core/build.ts";
import { SiteError } from "../../ssg/core/errors.ts";
import { freshSite, tempDir, withIslands } from "../helpers.ts";

async function renderCall(call: string, lang = "zh"): Promise<string> {
  await using tmp = await tempDir();
  await Deno.writeTextFile(
    `${tmp.path}/page.md`,
    `---\ntitle: P\nlang: ${lang}\n---\n\n{{ ${call} }}\n`,
  );
  const out = await render(await freshSite({ src: tmp.path }));
  return withIslands(out.output, lang === "en" ? "en/page/index.html" : "page/index.html");
}

function island(html: string) {
  const m = html.match(/<script type="application\/json" class="chart-data">(.*?)<\/script>/s);
  return JSON.parse(m![1]) as { xs: number[]; ys: number[][]; labels: string[]; select: number };
}

/** The table's rows as numbers: [x, series 1, series 2, …]. */
function tableRows(html: string): number[][] {
  const body = html.slice(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((r) =>
    [...r[1].matchAll(/<td>([^<]*)<\/td>/g)].map((c) => Number(c[1].replace("−", "-")))
  );
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

Deno.test("FunctionPlot draws sigmoid and its derivative with the engine's values", async () => {
  const html = await renderCall(
    `comp.FunctionPlot({ series: ["sigmoid", "sigmoid'"], samples: 61 })`,
  );
  const d = island(html);
  assert.equal(d.xs.length, 61);
  assert.equal(d.xs[0], -6);
  assert.equal(d.xs[60], 6);
  assert.deepEqual(d.labels, ["σ(x)", "σ′(x)"]);
  for (const [i, x] of d.xs.entries()) {
    assert.ok(Math.abs(d.ys[0][i] - sigmoid(x)) < 1e-5, `σ(${x})`);
    assert.ok(Math.abs(d.ys[1][i] - sigmoid(x) * (1 - sigmoid(x))) < 1e-5, `σ′(${x})`);
  }
  const rows = tableRows(html);
  assert.ok(rows.length >= 5);
  for (const [x, s, ds] of rows) {
    assert.ok(Math.abs(s - sigmoid(x)) < 1e-4, `table σ(${x}) = ${s}`);
    assert.ok(Math.abs(ds - sigmoid(x) * (1 - sigmoid(x))) < 1e-4, `table σ′(${x}) = ${ds}`);
  }
  assert.equal((html.match(/<path class="series s\d"/g) ?? []).length, 2);
  assert.equal((html.match(/<ul class="legend"><li>/g) ?? []).length, 1);
  assert.match(html, /<desc id="function-plot-1-d">σ\(x\) 在 x = -6\.0 处为 0\.0025/);
});

Deno.test("FunctionPlot: tanh', relu' and f(w·x + b) as the engine computes them", async () => {
  const html = await renderCall(
    `comp.FunctionPlot({ series: [{ fn: "tanh", derivative: true }, { fn: "relu", derivative: true }, { fn: "sigmoid", w: 2, b: -3, label: "p" }], x: [-2, 2], samples: 5 })`,
    "en",
  );
  const d = island(html);
  assert.deepEqual(d.xs, [-2, -1, 0, 1, 2]);
  assert.deepEqual(d.labels, ["tanh′(x)", "ReLU′(x)", "p"]);
  d.xs.forEach((x, i) => {
    assert.ok(Math.abs(d.ys[0][i] - (1 - Math.tanh(x) ** 2)) < 1e-5);
    assert.equal(d.ys[1][i], x > 0 ? 1 : 0); // PyTorch's relu' is 0 at 0
    assert.ok(Math.abs(d.ys[2][i] - sigmoid(2 * x - 3)) < 1e-5);
  });
  assert.match(html, /<title id="function-plot-1-t">Plot of tanh′\(x\), ReLU′\(x\), p<\/title>/);
});

Deno.test("FunctionPlot draws reference lines, points and a readout at select", async () => {
  const html = await renderCall(
    `comp.FunctionPlot({ series: ["sigmoid"], x: [0, 10], samples: 11, lines: [{ y: 0.5 }, { x: 2.5, label: "threshold" }], points: { x: [1, 2, 3], y: [0, 0, 1], label: "passed?" }, select: 4 })`,
    "en",
  );
  assert.equal((html.match(/<g class="ref">/g) ?? []).length, 2);
  assert.match(html, />y = 0\.5<\/text>/);
  assert.match(html, />threshold<\/text>/);
  assert.equal((html.match(/<circle cx="[\d.]+" cy="[\d.]+" r="5">/g) ?? []).length, 3);
  assert.match(html, /<\/svg>passed\?<\/li>/);
  assert.equal(island(html).select, 4);
  assert.match(html, /<span>x = 4\.0<\/span> · <span>σ\(x\) = 0\.982<\/span>/);
});

const bad: Array<{ call: string; message: RegExp }> = [
  {
    call: 'comp.FunctionPlot({ series: ["sigmiod"] })',
    message:
      /^comp\.FunctionPlot: prop "series" \[0\]: unknown function "sigmiod"; known: "sigmoid"/,
  },
  {
    call: "comp.FunctionPlot({ series: [] })",
    message: /prop "series" must name at least one series/,
  },
  {
    call: 'comp.FunctionPlot({ series: [{ fn: "tanh", w: "2" }] })',
    message: /prop "series" \[0\]: w must be a finite number, got "2"/,
  },
  {
    call: 'comp.FunctionPlot({ series: ["relu"], lines: [{ x: 1, y: 0.5 }] })',
    message: /prop "lines" \[0\]: give exactly one of x/,
  },
  {
    call: 'comp.FunctionPlot({ series: ["relu"], points: { x: [1, 2], y: [0] } })',
    message: /prop "points" x and y must have the same length, got 2 and 1/,
  },
  {
    call: 'comp.FunctionPlot({ series: ["relu"], x: [3, 1] })',
    message: /prop "x" must be \[low, high\] with low < high/,
  },
  {
    call: 'comp.FunctionPlot({ series: ["relu"], colour: "red" })',
    message: /^comp\.FunctionPlot: unknown prop "colour"/,
  },
];

Deno.test("bad FunctionPlot props fail the build at the call, naming the prop", async () => {
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
