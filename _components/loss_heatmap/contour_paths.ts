import { contours } from "d3-contour";

type Point = readonly [number, number];

/**
 * Contour lines of a row-major grid as SVG path data, one per level. d3-contour returns
 * filled polygons in grid units (value k of a row at k + 0.5); the stretches of their rings
 * that run along the grid's border are dropped, so only the isolines are drawn. An isoline
 * known up to the outermost values (half a cell inside the border) is carried on in its own
 * direction to the border, where the cells' colours end, instead of being closed by a slanted
 * step to d3's border point. `toX` and `toY` map grid units to SVG coordinates.
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
  const onBorder = ([x, y]: Point) => x <= 0 || y <= 0 || x >= columns || y >= rows;
  /**
   * `p`, carried on from `prev` through `p` to the border `edge` lies on; undefined when the
   * line runs nearly along the border, where it ends at `p`.
   */
  const toBorder = (p: Point, prev: Point | undefined, edge: Point): Point | undefined => {
    const vertical = edge[0] <= 0 || edge[0] >= columns;
    const target = vertical ? (edge[0] <= 0 ? 0 : columns) : (edge[1] <= 0 ? 0 : rows);
    const across = vertical ? 0 : 1, along = 1 - across;
    if (!prev || onBorder(prev)) return vertical ? [target, p[1]] : [p[0], target];
    const d = [p[0] - prev[0], p[1] - prev[1]];
    const t = (target - p[across]) / d[across];
    const q = p[along] + t * d[along];
    // A line that runs nearly along the border (or away from it) ends where it is known.
    if (!Number.isFinite(t) || t <= 0 || Math.abs(q - p[along]) > 1) return undefined;
    return vertical ? [target, q] : [q, target];
  };
  const out: Array<{ level: number; d: string }> = [];
  const at = (q: Point) => `${fix(toX(q[0]))},${fix(toY(q[1]))}`;
  for (const level of levels) {
    const shape = gen.contour(values as number[], level);
    let d = "";
    for (const polygon of shape.coordinates) {
      for (const ring of polygon as unknown as Point[][]) {
        let open = false;
        for (let k = 1; k < ring.length; k++) {
          const a = ring[k - 1], b = ring[k];
          if (onBorder(a) && onBorder(b)) {
            open = false;
          } else if (onBorder(a)) {
            const from = toBorder(b, ring[k + 1], a);
            d += from ? `M${at(from)}L${at(b)}` : "";
            open = from !== undefined;
          } else if (onBorder(b)) {
            const to = toBorder(a, ring[k - 2], b);
            if (to) d += `${open ? "" : `M${at(a)}`}L${at(to)}`;
            open = false;
          } else {
            d += open ? `L${at(b)}` : `M${at(a)}L${at(b)}`;
            open = true;
          }
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
