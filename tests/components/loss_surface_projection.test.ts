/**
 * The loss surface's shared geometry: painter's order checked against a depth test along the
 * line of sight from many angles, picking, and the compact quad paths.
 */
import assert from "node:assert/strict";
import { sweepWB } from "../../engine/mod.ts";
import {
  boxCoord,
  boxZ,
  camera,
  drawOrder,
  type Grid,
  pick,
  projectGrid,
  quadPath,
  quadVertices,
  STAGE,
  type View,
} from "../../_components/loss_surface/projection.ts";

const axis = { start: 0, stop: 4.1, step: 0.1 };
const sweep = sweepWB({ x: [1, 2, 3], y: [4, 7, 10] }, axis, axis);
const grid: Grid = { w: sweep.w, b: sweep.b, mse: sweep.mse, zmax: Math.max(...sweep.mse) };
const nw = grid.w.length;

/** Distance from the viewer of every vertex (orthographic: larger is farther). */
function depths(view: View): Float64Array {
  const cam = camera(view), sp = Math.sin((view.pitch * Math.PI) / 180);
  const cp = Math.cos((view.pitch * Math.PI) / 180);
  const out = new Float64Array(nw * grid.b.length);
  for (let i = 0; i < grid.b.length; i++) {
    for (let j = 0; j < nw; j++) {
      const k = i * nw + j;
      const X = boxCoord(grid.w, grid.w[j]), Y = boxCoord(grid.b, grid.b[i]);
      out[k] = cam.depth(X, Y) * cp - (boxZ(grid, grid.mse[k]) - STAGE.zHeight / 2) * sp;
    }
  }
  return out;
}

/** Depth of quad `q` at screen point (x, y), or undefined when (x, y) is outside it. */
function depthAt(xy: Float64Array, z: Float64Array, q: number, x: number, y: number) {
  const [a, b, c, d] = quadVertices(nw, q);
  for (const [p, r, s] of [[a, b, c], [a, c, d]]) {
    const x0 = xy[2 * p], y0 = xy[2 * p + 1], x1 = xy[2 * r], y1 = xy[2 * r + 1];
    const x2 = xy[2 * s], y2 = xy[2 * s + 1];
    const det = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
    if (Math.abs(det) < 1e-12) continue;
    const u = ((x - x0) * (y2 - y0) - (x2 - x0) * (y - y0)) / det;
    const v = ((x1 - x0) * (y - y0) - (x - x0) * (y1 - y0)) / det;
    if (u >= 1e-9 && v >= 1e-9 && u + v <= 1 - 1e-9) {
      return z[p] + u * (z[r] - z[p]) + v * (z[s] - z[p]);
    }
  }
}

/** Screen points where a quad drawn later lies behind one drawn earlier. */
function wrongOverlaps(view: View, order: Uint32Array): number {
  const xy = projectGrid(grid, view), z = depths(view);
  let wrong = 0;
  for (let y = 5; y < STAGE.height; y += 11) {
    for (let x = 5; x < STAGE.width; x += 11) {
      let top: number | undefined, nearest = Infinity;
      for (const q of order) {
        const d = depthAt(xy, z, q, x, y);
        if (d === undefined) continue;
        top = d;
        nearest = Math.min(nearest, d);
      }
      if (top !== undefined && top > nearest + 1e-9) wrong++;
    }
  }
  return wrong;
}

const views: View[] = [];
for (let yaw = -170; yaw < 180; yaw += 45) {
  for (const pitch of [8, 28, 60, 85]) views.push({ yaw, pitch });
}

Deno.test("drawOrder(grid, view) never draws a quad over a nearer one, from 32 angles", () => {
  for (const view of views) {
    assert.equal(wrongOverlaps(view, drawOrder(grid, view)), 0, `view ${JSON.stringify(view)}`);
  }
});

Deno.test("the depth check catches a wrong order (front to back) where the surface hides itself", () => {
  // Seen low over its high corner (w = 0, b = 0), the bowl's near wall hides part of its valley.
  const view = { yaw: 60, pitch: 15 };
  assert.ok(wrongOverlaps(view, drawOrder(grid, view).slice().reverse()) > 40);
});

Deno.test("pick(xy, order, nw, x, y) finds the vertex drawn at a point, and -1 off the surface", () => {
  const view = { yaw: -32, pitch: 28 };
  const xy = projectGrid(grid, view), order = drawOrder(grid, view);
  const k = 10 * nw + 30; // w = 3, b = 1
  assert.equal(pick(xy, order, nw, xy[2 * k] + 0.3, xy[2 * k + 1] + 0.3), k);
  assert.equal(pick(xy, order, nw, 2, 2), -1);
});

Deno.test("quadPath(xy, nw, q) closes on its rounded corners", () => {
  const xy = projectGrid(grid, { yaw: 50, pitch: 40 });
  for (const q of [0, 777, 1599]) {
    const d = quadPath(xy, nw, q);
    assert.match(d, /^M-?[\d.]+ -?[\d.]+l(-?[\d.]+ ?){6}z$/);
    const v = d.match(/-?\d+(?:\.\d+)?/g)!.map(Number);
    const corners = quadVertices(nw, q);
    let x = v[0], y = v[1];
    for (let n = 1; n < 4; n++) {
      x += v[2 * n];
      y += v[2 * n + 1];
      assert.ok(
        Math.abs(x - xy[2 * corners[n]]) <= 0.051 && Math.abs(y - xy[2 * corners[n] + 1]) <= 0.051,
      );
    }
  }
});
