// The shared closed-form grid is internal; its NaN handling cannot be reached through
// validated public inputs, so it is checked here directly.
import assert from "node:assert/strict";
import { lossGrid } from "../../engine/closed_form.ts";
import type { Stats } from "../../engine/stats.ts";

const stats: Stats = { n: 3, cx: 2, mdx: 0, cy: 6, mdy: 0, vx: 2 / 3, slope: 3, rss: 0 };

function grid(s: Stats, w: number[], b: number[]) {
  const out = new Float64Array(w.length * b.length);
  return { best: lossGrid(s, Float64Array.from(w), Float64Array.from(b), out), out };
}

Deno.test("lossGrid(stats, w, b, out) never lets NaN win", () => {
  const s = { ...stats, vx: NaN };
  const { best, out } = grid(s, [1, 2], [0]);
  assert.ok(Number.isNaN(out[0]) && Number.isNaN(out[1]));
  assert.equal(best, -1);
});

Deno.test("lossGrid(stats, w, b, out) returns the first minimum in row-major order", () => {
  const { best, out } = grid(stats, [2, 3, 4], [0, 0]);
  assert.deepEqual([...out], [14 / 3, 0, 14 / 3, 14 / 3, 0, 14 / 3]);
  assert.equal(best, 1);
});
