/**
 * How `breast_cancer8.csv` is made from scikit-learn's copy of the Wisconsin diagnostic
 * breast-cancer table (Debian's python3-sklearn:
 * /usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv): its first eight
 * columns (the "mean" radius … concave points), each scaled to [−1, 1] by its own minimum and
 * maximum over the 569 rows and written with four decimals, and the label 1 for malignant, 0 for
 * benign (scikit-learn's file codes them the other way round). Run it to write the file:
 *
 *   deno run --allow-read --allow-write datasets/breast_cancer8.ts
 */

import { readTable } from "./table.ts";

/** Where Debian's python3-sklearn puts the original table. */
export const SOURCE = "/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv";

/** The columns kept, as named in the shipped file's header. */
export const COLUMNS = [
  "radius",
  "texture",
  "perimeter",
  "area",
  "smoothness",
  "compactness",
  "concavity",
  "concave_points",
];

/** scikit-learn's CSV text → the shipped CSV text. */
export function deriveBreastCancer8(source: string): string {
  const lines = source.trim().split("\n");
  // Its first line is "569,30,malignant,benign": the row and feature counts, then class names.
  const [n, features] = lines[0].split(",").map(Number);
  const rows = lines.slice(1).map((l) => l.split(",").map(Number));
  if (rows.length !== n || rows.some((r) => r.length !== features + 1)) {
    throw new Error(`${SOURCE}: expected ${n} rows of ${features + 1} values`);
  }
  const k = COLUMNS.length;
  const min = Array.from({ length: k }, (_, j) => Math.min(...rows.map((r) => r[j])));
  const max = Array.from({ length: k }, (_, j) => Math.max(...rows.map((r) => r[j])));
  const scaled = (v: number, j: number) => {
    const s = (2 * (v - min[j])) / (max[j] - min[j]) - 1;
    return s.toFixed(4).replace(/^-(0\.0000)$/, "$1"); // no "-0.0000"
  };
  const body = rows.map((r) =>
    [...r.slice(0, k).map(scaled), r[features] === 0 ? "1" : "0"].join(",")
  );
  return [[...COLUMNS, "malignant"].join(","), ...body].join("\n") + "\n";
}

if (import.meta.main) {
  const out = new URL("breast_cancer8.csv", import.meta.url);
  Deno.writeTextFileSync(out, deriveBreastCancer8(Deno.readTextFileSync(SOURCE)));
  console.log(`wrote ${out.pathname}`);
}

/** The shipped table as the lectures train on it: x `[569, 8]`, y `[569, 1]` (1 = malignant). */
export function breastCancer8(): { x: number[][]; y: number[][]; columns: string[] } {
  const t = readTable("breast_cancer8.csv");
  return {
    x: t.rows.map((r) => r.slice(0, -1)),
    y: t.rows.map((r) => [r[r.length - 1]]),
    columns: t.columns.slice(0, -1),
  };
}
