/**
 * Geometry of the loss surface, shared by the server render (SVG) and the browser (canvas):
 * the (w, b, MSE) box in normalised coordinates, an orthographic camera turned by yaw and
 * pitch, the projected mesh, and the back-to-front order of its quads. No DOM and no d3, so
 * the browser bundle stays small.
 */

/** A viewing angle in degrees: yaw turns about the vertical axis, pitch looks down. */
export interface View {
  yaw: number;
  pitch: number;
}

/** The view the server draws and the reset control returns to. */
export const DEFAULT_VIEW: View = { yaw: -32, pitch: 28 };

/** Pitch stays above the floor, so the floor and back walls are always behind the surface. */
export const PITCH_RANGE = [6, 88] as const;

/** The drawing's size in SVG units and where the box sits in it. */
export const STAGE = {
  width: 560,
  height: 430,
  /** Screen position of the box's centre. */
  cx: 238,
  cy: 222,
  /** SVG units per unit of the normalised box (its floor is 1 × 1). */
  scale: 222,
  /** Height of the box in floor units: MSE from 0 to `zmax` spans it. */
  zHeight: 0.72,
};

/** The sampled surface: rows are b, columns w; `mse[i * w.length + j]` is at (w[j], b[i]). */
export interface Grid {
  w: ArrayLike<number>;
  b: ArrayLike<number>;
  mse: ArrayLike<number>;
  /** MSE at the top of the box. */
  zmax: number;
}

/** Wraps yaw into [-180, 180) and clamps pitch into {@linkcode PITCH_RANGE}. */
export function clampView(v: View): View {
  const yaw = ((((v.yaw + 180) % 360) + 360) % 360) - 180;
  return { yaw, pitch: Math.min(PITCH_RANGE[1], Math.max(PITCH_RANGE[0], v.pitch)) };
}

/** An orthographic camera for a view: box coordinates in, SVG coordinates out. */
export interface Camera {
  /** Screen position of the box point (X, Y, Z), X and Y in [-0.5, 0.5], Z in [0, zHeight]. */
  point(X: number, Y: number, Z: number): [number, number];
  /** Horizontal distance from the viewer along the line of sight (larger is farther). */
  depth(X: number, Y: number): number;
  /** sin and cos of the yaw, for callers that project many points. */
  sin: number;
  cos: number;
}

/** The camera of a view. */
export function camera(view: View): Camera {
  const yaw = (view.yaw * Math.PI) / 180, pitch = (view.pitch * Math.PI) / 180;
  const sin = Math.sin(yaw), cos = Math.cos(yaw);
  const sp = Math.sin(pitch), cp = Math.cos(pitch);
  const { cx, cy, scale, zHeight } = STAGE;
  const half = zHeight / 2;
  return {
    sin,
    cos,
    point: (X, Y, Z) => [
      cx + scale * (X * cos - Y * sin),
      cy - scale * ((Z - half) * cp + (X * sin + Y * cos) * sp),
    ],
    depth: (X, Y) => X * sin + Y * cos,
  };
}

/** Normalised box coordinate of a value on an axis: first value −0.5, last +0.5. */
export function boxCoord(values: ArrayLike<number>, v: number): number {
  const a = values[0], b = values[values.length - 1];
  return (v - a) / (b - a) - 0.5;
}

/** Box height of an MSE value (clamped to the box). */
export function boxZ(grid: Grid, mse: number): number {
  return (Math.min(Math.max(mse, 0), grid.zmax) / grid.zmax) * STAGE.zHeight;
}

/**
 * Screen coordinates of every grid vertex, `out[2k]`, `out[2k + 1]` for vertex
 * `k = i * w.length + j`. Reuses `out` when given.
 */
export function projectGrid(grid: Grid, view: View, out?: Float64Array): Float64Array {
  const nw = grid.w.length, nb = grid.b.length;
  const xy = out ?? new Float64Array(2 * nw * nb);
  // camera(view).point, unrolled: this runs for every vertex of every frame.
  const yaw = (view.yaw * Math.PI) / 180, pitch = (view.pitch * Math.PI) / 180;
  const sin = Math.sin(yaw), cos = Math.cos(yaw), sp = Math.sin(pitch), cp = Math.cos(pitch);
  const { cx, cy, scale: s, zHeight } = STAGE;
  const zs = (zHeight / grid.zmax) * cp * s, z0 = cy + (zHeight / 2) * cp * s;
  const X = Array.from({ length: nw }, (_, j) => boxCoord(grid.w, grid.w[j]));
  for (let i = 0; i < nb; i++) {
    const Y = boxCoord(grid.b, grid.b[i]);
    for (let j = 0; j < nw; j++) {
      const k = i * nw + j;
      const m = Math.min(Math.max(grid.mse[k], 0), grid.zmax);
      xy[2 * k] = cx + s * (X[j] * cos - Y * sin);
      xy[2 * k + 1] = z0 - m * zs - s * (X[j] * sin + Y * cos) * sp;
    }
  }
  return xy;
}

/** Number of quads of a grid: one between each 2 × 2 block of vertices. */
export function quadCount(grid: Grid): number {
  return (grid.w.length - 1) * (grid.b.length - 1);
}

/** The four vertex indices of quad `q`, counter-clockwise in (w, b). */
export function quadVertices(nw: number, q: number): [number, number, number, number] {
  const i = Math.floor(q / (nw - 1)), j = q % (nw - 1);
  const k = i * nw + j;
  return [k, k + 1, k + 1 + nw, k + nw];
}

/**
 * Quads in painter's order, farthest first. A height field seen by an orthographic camera
 * from above is exactly ordered by the horizontal depth of its cells' centres: any line of
 * sight crosses the cells' footprints in increasing depth, so no quad drawn later can lie
 * behind one drawn earlier, whatever the heights. The key depends on the yaw alone.
 */
export function drawOrder(grid: Grid, view: View, out?: Uint32Array): Uint32Array {
  const nw = grid.w.length, nb = grid.b.length;
  const n = quadCount(grid);
  const order = out ?? new Uint32Array(n);
  const cam = camera(view);
  // One number per quad, sorted natively (no comparator): its depth, negated so the farthest
  // comes first and quantised to 2^-24 of the box, above its index in the low 17 bits. Exact in
  // a double (|value| < 2^41), and ties keep grid order, so both sides get the same order.
  if (n > INDEX) throw new RangeError(`drawOrder: ${n} quads, more than ${INDEX}`);
  const packed = new Float64Array(n);
  const X = Array.from(
    { length: nw - 1 },
    (_, j) => (boxCoord(grid.w, grid.w[j]) + boxCoord(grid.w, grid.w[j + 1])) / 2,
  );
  for (let i = 0; i < nb - 1; i++) {
    const Y = (boxCoord(grid.b, grid.b[i]) + boxCoord(grid.b, grid.b[i + 1])) / 2;
    for (let j = 0; j < nw - 1; j++) {
      const q = i * (nw - 1) + j;
      packed[q] = Math.round(-cam.depth(X[j], Y) * 2 ** 24) * INDEX + q;
    }
  }
  packed.sort();
  for (let k = 0; k < n; k++) order[k] = packed[k] - Math.floor(packed[k] / INDEX) * INDEX;
  return order;
}

/** Room for quad indices in {@linkcode drawOrder}'s packed keys: 2^17 > 201 × 201 cells. */
const INDEX = 2 ** 17;

/** Whether the point (x, y) is inside quad `q` as projected (even-odd rule). */
export function inQuad(xy: Float64Array, nw: number, q: number, x: number, y: number): boolean {
  const v = quadVertices(nw, q);
  let inside = false;
  for (let a = 0, b = 3; a < 4; b = a++) {
    const xa = xy[2 * v[a]], ya = xy[2 * v[a] + 1], xb = xy[2 * v[b]], yb = xy[2 * v[b] + 1];
    if ((ya > y) !== (yb > y) && x < ((xb - xa) * (y - ya)) / (yb - ya) + xa) inside = !inside;
  }
  return inside;
}

/**
 * The grid vertex under the screen point (x, y): the nearest corner of the topmost quad
 * that contains it, or -1 off the surface.
 */
export function pick(xy: Float64Array, order: Uint32Array, nw: number, x: number, y: number) {
  for (let n = order.length - 1; n >= 0; n--) {
    const q = order[n];
    if (!inQuad(xy, nw, q, x, y)) continue;
    let best = -1, min = Infinity;
    for (const k of quadVertices(nw, q)) {
      const d = (xy[2 * k] - x) ** 2 + (xy[2 * k + 1] - y) ** 2;
      if (d < min) [best, min] = [k, d];
    }
    return best;
  }
  return -1;
}

/**
 * SVG path of quad `q`, in tenths of a unit: absolute start, then relative steps taken
 * between rounded points, so the shape closes exactly and the page stays small.
 */
export function quadPath(xy: Float64Array, nw: number, q: number): string {
  const p = quadVertices(nw, q).map((
    k,
  ) => [Math.round(xy[2 * k] * 10), Math.round(xy[2 * k + 1] * 10)]);
  let d = `M${p[0][0] / 10} ${p[0][1] / 10}l`;
  for (let n = 1; n < 4; n++) {
    const dx = (p[n][0] - p[n - 1][0]) / 10, dy = (p[n][1] - p[n - 1][1]) / 10;
    d += `${n > 1 && dx >= 0 ? " " : ""}${dx}${dy >= 0 ? " " : ""}${dy}`;
  }
  return d + "z";
}
