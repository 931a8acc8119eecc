/**
 * comp.LossSurface's server render, through the real pipeline: the default view against its
 * golden SVG (`deno task golden` refreshes it), the size budget, the picture's smoothness, the
 * orientation of the drawn surface against the red best point (and the transposed mistake that
 * misses it), the text description read from the same grid, and bad props failing the build at
 * the call's file:line:col.
 */
import assert from "node:assert/strict";
import { render } from "../../ssg/core/build.ts";
import { SiteError } from "../../ssg/core/errors.ts";
import { Buffer } from "node:buffer";
import { inflateSync } from "node:zlib";
import { STAGE } from "../../_components/loss_surface/projection.ts";
import { assertGolden, freshSite, renderSite, tempDir, withIslands } from "../helpers.ts";

/** Renders pages (name → Vento body) and returns each page's HTML. */
async function pages(bodies: Record<string, string>): Promise<Record<string, string>> {
  await using tmp = await tempDir();
  for (const [name, body] of Object.entries(bodies)) {
    // A page whose name ends in "En" is in English.
    const lang = name.endsWith("En") ? "lang: en\n" : "";
    await Deno.writeTextFile(
      `${tmp.path}/${name}.md`,
      `---\ntitle: ${name}\n${lang}---\n\n${body}\n`,
    );
  }
  const { output } = await renderSite({ src: tmp.path });
  return Object.fromEntries(
    Object.keys(bodies).map((
      n,
    ) => [n, withIslands(output, `${n.endsWith("En") ? "en/" : ""}${n}/index.html`)]),
  );
}

/** The n-th surface figure of a page: its SVG, data island and picture. */
function figure(html: string, n = 0) {
  const fig = [...html.matchAll(/<figure class="chart loss-surface[\s\S]*?<\/figure>/g)][n]?.[0];
  assert.ok(fig, `page has surface figure ${n}`);
  const svg = fig.match(/<svg[\s\S]*?<\/svg>/)![0];
  const json =
    fig.match(/<script type="application\/json" class="chart-data">([\s\S]*?)<\/script>/)![1];
  const image = svg.match(
    /<image class="surface" aria-hidden="true" x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)" preserveAspectRatio="none" href="data:image\/png;base64,([^"]+)"\/>/,
  );
  assert.ok(image, "the surface is one <image>");
  const [x, y, width, height] = image.slice(1, 5).map(Number);
  const best = svg.match(/<g class="best">[\s\S]*?<circle cx="([-\d.]+)" cy="([-\d.]+)"/)!;
  return {
    svg,
    fig,
    json,
    island: JSON.parse(json) as { mse: number[]; w: number[]; b: number[] },
    picture: { x, y, width, height, png: decodePng(image[5]) },
    red: [Number(best[1]), Number(best[2])] as [number, number],
  };
}

/** An 8-bit RGBA PNG (base64) decoded: width, height and its pixels, row by row. */
function decodePng(b64: string): { width: number; height: number; rgba: Uint8Array } {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const view = new DataView(bytes.buffer);
  const width = view.getUint32(16), height = view.getUint32(20);
  assert.deepEqual([bytes[24], bytes[25]], [8, 6], "8-bit RGBA");
  const idat: Uint8Array[] = [];
  for (let at = 8; at < bytes.length;) {
    const len = view.getUint32(at), type = new TextDecoder().decode(bytes.subarray(at + 4, at + 8));
    if (type === "IDAT") idat.push(bytes.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4, rgba = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const type = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const a = i >= 4 ? rgba[y * stride + i - 4] : 0, b = y > 0 ? rgba[(y - 1) * stride + i] : 0;
      const c = i >= 4 && y > 0 ? rgba[(y - 1) * stride + i - 4] : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const predicted = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][type];
      rgba[y * stride + i] = (raw[y * (stride + 1) + 1 + i] + predicted) & 0xff;
    }
  }
  return { width, height, rgba };
}

/** Numbers to one decimal, the picture's bytes by their length, one element a line. */
function normalize(svg: string): string {
  return svg.replace(/-?\d+\.\d+/g, (n) => String(Math.round(Number(n) * 10) / 10))
    .replace(/base64,[^"]+/, (b) => `base64,…${b.length - 7} characters`)
    .replace(/></g, ">\n<") + "\n";
}

const html = await pages({
  right: '{{ comp.LossSurface({ data: "affine" }) }}',
  wrong: '{{ comp.LossSurface({ data: "affine", transposed: true }) }}',
  en: '{{ comp.LossSurface({ data: "affine", caption: "Try it." }) }}',
  wrongEn: '{{ comp.LossSurface({ data: "affine", transposed: true, caption: "Wrong." }) }}',
});

Deno.test("comp.LossSurface({ transposed }) says so in its caption, ending as its language does", () => {
  const caption = (h: string) => h.match(/<figcaption>[\s\S]*?<\/figcaption>/)?.[0] ?? "";
  assert.match(caption(html.wrong), /<strong class="wrong">错误示范：曲面被转置了。<\/strong>/);
  assert.match(
    caption(html.wrongEn),
    /<strong class="wrong">Wrong: the surface is transposed\.<\/strong>/,
  );
});

Deno.test("comp.LossSurface() default view renders as tests/output/components/loss_surface.svg", async () => {
  const actual = normalize(figure(html.right).svg);
  await assertGolden("components/loss_surface.svg", actual);
});

Deno.test("comp.LossSurface() at 41 × 41: one picture, no path per quad, SVG ≤ 40 KB, island ≤ 16 KB", () => {
  const f = figure(html.right);
  const bytes = (s: string) => new TextEncoder().encode(s).length;
  assert.equal([...f.svg.matchAll(/<path/g)].length, 0, "no quads as paths");
  assert.ok(bytes(f.svg) <= 40_000, `SVG is ${bytes(f.svg)} bytes`);
  assert.ok(bytes(f.json) <= 16_000, `island is ${bytes(f.json)} bytes`);
  assert.equal(f.island.mse.length, 41 * 41);
  // A pixel per SVG unit, cropped to the mesh.
  assert.equal(f.picture.png.width, f.picture.width);
  assert.equal(f.picture.png.height, f.picture.height);
  assert.ok(f.picture.width < STAGE.width && f.picture.height < STAGE.height);
});

Deno.test("comp.LossSurface()'s picture: smooth edges, opaque inside, transparent outside", () => {
  const { png } = figure(html.right).picture;
  const alpha = Array.from({ length: png.width * png.height }, (_, k) => png.rgba[4 * k + 3]);
  const opaque = alpha.filter((a) => a === 255).length, clear = alpha.filter((a) => a === 0).length;
  const partial = alpha.length - opaque - clear;
  assert.ok(opaque > alpha.length / 3, `${opaque} opaque pixels of ${alpha.length}`);
  assert.ok(clear > 0, "the page shows through around the mesh (dark mode)");
  // The silhouette is anti-aliased: its pixels are partly covered, not a stair-step of 0 and 255.
  assert.ok(partial > 0.5 * Math.sqrt(opaque), `${partial} partly covered pixels`);
  // Colours blend from cell to cell: many more distinct colours than a flat fill per cell.
  const colors = new Set<number>();
  for (let k = 0; k < alpha.length; k++) {
    if (alpha[k] === 255) {
      colors.add(png.rgba[4 * k] << 16 | png.rgba[4 * k + 1] << 8 | png.rgba[4 * k + 2]);
    }
  }
  assert.ok(colors.size > 2000, `${colors.size} colours`);
});

Deno.test("comp.LossSurface() draws its lowest point under the red best point; transposed: true does not", () => {
  for (const [name, near] of [["right", true], ["wrong", false]] as const) {
    const f = figure(html[name]);
    const { png, x, y } = f.picture;
    // The darkest opaque pixel: the bottom of viridis is the lowest MSE.
    let darkest = [0, 0], min = Infinity;
    for (let k = 0; k < png.width * png.height; k++) {
      if (png.rgba[4 * k + 3] !== 255) continue;
      const lum = png.rgba[4 * k] + png.rgba[4 * k + 1] + png.rgba[4 * k + 2];
      if (lum < min) {
        [min, darkest] = [lum, [x + (k % png.width) + 0.5, y + Math.floor(k / png.width) + 0.5]];
      }
    }
    const gap = Math.hypot(darkest[0] - f.red[0], darkest[1] - f.red[1]);
    if (near) assert.ok(gap <= 6, `${name}: the darkest pixel is ${gap} units from the red point`);
    else assert.ok(gap > 50, `${name}: the darkest pixel is only ${gap} units from the red point`);
  }
  // The same on the numbers drawn: the transposed grid's minimum sits at (w = 1, b = 3).
  const wrong = figure(html.wrong).island;
  const k = wrong.mse.indexOf(Math.min(...wrong.mse));
  assert.deepEqual([wrong.w[k % 41], wrong.b[Math.floor(k / 41)]], [1, 3]);
  assert.match(html.wrong, /错误示范：曲面被转置了/);
});

Deno.test("comp.LossSurface()'s text description reads the grid as drawn, transposed or not", () => {
  for (const name of ["right", "wrong", "en", "wrongEn"] as const) {
    const f = figure(html[name]);
    const desc = f.svg.match(/<desc id="[^"]+">([^<]*)<\/desc>/)![1];
    const { mse, w, b } = f.island;
    const low = mse.indexOf(Math.min(...mse));
    const at = (k: number) =>
      `(w = ${w[k % 41].toFixed(1)}, b = ${b[Math.floor(k / 41)].toFixed(1)})`;
    assert.ok(desc.includes(at(low)), `${name}: names the drawn minimum ${at(low)}: ${desc}`);
    if (name === "wrong" || name === "wrongEn") {
      // At the true best point (w = 3, b = 1) the transposed figure reads 6.6667, not 0.
      const red = b.indexOf(1) * 41 + w.indexOf(3);
      assert.equal(mse[red].toFixed(4), "6.6667");
      assert.ok(desc.includes("(w = 3.0, b = 1.0)") && desc.includes("6.6667"), desc);
      assert.doesNotMatch(desc, /minimum MSE 0\.0 at \(w = 3\.0|最小 MSE 为 0\.0，位于 \(w = 3\.0/);
    }
  }
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
  assert.match(html.en, /<script type="module" async src="[^"]*components\/loss_surface\.js"/);
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
