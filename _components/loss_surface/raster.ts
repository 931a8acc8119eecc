/**
 * A small scanline rasteriser for the surface, used by the server's picture and the browser's
 * canvas alike: triangles filled back to front into a buffer of samples, each pixel's colour
 * blended from its triangle's three vertex colours (Gouraud), then the samples averaged down
 * to pixels with their coverage as alpha, which smooths the silhouette and the edges where
 * one part of the surface passes in front of another. Filling spans of a typed array is many
 * times faster than a canvas path per quad, and shared edges leave no hairline seams.
 */
import { quadVertices } from "./projection.ts";

/** A buffer of samples, `width` × `height` (opaque ABGR words, 0 = empty), and SVG units → samples. */
export interface Target {
  buf: Uint32Array;
  width: number;
  height: number;
  sx: number;
  sy: number;
  /** SVG coordinates of the buffer's top-left corner (default 0, 0). */
  x0?: number;
  y0?: number;
}

/**
 * Fills quads in `order` (projected vertices `xy` in SVG units, `nw` vertices a row), each as
 * two triangles blending the RGB of its corners (`rgb[3k..3k+2]` for vertex k). A sample is
 * covered when its centre is inside.
 */
export function rasterize(
  t: Target,
  xy: Float64Array,
  order: Uint32Array,
  nw: number,
  rgb: Uint8Array,
): void {
  const ox = t.x0 ?? 0, oy = t.y0 ?? 0;
  const px = (k: number) => (xy[2 * k] - ox) * t.sx,
    py = (k: number) => (xy[2 * k + 1] - oy) * t.sy;
  for (let n = 0; n < order.length; n++) {
    const [a, b, c, d] = quadVertices(nw, order[n]);
    triangle(t, px(a), py(a), px(b), py(b), px(c), py(c), rgb, a, b, c);
    triangle(t, px(a), py(a), px(c), py(c), px(d), py(d), rgb, a, c, d);
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
  rgb: Uint8Array,
  k0: number,
  k1: number,
  k2: number,
) {
  let area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
  if (Math.abs(area) < 1e-9) return;
  // Orient counter-clockwise (in screen space, y down) so the inside is where all edges agree.
  if (area < 0) {
    [x1, y1, x2, y2] = [x2, y2, x1, y1];
    [k1, k2] = [k2, k1];
    area = -area;
  }
  // Each channel is a plane over the triangle: v(x, y) = v0 + dx·(x − x0) + dy·(y − y0).
  const plane = (c: number) => {
    const v0 = rgb[3 * k0 + c], v1 = rgb[3 * k1 + c] - v0, v2 = rgb[3 * k2 + c] - v0;
    return [v0, (v1 * (y2 - y0) - v2 * (y1 - y0)) / area, (v2 * (x1 - x0) - v1 * (x2 - x0)) / area];
  };
  const [r0, rx, ry] = plane(0), [g0, gx, gy] = plane(1), [b0, bx, by] = plane(2);
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
    if (left > right) continue;
    const fx = left + 0.5 - x0, fy = y - y0;
    let r = r0 + rx * fx + ry * fy, g = g0 + gx * fx + gy * fy, b = b0 + bx * fx + by * fy;
    for (let p = row * width + left, end = row * width + right; p <= end; p++) {
      // Rounded and clamped to a byte by `| 0` on a value kept within [0, 255].
      const R = r < 0 ? 0 : r > 255 ? 255 : (r + 0.5) | 0;
      const G = g < 0 ? 0 : g > 255 ? 255 : (g + 0.5) | 0;
      const B = b < 0 ? 0 : b > 255 ? 255 : (b + 0.5) | 0;
      buf[p] = (0xff000000 | (B << 16) | (G << 8) | R) >>> 0;
      r += rx;
      g += gx;
      b += bx;
    }
  }
}

/**
 * Averages `ss` × `ss` samples into each pixel of `out` (RGBA bytes, `width / ss` × `height /
 * ss`): the colour of the covered samples, and their share as alpha.
 */
export function downsample(t: Target, ss: number, out: Uint8ClampedArray): void {
  const w = Math.floor(t.width / ss), h = Math.floor(t.height / ss), n = ss * ss;
  const { buf, width } = t;
  if (ss === 1) {
    // A sample is a pixel: the words are already RGBA bytes (0 = transparent).
    new Uint32Array(out.buffer, out.byteOffset, w * h).set(buf.subarray(0, w * h));
    return;
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let r = 0, g = 0, b = 0, covered = 0;
      for (let dy = 0; dy < ss; dy++) {
        for (let dx = 0, p = (y * ss + dy) * width + x * ss; dx < ss; dx++, p++) {
          const v = buf[p];
          if (v === 0) continue;
          covered++;
          r += v & 0xff;
          g += (v >>> 8) & 0xff;
          b += (v >>> 16) & 0xff;
        }
      }
      const o = 4 * (y * w + x);
      if (covered === 0) {
        out[o] =
          out[o + 1] =
          out[o + 2] =
          out[o + 3] =
            0;
        continue;
      }
      out[o] = r / covered;
      out[o + 1] = g / covered;
      out[o + 2] = b / covered;
      out[o + 3] = (255 * covered) / n;
    }
  }
}
