/**
 * The lectures' charts as a reader meets them. Linked views agree when a lecture loads: on every
 * page of the course, the charts of one linked group draw the same model (ŷ = x·w with the same
 * fixed b, or ŷ = x·w + b with b selectable) and the server renders them at the same selected
 * point, so no marker jumps when the scripts take over and every view reads the same (w, b) and
 * MSE. And what a page says with JavaScript off or in print tells no one to drag, point or press
 * keys: such instructions are marked to show only where the charts are interactive (`live-only`
 * in prose, a chart's `hint`; the reshape grid's `hint` and the surface's `keys` spans).
 */
import assert from "node:assert/strict";
import { DOTS } from "../../_components/loss_curve/mod.ts";
import { renderSite, text, withIslands } from "../helpers.ts";
import { scriptOffText } from "./script_off.ts";

const { output } = await renderSite({});

interface View {
  chart: string;
  /** The fixed intercept, or "free" when b is selected with w. */
  b: number | "free";
  w: number;
  /** The selected b, for views that select it. */
  sb?: number;
}

/** What each chart of a page shows at load, by group, read from its data island. */
function views(html: string): Map<string, View[]> {
  const out = new Map<string, View[]>();
  const figures = html.matchAll(
    /<figure class="chart [^"]*" data-chart="([^"]+)" data-group="([^"]+)"[\s\S]*?<script type="application\/json" class="chart-data">([\s\S]*?)<\/script>/g,
  );
  for (const [, chart, group, json] of figures) {
    const d = JSON.parse(json);
    let v: View | undefined;
    if (chart === "loss-curve" || chart === "sweep-table") {
      v = { chart, b: d.b, w: d.w[d.select] };
    } else if (chart === "data-fit") {
      v = d.bLinked ? { chart, b: "free", w: d.w, sb: d.b } : { chart, b: d.b, w: d.w };
    } else if (chart === "loss-heatmap") {
      v = { chart, b: "free", w: d.w[d.select[1]], sb: d.b[d.select[0]] };
    } else if (chart === "loss-surface") {
      v = { chart, b: "free", w: d.best.w, sb: d.best.b };
    }
    if (v) out.set(group, [...out.get(group) ?? [], v]);
  }
  return out;
}

Deno.test("the charts of a linked group draw one model at one point when a page loads", () => {
  const problems: string[] = [];
  let groups = 0;
  for (const path of output.keys()) {
    if (!path.endsWith(".html")) continue;
    for (const [group, list] of views(withIslands(output, path))) {
      groups++;
      const first = list[0];
      for (const v of list.slice(1)) {
        if (v.b !== first.b) {
          problems.push(
            `${path}: group "${group}": ${first.chart} has b ${first.b}, ${v.chart} has b ${v.b}`,
          );
        } else if (v.w !== first.w || v.sb !== first.sb) {
          problems.push(
            `${path}: group "${group}": ${first.chart} shows (${first.w}, ${
              first.sb ?? first.b
            }), ${v.chart} (${v.w}, ${v.sb ?? v.b})`,
          );
        }
      }
    }
  }
  assert.ok(groups > 10, `found ${groups} groups`);
  assert.deepEqual(problems, []);
});

Deno.test("no lecture gives instructions to drag, point or press keys where nothing moves", () => {
  const words =
    /拖动|拖一拖|方向键|指针|点击|滑动(?!平均)|\bdrag|\barrow keys?\b|\bpoint at\b|\bclick|\bhover/gi;
  const found: string[] = [];
  let pages = 0;
  for (const path of output.keys()) {
    if (!/^(en\/)?lectures\/[^/]+\/index\.html$/.test(path)) continue;
    pages++;
    const main = text(output, path).match(/<main[\s\S]*<\/main>/)?.[0] ?? "";
    const still = scriptOffText(main);
    for (const m of still.matchAll(words)) {
      found.push(
        `${path}: …${still.slice(Math.max(0, m.index! - 30), m.index! + 30).replace(/\s+/g, " ")}…`,
      );
    }
  }
  assert.ok(pages >= 4, `${pages} lecture pages`);
  assert.deepEqual(found, []);
});

Deno.test("lecture 3's descent charts draw the dots their captions count: the start and 30 steps", () => {
  for (
    const path of [
      "lectures/03-gradient-descent/index.html",
      "en/lectures/03-gradient-descent/index.html",
    ]
  ) {
    const html = text(output, path);
    const figures = [...html.matchAll(/<figure class="chart loss-curve"[\s\S]*?<\/figure>/g)].map((
      m,
    ) => m[0]);
    const counted = figures.filter((f) => /<figcaption>[^<]*\b30\b/.test(f));
    assert.equal(counted.length, 2, `${path}: two captions count the dots`);
    for (const f of counted) {
      const run = f.match(/<g class="trajectory"[^>]*>([\s\S]*?)<\/g>/)![1];
      assert.equal(run.match(/<circle /g)?.length, DOTS + 1, path);
    }
  }
});
