/**
 * The server's picture of the surface: the mesh rasterised (blended vertex colours, 3 × 3
 * samples a pixel) into a PNG of a pixel per SVG unit, cropped to the mesh and placed in the
 * SVG as one `<image>` under the vector axes and labels. One element of ~20 KB instead of a
 * path per quad (130 KB at 41 × 41), smooth along the silhouette and across colour bands,
 * readable with JavaScript off and in print; the browser's canvas draws the same picture from
 * the same functions, at the screen's resolution. (Two pixels per unit would be sharper
 * when zoomed but weigh 2.5 times as much.)
 */
import { base64, encodePng } from "../_chart/png.ts";
import { unpackRamp, vertexColors } from "./palette.ts";
import { drawOrder, projectGrid, type View } from "./projection.ts";
import { downsample, rasterize } from "./raster.ts";
import type { SurfaceData } from "./scene.ts";

/** Pixels per SVG unit, and samples per pixel along each axis. */
const SCALE = 1, SAMPLES = 3;

/**
 * Pictures drawn lately, by the data and view they show: a page that is built again (every save
 * under `deno task serve`) draws each of its surfaces once, not on every build (30–80 ms each).
 */
const drawn = new Map<string, string>();

/** The surface of a view as an SVG `<image>` (a PNG data URL), cropped to the mesh. */
export function surfaceImage(d: SurfaceData, view: View): string {
  const key = JSON.stringify([d, view]);
  let image = drawn.get(key);
  if (image === undefined) {
    image = draw(d, view);
    if (drawn.size >= 16) drawn.delete(drawn.keys().next().value!);
  }
  drawn.delete(key); // most recently used last
  drawn.set(key, image);
  return image;
}

function draw(d: SurfaceData, view: View): string {
  const xy = projectGrid(d, view);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let k = 0; k < xy.length; k += 2) {
    minX = Math.min(minX, xy[k]);
    maxX = Math.max(maxX, xy[k]);
    minY = Math.min(minY, xy[k + 1]);
    maxY = Math.max(maxY, xy[k + 1]);
  }
  const x0 = Math.floor(minX) - 1, y0 = Math.floor(minY) - 1;
  const width = Math.ceil(maxX) + 1 - x0, height = Math.ceil(maxY) + 1 - y0;
  const w = width * SCALE, h = height * SCALE, s = SCALE * SAMPLES;
  const target = {
    buf: new Uint32Array(w * h * SAMPLES * SAMPLES),
    width: w * SAMPLES,
    height: h * SAMPLES,
    sx: s,
    sy: s,
    x0,
    y0,
  };
  const rgb = vertexColors(d, unpackRamp(d.ramp));
  rasterize(target, xy, drawOrder(d, view), d.w.length, rgb);
  const rgba = new Uint8ClampedArray(w * h * 4);
  downsample(target, SAMPLES, rgba);
  const png = encodePng(w, h, rgba, { alpha: true, filter: true });
  return `<image class="surface" aria-hidden="true" x="${x0}" y="${y0}" width="${width}" ` +
    `height="${height}" preserveAspectRatio="none" href="data:image/png;base64,${base64(png)}"/>`;
}
