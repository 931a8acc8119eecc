/**
 * A small scanline rasteriser for the browser's surface: quads filled back to front into a
 * pixel buffer that one `putImageData` shows. Filling spans of a typed array is many times
 * faster than a canvas path per quad (10,000 quads at 101 × 101), and shared edges leave no
 * hairline seams.
 */
import { quadVertices } from "./projection.ts";

/** `#rrggbb` → a pixel of an ImageData's Uint32 view (little-endian RGBA, opaque). */
export function pixel(hex: string): number {
  const v = parseInt(hex.slice(1), 16);
  return (0xff000000 | ((v & 0xff) << 16) | (v & 0xff00) | ((v >> 16) & 0xff)) >>> 0;
}

/** A target: pixels row by row, `width` × `height`, and SVG units → pixels. */
export interface Target {
  buf: Uint32Array;
  width: number;
  height: number;
  sx: number;
  sy: number;
}

/**
 * Fills quads in `order` (projected vertices `xy` in SVG units, `nw` vertices a row) with
 * `colors[q]`. Each quad is two triangles; a pixel is covered when its centre is inside.
 */
export function rasterize(
  t: Target,
  xy: Float64Array,
  order: Uint32Array,
  nw: number,
  colors: Uint32Array,
): void {
  const px = (k: number) => xy[2 * k] * t.sx, py = (k: number) => xy[2 * k + 1] * t.sy;
  for (let n = 0; n < order.length; n++) {
    const q = order[n];
    const [a, b, c, d] = quadVertices(nw, q);
    const ax = px(a), ay = py(a), cx = px(c), cy = py(c);
    triangle(t, ax, ay, px(b), py(b), cx, cy, colors[q]);
    triangle(t, ax, ay, cx, cy, px(d), py(d), colors[q]);
  }
}

function triangle(
  t: Target,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  color: number,
) {
  // Orient counter-clockwise (in screen space, y down) so the inside is where all edges agree.
  if ((x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0) < 0) {
    [x1, y1, x2, y2] = [x2, y2, x1, y1];
  }
  const top = Math.max(0, Math.ceil(Math.min(y0, y1, y2) - 0.5));
  const bottom = Math.min(t.height - 1, Math.floor(Math.max(y0, y1, y2) - 0.5));
  const { buf, width } = t;
  for (let row = top; row <= bottom; row++) {
    const y = row + 0.5;
    let left = 0, right = width - 1;
    // Each edge (xa, ya) → (xb, yb) keeps the points where (xb−xa)(y−ya) − (yb−ya)(x−xa) ≥ 0.
    for (let e = 0; e < 3; e++) {
      const xa = e === 0 ? x0 : e === 1 ? x1 : x2, ya = e === 0 ? y0 : e === 1 ? y1 : y2;
      const xb = e === 0 ? x1 : e === 1 ? x2 : x0, yb = e === 0 ? y1 : e === 1 ? y2 : y0;
      const dy = yb - ya, k = (xb - xa) * (y - ya);
      if (dy > 0) right = Math.min(right, Math.floor(xa + k / dy - 0.5));
      else if (dy < 0) left = Math.max(left, Math.ceil(xa + k / dy - 0.5));
      else if (k < 0) left = width;
    }
    if (left <= right) buf.fill(color, row * width + left, row * width + right + 1);
  }
}
