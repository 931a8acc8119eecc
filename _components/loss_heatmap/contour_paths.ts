import { contours } from "d3-contour";

/**
 * Contour lines of a row-major grid as SVG path data, one per level. d3-contour returns
 * filled polygons in grid units (value k of a row at k + 0.5); the stretches of their rings
 * that run along the grid's border are dropped, so only the isolines are drawn. `toX` and
 * `toY` map grid units to SVG coordinates.
 */
export function contourPaths(
  values: ArrayLike<number>,
  columns: number,
  rows: number,
  levels: number[],
  toX: (gx: number) => number,
  toY: (gy: number) => number,
): Array<{ level: number; d: string }> {
  const gen = contours().size([columns, rows]).thresholds(levels);
  const onBorder = ([x, y]: number[]) => x <= 0 || y <= 0 || x >= columns || y >= rows;
  const out: Array<{ level: number; d: string }> = [];
  for (const level of levels) {
    const shape = gen.contour(values as number[], level);
    let d = "";
    for (const polygon of shape.coordinates) {
      for (const ring of polygon) {
        let open = false;
        for (let k = 0; k < ring.length; k++) {
          const p = ring[k], prev = ring[k - 1];
          if (k > 0 && onBorder(p) && onBorder(prev)) {
            open = false;
            continue;
          }
          const at = (q: number[]) => `${fix(toX(q[0]))},${fix(toY(q[1]))}`;
          if (open) d += `L${at(p)}`;
          else d += k > 0 ? `M${at(prev)}L${at(p)}` : `M${at(p)}`;
          open = true;
        }
      }
    }
    if (d) out.push({ level, d });
  }
  return out;
}

function fix(v: number): number {
  return Math.round(v * 10) / 10;
}
