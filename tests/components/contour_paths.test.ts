/**
 * contourPaths: the heatmap's isolines reach the border of the coloured cells in their own
 * direction, with no slanted step (a small wedge) where d3-contour closes its rings along the
 * border.
 */
import assert from "node:assert/strict";
import { sweepWB } from "../../engine/mod.ts";
import { contourLevels } from "../../_components/_chart/color.ts";
import { contourPaths } from "../../_components/loss_heatmap/contour_paths.ts";

const AXIS = { start: 0, stop: 4.1, step: 0.1 };

/** The subpaths of path data as point lists, in grid units (the paths drawn 100 × larger). */
function subpaths(d: string): number[][][] {
  return d.split("M").filter(Boolean).map((s) =>
    s.split("L").map((p) => p.split(",").map((v) => Number(v) / 100))
  );
}

/** The angle in degrees between the directions a→b and b→c. */
function turn(a: number[], b: number[], c: number[]): number {
  const u = [b[0] - a[0], b[1] - a[1]], v = [c[0] - b[0], c[1] - b[1]];
  const cos = (u[0] * v[0] + u[1] * v[1]) / (Math.hypot(...u) * Math.hypot(...v));
  return (Math.acos(Math.max(-1, Math.min(1, cos))) * 180) / Math.PI;
}

Deno.test("contourPaths(lecture 2's (w, b) grid) carries each isoline straight on to the border", () => {
  const grid = sweepWB({ x: [1, 2, 3], y: [4, 7, 10] }, AXIS, AXIS);
  const n = grid.w.length;
  const levels = contourLevels(grid.best.mse, Math.max(...grid.mse));
  const paths = contourPaths(grid.mse, n, n, levels, (x) => x * 100, (y) => y * 100);
  const onBorder = ([x, y]: number[]) => Math.min(x, y) <= 1e-9 || Math.max(x, y) >= n - 1e-9;
  let ends = 0;
  const steps: string[] = [];
  for (const { level, d } of paths) {
    for (const line of subpaths(d)) {
      assert.ok(line.length >= 2);
      for (const [end, inner, before] of [line.slice(0, 3), line.slice(-3).reverse()]) {
        if (!onBorder(end) || !before) continue;
        ends++;
        const angle = turn(before, inner, end);
        if (angle > 20) steps.push(`MSE ${level}: ${inner} → ${end} turns ${angle.toFixed(0)}°`);
      }
    }
  }
  assert.ok(ends > 10, `${ends} isolines reach the border`);
  assert.deepEqual(steps, []);
});
