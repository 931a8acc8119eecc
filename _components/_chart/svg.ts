/** Escapes text for HTML and SVG content and attribute values. */
export function esc(s: string | number): string {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/**
 * A data island: JSON in `<script type="application/json">`. `<`, `>`, `&` and the JS line
 * separators are written as `\u` escapes, so no string in the data can close the script or
 * open a comment.
 */
export function island(data: unknown): string {
  const json = JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `<script type="application/json" class="chart-data">${json}</script>`;
}
