/**
 * An SVG path through `n` points, written small: the first point absolute, each next one relative
 * to the one before (`l`), in tenths of a unit. A tenth of a viewBox unit is under a third of a
 * device pixel on a 2× phone, and a curve of a few hundred points takes about half the characters
 * of absolute hundredths. Positions are rounded before they are differenced, so the rounding never
 * adds up along the path: every point lies within 0.05 of where it belongs.
 */
export function polylinePath(
  n: number,
  x: (i: number) => number,
  y: (i: number) => number,
): string {
  if (n <= 0) return "";
  let px = Math.round(x(0) * 10), py = Math.round(y(0) * 10);
  let out = `M${tenths(px)},${tenths(py)}`;
  for (let i = 1; i < n; i++) {
    const qx = Math.round(x(i) * 10), qy = Math.round(y(i) * 10);
    out += `${i === 1 ? "l" : " "}${tenths(qx - px)},${tenths(qy - py)}`;
    px = qx;
    py = qy;
  }
  return out;
}

/** A whole number of tenths as the shortest decimal: 3 → ".3", −12 → "-1.2", 20 → "2". */
export function tenths(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v), sign = v < 0 ? "-" : "";
  const whole = Math.floor(a / 10), tenth = a % 10;
  if (tenth === 0) return sign + whole;
  return `${sign}${whole || ""}.${tenth}`;
}
