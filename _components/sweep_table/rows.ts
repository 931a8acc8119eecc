import { fmt } from "../_chart/format.ts";

/** What the sweep table's browser script needs: every row of every w, computed at build time. */
export interface SweepTableData {
  group: string;
  /** The w axis. */
  w: number[];
  b: number;
  x: number[];
  y: number[];
  /** `rows[j]`: ŷ then loss of each sample at `w[j]`. */
  rows: number[][];
  mse: number[];
  select: number;
}

/** The body rows of the table at index `j` of the w axis: x, y, ŷ, (ŷ − y)². */
export function bodyCells(d: SweepTableData, j: number): string[][] {
  const n = d.x.length;
  return d.x.map((x, i) => [fmt(x), fmt(d.y[i]), fmt(d.rows[j][i]), fmt(d.rows[j][n + i])]);
}

/** The caption's model: `w = 2.0` or `w = 2.0, b = 1.0`. */
export function model(w: number, b: number): string {
  return b === 0 ? `w = ${fmt(w)}` : `w = ${fmt(w)}, b = ${fmt(b)}`;
}
