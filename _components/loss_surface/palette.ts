/**
 * The surface's colours, shared by the server's picture and the browser's canvas: each grid
 * vertex gets viridis (over the charts' symmetric-log MSE scale) of its MSE, darkened by how
 * much the surface there turns from a light fixed to the box, and the rasteriser blends them
 * across each triangle, so colour bands follow the surface smoothly instead of stepping from
 * cell to cell. No d3 here: the browser gets the colour map as a short ramp in the data island.
 */
import { boxZ, type Grid } from "./projection.ts";

/** Entries of the colour ramp; values between two entries are blended. */
export const RAMP_STEPS = 64;
/** Direction of the light in box coordinates (from the front left, above). */
const LIGHT = normalise([-0.5, -0.7, 1]);

function normalise(v: number[]): number[] {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

/** `#rrggbb` colours as one hex string without `#`, six digits each: the island's ramp. */
export function packRamp(colors: string[]): string {
  return colors.map((c) => c.slice(1)).join("");
}

/** A packed ramp back to RGB triples. */
export function unpackRamp(ramp: string): Uint8Array {
  const out = new Uint8Array(ramp.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(ramp.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * Position of an MSE on the colour map, in [0, 1]: the symmetric-log scale of the charts'
 * `mseColors` (constant max / 1000), written out so the browser needs no d3-scale.
 */
export function mseT(mse: number, max: number): number {
  const c = Math.max(max, 1e-12) / 1000;
  const t = Math.log1p(Math.max(mse, 0) / c) / Math.log1p((max || 1) / c);
  return Math.min(1, Math.max(0, t));
}

/**
 * RGB of every grid vertex (`out[3k..3k+2]` for vertex k = i·nw + j): the ramp at the
 * vertex's MSE, lit by the normal from the neighbouring heights. The colours stay put as the
 * view turns (the light is fixed to the box).
 */
export function vertexColors(grid: Grid, ramp: Uint8Array): Uint8Array {
  const nw = grid.w.length, nb = grid.b.length, steps = ramp.length / 3;
  const out = new Uint8Array(nw * nb * 3);
  const Z = (i: number, j: number) => boxZ(grid, grid.mse[i * nw + j]);
  // Box units per grid step: the floor is 1 × 1.
  const sx = 1 / Math.max(nw - 1, 1), sy = 1 / Math.max(nb - 1, 1);
  for (let i = 0; i < nb; i++) {
    for (let j = 0; j < nw; j++) {
      const j0 = Math.max(j - 1, 0), j1 = Math.min(j + 1, nw - 1);
      const i0 = Math.max(i - 1, 0), i1 = Math.min(i + 1, nb - 1);
      const gx = j1 > j0 ? (Z(i, j1) - Z(i, j0)) / ((j1 - j0) * sx) : 0;
      const gy = i1 > i0 ? (Z(i1, j) - Z(i0, j)) / ((i1 - i0) * sy) : 0;
      const n = normalise([-gx, -gy, 1]);
      const lambert = Math.abs(n[0] * LIGHT[0] + n[1] * LIGHT[1] + n[2] * LIGHT[2]);
      const f = 0.62 + 0.38 * lambert;
      const at = mseT(grid.mse[i * nw + j], grid.zmax) * (steps - 1);
      const a = Math.min(Math.floor(at), steps - 2), u = at - a;
      const k = 3 * (i * nw + j);
      for (let c = 0; c < 3; c++) {
        out[k + c] = Math.round(f * (ramp[3 * a + c] * (1 - u) + ramp[3 * a + 3 + c] * u));
      }
    }
  }
  return out;
}
