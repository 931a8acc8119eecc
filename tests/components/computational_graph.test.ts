/**
 * comp.ComputationalGraph's server render, through the real pipeline: the numbers on its
 * nodes and edges are the engine's forward values, local derivatives and gradients (computed
 * here with the engine's own autograd, the way the lecture's Python writes it), both drawings
 * and the text alternative say the same, the controls wait for JavaScript, and bad props fail
 * the build at the call.
 */
import assert from "node:assert/strict";
import { render } from "../../ssg/core/build.ts";
import { SiteError } from "../../ssg/core/errors.ts";
import { tensor } from "../../engine/mod.ts";
import { fmt } from "../../_components/_chart/format.ts";
import { freshSite, renderSite, tempDir, text } from "../helpers.ts";

/** Renders pages (name → body, with front matter `lang`) and returns each page's HTML. */
async function pages(bodies: Record<string, [string, string]>): Promise<Record<string, string>> {
  await using tmp = await tempDir();
  for (const [name, [lang, body]] of Object.entries(bodies)) {
    await Deno.writeTextFile(
      `${tmp.path}/${name}.md`,
      `---\ntitle: ${name}\nlang: ${lang}\n---\n\n${body}\n`,
    );
  }
  const { output } = await renderSite({ src: tmp.path });
  return Object.fromEntries(
    Object.entries(bodies).map((
      [n, [lang]],
    ) => [n, text(output, `${lang === "en" ? "en/" : ""}${n}/index.html`)]),
  );
}

const shown = (v: number) => fmt(v).replace("-", "−");

/** Each node of one drawing: its name (or symbol), value and gradient text. */
function nodes(svg: string) {
  return [...svg.matchAll(/<g class="node ([a-z]+)[^"]*" data-node="(\d+)">([\s\S]*?)<\/g>/g)]
    .map((m) => {
      const get = (cls: string) =>
        m[3].match(new RegExp(`<t(?:ext|span) class="${cls}[^"]*"[^>]*>([^<]*)</t(?:ext|span)>`))
          ?.[1];
      return {
        kind: m[1],
        label: get("name") ?? get("symbol"),
        value: get("value"),
        grad: get("grad"),
      };
    });
}

/** Local derivatives written on a drawing's edges. */
function locals(svg: string): string[] {
  return [...svg.matchAll(/<text class="local"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

function figure(html: string, n = 0) {
  const fig = [...html.matchAll(/<figure class="chart computational-graph[\s\S]*?<\/figure>/g)][n]
    ?.[0];
  assert.ok(fig, `page has graph ${n}`);
  const svgs = [...fig.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
  return {
    fig,
    wide: svgs.find((s) => s.includes("cg-wide"))!,
    tall: svgs.find((s) => s.includes("cg-tall"))!,
  };
}

Deno.test("ComputationalGraph({ x: 1, y: 2, w: 1 }) writes the engine's forward values, local derivatives and w.grad", async () => {
  const html = await pages({ p: ["zh", "{{ comp.ComputationalGraph({ x: 1, y: 2, w: 1 }) }}"] });
  // The lecture's first step, with the engine's autograd: l = (x * w - y) ** 2; l.backward().
  const w = tensor(1, { requiresGrad: true });
  const yHat = tensor(1).mul(w), r = yHat.sub(tensor(2)), loss = r.pow(2);
  yHat.retainGrad();
  r.retainGrad();
  loss.backward();
  const { wide, tall, fig } = figure(html.p);
  for (const svg of [wide, tall]) {
    const byLabel = Object.fromEntries(nodes(svg).map((n) => [n.label, n]));
    assert.equal(byLabel["ŷ"].value, shown(yHat.item()));
    assert.equal(byLabel["r"].value, shown(r.item()));
    assert.equal(byLabel["loss"].value, shown(loss.item()));
    assert.equal(byLabel["ŷ"].grad, `∂ ${shown(yHat.grad!.item())}`);
    assert.equal(byLabel["r"].grad, `∂ ${shown(r.grad!.item())}`);
    assert.equal(byLabel["x"].kind, "data");
    assert.equal(byLabel["x"].grad, undefined, "data has no gradient");
    assert.equal(byLabel["w"].kind, "param");
    assert.match(byLabel["w"].grad!, new RegExp(`${shown(w.grad!.item())}$`));
    // Edges from what requires grad: w → ŷ (= x), ŷ → r (1), r → loss (2r).
    assert.deepEqual(locals(svg).sort(), [shown(1), shown(1), shown(2 * r.item())].sort());
  }
  assert.match(wide, /<text class="grad"[^>]*>w\.grad −2\.0<\/text>/);
  // The text alternative: a summary and a table of every node.
  assert.match(
    fig,
    /<desc[^>]*>loss = \(x·w − y\)²，在 x = 1\.0, w = 1\.0, y = 2\.0 处：loss = 1\.0；w\.grad = −2\.0。<\/desc>/,
  );
  const rows = [...fig.matchAll(/<table class="cg-nodes">[\s\S]*?<\/table>/g)][0][0]
    .match(/<tr><th scope="row">/g)!;
  assert.equal(rows.length, 6, "x, w, ŷ, y, r, loss");
  assert.match(fig, /<div class="cg-controls" hidden>/, "controls wait for the script");
  assert.match(fig, /<input type="number"[^>]*name="w" value="1"/);
});

Deno.test('ComputationalGraph({ model: "quadratic" }) gives the homework\'s w1, w2, b gradients', async () => {
  const html = await pages({
    q: ["en", '{{ comp.ComputationalGraph({ model: "quadratic", x: 3, y: 6, w1: 0.5 }) }}'],
  });
  const x = tensor(3), p = (v: number) => tensor(v, { requiresGrad: true });
  const w1 = p(0.5), w2 = p(1), b = p(1);
  const loss = w1.mul(x.pow(2)).add(w2.mul(x)).add(b).sub(tensor(6)).pow(2);
  loss.backward();
  const { wide, tall, fig } = figure(html.q);
  const byLabel = Object.fromEntries(nodes(wide).map((n) => [n.label, n]));
  assert.equal(byLabel["loss"].value, shown(loss.item()));
  assert.equal(byLabel["w1"].grad, `w1.grad ${shown(w1.grad!.item())}`);
  assert.equal(byLabel["w2"].grad, `w2.grad ${shown(w2.grad!.item())}`);
  assert.equal(byLabel["b"].grad, `b.grad ${shown(b.grad!.item())}`);
  assert.equal(byLabel["x²"].grad, undefined, "x² of data needs no gradient");
  assert.equal(nodes(tall).length, 12);
  assert.match(fig, /<figcaption>Next to each node: its forward value/);
  assert.match(
    fig,
    new RegExp(
      `w1\\.grad = ${shown(w1.grad!.item())}, w2\\.grad = ${shown(w2.grad!.item())}, b\\.grad = ${
        shown(b.grad!.item())
      }`,
    ),
  );
});

const bad: Array<{ call: string; message: RegExp }> = [
  {
    call: 'comp.ComputationalGraph({ model: "cubic" })',
    message:
      /^comp\.ComputationalGraph: prop "model" must be one of "linear", "quadratic"; got "cubic"/,
  },
  {
    call: 'comp.ComputationalGraph({ model: "quadratic", w: 2 })',
    message:
      /^comp\.ComputationalGraph: prop "w" is not an input of model "quadratic" \(its inputs: x, y, w1, w2, b\)/,
  },
  {
    call: "comp.ComputationalGraph({ b: 1 })",
    message: /prop "b" is not an input of model "linear" \(its inputs: x, y, w\)/,
  },
  {
    call: 'comp.ComputationalGraph({ x: "2" })',
    message: /prop "x" must be a finite number/,
  },
  {
    call: "comp.ComputationalGraph({ wieght: 1 })",
    message: /unknown prop "wieght"/,
  },
];

Deno.test("bad ComputationalGraph props fail the build at the call, naming the prop", async () => {
  await using tmp = await tempDir();
  for (const { call, message } of bad) {
    await Deno.writeTextFile(
      `${tmp.path}/page.md`,
      `---\ntitle: G\n---\n\nText.\n\n{{ ${call} }}\n`,
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
