import { arangeLength } from "../../engine/mod.ts";
import { PropsError } from "../../ssg/mod.ts";

type Axis = { start: number; stop: number; step: number };

/**
 * Checks, before anything is computed, that a (w, b) grid fits a chart: at most `max` cells
 * and at least two values on each axis. The error names the prop to change.
 */
export function checkGrid(w: Axis, b: Axis, max: number, chart: string): void {
  const nw = arangeLength(w.start, w.stop, w.step), nb = arangeLength(b.start, b.stop, b.step);
  if (nw * nb > max) {
    throw new PropsError(
      `a grid of ${nb} b × ${nw} w = ${nw * nb} cells is more than a ${chart} draws ` +
        `(at most ${max}, e.g. ${Math.floor(Math.sqrt(max))} × ${Math.floor(Math.sqrt(max))}); ` +
        `use a larger step`,
      nw >= nb ? "w" : "b",
    );
  }
  for (const [k, n] of [["w", nw], ["b", nb]] as const) {
    if (n < 2) throw new PropsError(`prop "${k}" needs at least 2 values`, k);
  }
}
