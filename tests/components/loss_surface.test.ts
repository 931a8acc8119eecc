/**
 * comp.LossSurface's server render, through the real pipeline: the default view against its
 * golden SVG (`deno task golden` refreshes it), the size budget, the orientation of the
 * drawn surface against the red best point (and the transposed mistake that misses it), and
 * bad props failing the build at the call's file:line:col.
 */
import assert from "node:assert/strict";
import { render } from "../../ssg/core/build.ts";
import { SiteError } from "../../ssg/core/errors.ts";
import { assertGolden, freshSite, renderSite, tempDir, text } from "../helpers.ts";

/** Renders pages (name → Vento body) and returns each page's HTML. */
async function pages(bodies: Record<string, string>): Promise<Record<string, string>> {
  await using tmp = await tempDir();
  for (const [name, body] of Object.entries(bodies)) {
    await Deno.writeTextFile(`${tmp.path}/${name}.md`, `---\ntitle: ${name}\n---\n\n${body}\n`);
  }
  const { output } = await renderSite({ src: tmp.path });
  return Object.fromEntries(Object.keys(bodies).map((n) => [n, text(output, `${n}/index.html`)]));
}

/** The n-th surface figure of a page: its SVG, data island and quads. */
function figure(html: string, n = 0) {
  const fig = [...html.matchAll(/<figure class="chart loss-surface[\s\S]*?<\/figure>/g)][n]?.[0];
  assert.ok(fig, `page has surface figure ${n}`);
  const svg = fig.match(/<svg[\s\S]*?<\/svg>/)![0];
  const json =
    fig.match(/<script type="application\/json" class="chart-data">([\s\S]*?)<\/script>/)![1];
  const surface = svg.match(/<g class="surface"[^>]*>([\s\S]*?)<\/g>/)![1];
  const quads = [...surface.matchAll(/<path d="([^"]+)" color="(#[0-9a-f]{6})"\/>/g)].map((m) => {
    const v = m[1].match(/-?\d+(?:\.\d+)?/g)!.map(Number);
    const pts: [number, number][] = [[v[0], v[1]]];
    for (let i = 2; i < v.length; i += 2) {
      const [x, y] = pts[pts.length - 1];
      pts.push([x + v[i], y + v[i + 1]]);
    }
    return { pts, color: m[2] };
  });
  const best = svg.match(/<g class="best">[\s\S]*?<circle cx="([-\d.]+)" cy="([-\d.]+)"/)!;
  return {
    svg,
    json,
    island: JSON.parse(json) as { palette: string[]; mse: number[]; w: number[]; b: number[] },
    quads,
    red: [Number(best[1]), Number(best[2])] as [number, number],
  };
}

/** Distance from a point to a polygon (0 inside). */
function distance(p: [number, number], poly: [number, number][]): number {
  let inside = false, min = Infinity;
  for (let a = 0, b = poly.length - 1; a < poly.length; b = a++) {
    const [xa, ya] = poly[a], [xb, yb] = poly[b];
    if ((ya > p[1]) !== (yb > p[1]) && p[0] < ((xb - xa) * (p[1] - ya)) / (yb - ya) + xa) {
      inside = !inside;
    }
    const dx = xb - xa, dy = yb - ya;
    const t = Math.max(
      0,
      Math.min(1, ((p[0] - xa) * dx + (p[1] - ya) * dy) / (dx * dx + dy * dy || 1)),
    );
    min = Math.min(min, Math.hypot(p[0] - xa - t * dx, p[1] - ya - t * dy));
  }
  return inside ? 0 : min;
}

/** Numbers to one decimal and one element a line: stable across platforms, readable diffs. */
function normalize(svg: string): string {
  return svg.replace(/-?\d+\.\d+/g, (n) => String(Math.round(Number(n) * 10) / 10))
    .replace(/></g, ">\n<") + "\n";
}

const html = await pages({
  right: '{{ comp.LossSurface({ data: "affine" }) }}',
  wrong: '{{ comp.LossSurface({ data: "affine", transposed: true }) }}',
  en: '{{ comp.LossSurface({ data: "affine", caption: "Try it." }) }}',
});

Deno.test("comp.LossSurface() default view renders as tests/output/components/loss_surface.svg", async () => {
  const actual = normalize(figure(html.right).svg);
  await assertGolden("components/loss_surface.svg", actual);
});

Deno.test("comp.LossSurface() at 41 × 41: 1,600 quads, SVG ≤ 150 KB, data island ≤ 30 KB", () => {
  const f = figure(html.right);
  assert.equal(f.quads.length, 40 * 40);
  const bytes = (s: string) => new TextEncoder().encode(s).length;
  assert.ok(bytes(f.svg) <= 150_000, `SVG is ${bytes(f.svg)} bytes`);
  assert.ok(bytes(f.json) <= 30_000, `island is ${bytes(f.json)} bytes`);
  assert.equal(f.island.mse.length, 41 * 41);
});

Deno.test("comp.LossSurface() draws its lowest cell under the red best point; transposed: true does not", () => {
  for (const [name, near] of [["right", true], ["wrong", false]] as const) {
    const f = figure(html[name]);
    const rank = (c: string) => f.island.palette.indexOf(c);
    assert.ok(f.quads.every((q) => rank(q.color) >= 0), "every quad's colour is in the palette");
    // The palette runs from the bottom of the colour map up: its first colour drawn is the lowest.
    const low = Math.min(...f.quads.map((q) => rank(q.color)));
    const lowest = f.quads.filter((q) => rank(q.color) === low);
    const gap = Math.min(...lowest.map((q) => distance(f.red, q.pts)));
    if (near) {
      assert.ok(gap <= 1.5, `${name}: the lowest drawn cell is ${gap} units from the red point`);
    } else {assert.ok(
        gap > 50,
        `${name}: the lowest drawn cell is only ${gap} units from the red point`,
      );}
  }
  // The same on the numbers drawn: the transposed grid's minimum sits at (w = 1, b = 3).
  const wrong = figure(html.wrong).island;
  const k = wrong.mse.indexOf(Math.min(...wrong.mse));
  assert.deepEqual([wrong.w[k % 41], wrong.b[Math.floor(k / 41)]], [1, 3]);
  assert.match(html.wrong, /错误示范：曲面被转置了/);
});

Deno.test("comp.LossSurface() is a figure with a caption, a text summary, a table and the page's words", () => {
  const f = html.right;
  assert.match(
    f,
    /<figure class="chart loss-surface" data-chart="loss-surface" data-group="affine"/,
  );
  assert.match(f, /<desc id="loss-surface-1-d">[^<]*最小 MSE 为 0\.0，位于 \(w = 3\.0, b = 1\.0\)/);
  assert.match(
    f,
    /<output class="readout" for="loss-surface-1">w = 3\.0, b = 1\.0 · MSE = 0\.0<\/output>/,
  );
  assert.match(f, /<details class="chart-table"><summary id="loss-surface-1-s">数据表/);
  assert.match(f, /<th scope="row">1\.0<\/th>/);
  for (const title of ["权重 w", "偏置 b", "MSE 损失"]) {
    assert.ok(f.includes(`>${title}</text>`), title);
  }
  assert.match(html.en, /Try it\./);
  assert.match(html.en, /<script type="module" src="[^"]*components\/loss_surface\.js"/);
});

interface BadCase {
  call: string;
  message: RegExp;
}

const bad: BadCase[] = [
  {
    call: '{ data: "affine", w: { start: 0, stop: 4.1, step: 0.001 } }',
    message: /4100 w = 168100 cells is more than a surface draws \(at most 40401/,
  },
  {
    call: '{ data: "affine", b: { start: 4, stop: 0, step: 0.1 } }',
    message: /prop "b" runs backwards/,
  },
  { call: '{ data: "afine" }', message: /no data set "afine".*did you mean "affine"/ },
  {
    call: '{ data: "affine", transpose: true }',
    message: /unknown prop "transpose" \(did you mean "transposed"\?\)/,
  },
  {
    call: '{ data: "affine", view: { yaw: "left" } }',
    message: /prop "view" needs yaw as a number/,
  },
  {
    call: '{ data: "affine", w: { start: 0, stop: 0.1, step: 0.1 } }',
    message: /prop "w" needs at least 2 values/,
  },
];

for (const c of bad) {
  Deno.test(`comp.LossSurface(${c.call}) fails the build at page.md:line:col`, async () => {
    await using tmp = await tempDir();
    const body = `---\ntitle: Bad\n---\n\nText first.\n\nThen  {{ comp.LossSurface(${c.call}) }}\n`;
    await Deno.writeTextFile(`${tmp.path}/page.md`, body);
    const error = await render(await freshSite({ src: tmp.path })).then(() => null, (e) => e);
    assert.ok(error instanceof SiteError, `a SiteError, got ${error}`);
    assert.match(error.message, /^comp\.LossSurface: /);
    assert.match(error.message, c.message);
    assert.ok(error.location.file.endsWith("page.md"), error.location.file);
    assert.equal(error.location.line, 7, error.format());
    assert.equal(error.location.column, body.split("\n")[6].indexOf("comp.") + 1, error.format());
  });
}
