/**
 * Index of the value in an increasing list nearest to `v` (the first of two equally near).
 * Server renders and browser scripts both snap a selection to an axis with it.
 */
export function nearest(values: ArrayLike<number>, v: number): number {
  let lo = 0, hi = values.length - 1;
  if (hi <= 0) return 0;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (values[mid] <= v) lo = mid;
    else hi = mid;
  }
  return Math.abs(values[hi] - v) < Math.abs(values[lo] - v) ? hi : lo;
}
