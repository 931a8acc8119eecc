/**
 * Number of values `arange(start, stop, step)` yields, computed as numpy does:
 * `ceil((stop - start) / step)` in float64, at least 0; a quotient that underflows to +0
 * while `stop != start` counts as 1. May return a huge number or Infinity: callers compare
 * it with their limit before allocating anything. Inputs must already be finite, step non-zero.
 */
export function arangeLength(start: number, stop: number, step: number): number {
  const span = stop - start;
  const quotient = span / step;
  if (quotient === 0 && span !== 0) return Object.is(quotient, -0) ? 0 : 1;
  const length = Math.ceil(quotient);
  return length > 0 ? length : 0;
}
