/**
 * Reads a numeric CSV table of `datasets/`: a header line of column names, then one row of
 * numbers a line. Used by `_data/` modules and tests, so the numbers a lecture shows come from
 * the same file its Python listings read.
 *
 * @example
 * const t = readTable("breast_cancer8.csv");
 * t.columns; // ["radius", …, "malignant"]
 * t.rows[0]; // [0.0419, …, 1]
 */
export interface Table {
  /** The header's names, in order. */
  columns: string[];
  /** The rows, each as many numbers as there are columns. */
  rows: number[][];
}

/** Parses CSV text; `file` names it in errors (`datasets/x.csv:12: …`). */
export function parseTable(text: string, file: string): Table {
  const lines = text.replace(/\r\n/g, "\n").replace(/\n$/, "").split("\n");
  const columns = lines[0].split(",").map((c) => c.trim());
  if (columns.some((c) => c === "" || /^[-+.\d]/.test(c))) {
    throw new Error(`${file}:1: the first line must name the columns, got "${lines[0]}"`);
  }
  const rows = lines.slice(1).map((line, i) => {
    const cells = line.split(",");
    if (cells.length !== columns.length) {
      throw new Error(
        `${file}:${i + 2}: ${cells.length} values, but the header names ${columns.length} columns`,
      );
    }
    return cells.map((cell, j) => {
      const v = Number(cell);
      if (cell.trim() === "" || !Number.isFinite(v)) {
        throw new Error(
          `${file}:${i + 2}: column ${j + 1} (${columns[j]}) is "${cell}", not a number`,
        );
      }
      return v;
    });
  });
  return { columns, rows };
}

/** Reads `datasets/<name>`. */
export function readTable(name: string): Table {
  const url = new URL(name, import.meta.url);
  return parseTable(Deno.readTextFileSync(url), `datasets/${name}`);
}
