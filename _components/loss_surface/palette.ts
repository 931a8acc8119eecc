import { interpolateViridis } from "d3-scale-chromatic";
import { mseColors } from "../_chart/color.ts";
import { boxCoord, boxZ, type Grid, quadCount, quadVertices } from "./projection.ts";

/** Colour steps along the map: more than the eye separates on a surface of this size. */
const LEVELS = 64;
/** Light steps: a surface lit from one side reads as 3D even without rotating it. */
const SHADES = 6;
/** Direction of the light in box coordinates (from the front left, above). */
const LIGHT = normalise([-0.5, -0.7, 1]);

function normalise(v: number[]): number[] {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

/**
 * The colour of every quad, computed once at build time: viridis (over the charts' symlog
 * MSE scale) of the mean MSE of its corners, darkened by how much it turns from a light
 * fixed to the box, so the colours stay put as the view turns. Returned as a small palette
 * and one palette index per quad, which is all the browser needs (no colour code shipped).
 */
export function quadColors(grid: Grid, max: number): { palette: string[]; color: number[] } {
  const { t } = mseColors(max);
  const nw = grid.w.length;
  const X = (j: number) => boxCoord(grid.w, grid.w[j]);
  const Y = (i: number) => boxCoord(grid.b, grid.b[i]);
  const Z = (k: number) => boxZ(grid, grid.mse[k]);
  const keys: number[] = [];
  for (let q = 0; q < quadCount(grid); q++) {
    const [k0, k1, k2, k3] = quadVertices(nw, q);
    const i = Math.floor(k0 / nw), j = k0 % nw;
    const mean = (grid.mse[k0] + grid.mse[k1] + grid.mse[k2] + grid.mse[k3]) / 4;
    // Normal from the two diagonals: (k2 − k0) × (k3 − k1).
    const a = [X(j + 1) - X(j), Y(i + 1) - Y(i), Z(k2) - Z(k0)];
    const b = [X(j) - X(j + 1), Y(i + 1) - Y(i), Z(k3) - Z(k1)];
    const n = normalise([
      a[1] * b[2] - a[2] * b[1],
      a[2] * b[0] - a[0] * b[2],
      a[0] * b[1] - a[1] * b[0],
    ]);
    const lambert = Math.abs(n[0] * LIGHT[0] + n[1] * LIGHT[1] + n[2] * LIGHT[2]);
    const level = Math.round(t(mean) * (LEVELS - 1));
    const shade = Math.round(lambert * (SHADES - 1));
    keys.push(level * SHADES + shade);
  }
  const used = [...new Set(keys)].sort((a, b) => a - b);
  const index = new Map(used.map((key, n) => [key, n]));
  const palette = used.map((key) => {
    const hex = interpolateViridis(Math.floor(key / SHADES) / (LEVELS - 1));
    const f = 0.62 + 0.38 * ((key % SHADES) / (SHADES - 1));
    return "#" +
      [1, 3, 5].map((n) =>
        Math.round(parseInt(hex.slice(n, n + 2), 16) * f).toString(16).padStart(2, "0")
      ).join("");
  });
  return { palette, color: keys.map((key) => index.get(key)!) };
}
