import { parse } from "yaml";

/** The course's grid of candidates, `np.arange(0.0, 4.1, 0.1)`: 41 values from 0 to 4. */
export const COURSE_AXIS = { start: 0, stop: 4.1, step: 0.1 } as const;

let sets: Record<string, { x: number[]; y: number[] }> | undefined;

/**
 * A data set of `_data/datasets.yaml` by name, for code that computes outside a chart (the
 * numbers a lecture's prose states, the home page's pictures), so every number comes from the
 * same data the charts draw.
 */
export function courseData(name: string): { x: number[]; y: number[] } {
  sets ??= parse(Deno.readTextFileSync(new URL("../../_data/datasets.yaml", import.meta.url)));
  const set = sets![name];
  if (!set) throw new Error(`no data set "${name}" in _data/datasets.yaml`);
  return set;
}
