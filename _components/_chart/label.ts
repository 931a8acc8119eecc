/** Where a chart puts a text label so that it stays clear of the lines it explains. */
import { esc } from "./svg.ts";

/** The largest font size chart text is shown at, in SVG units (a phone's; see site.css). */
export const LABEL_SIZE = 18;

/** A polyline in SVG units (one point: a dot). */
export type Polyline = ReadonlyArray<readonly [number, number]>;

/** A label's position: its lines, `text-anchor`, first baseline, and whether it needs a leader. */
export interface LabelSpot {
  lines: string[];
  x: number;
  y: number;
  anchor: "start" | "middle" | "end";
  /** The label sits away from its point: a thin line joins them. */
  leader: boolean;
}

type Box = { x0: number; y0: number; x1: number; y1: number };
const LINE = 1.2, ASCENT = 0.8, DESCENT = 0.25;

/**
 * The width of `text` in SVG units at `size`, in semibold: CJK characters are square, Latin
 * ones about 0.7 em. An estimate on the generous side, so a label placed by it stays clear.
 */
export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const c of text) w += /[\u2E80-\u9FFF\uFF00-\uFFEF]/.test(c) ? 1 : c === " " ? 0.35 : 0.7;
  return w * size;
}

/** The box a label covers at `size`. */
function boxOf(s: LabelSpot, size: number): Box {
  const width = Math.max(...s.lines.map((l) => textWidth(l, size)));
  const left = s.anchor === "start" ? s.x : s.anchor === "end" ? s.x - width : s.x - width / 2;
  return {
    x0: left,
    x1: left + width,
    y0: s.y - ASCENT * size,
    y1: s.y + ((s.lines.length - 1) * LINE + DESCENT) * size,
  };
}

/** Whether the segment a–b crosses the box (Liang–Barsky clipping). */
function crosses(a: readonly [number, number], b: readonly [number, number], r: Box): boolean {
  let t0 = 0, t1 = 1;
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const edges: Array<[number, number]> = [
    [-dx, a[0] - r.x0],
    [dx, r.x1 - a[0]],
    [-dy, a[1] - r.y0],
    [dy, r.y1 - a[1]],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

/**
 * A spot for the label `text` of the point (`x`, `y`) inside `bounds` where no segment of
 * `lines` runs through it: just above the point if that is clear, else beside it, further up,
 * or further along, joined to the point by a leader; on one line if one fits, else on two (split
 * at the first space). `size` is the largest font size the label is shown at (a phone's); a
 * smaller font fills a part of the same box. Falls back to just above the point.
 */
export function placeLabel(
  text: string,
  point: { x: number; y: number },
  lines: Polyline[],
  bounds: Box,
  size: number,
): LabelSpot {
  const pad = 2;
  const clear = (s: LabelSpot) => {
    const b = boxOf(s, size);
    const r = { x0: b.x0 - pad, x1: b.x1 + pad, y0: b.y0 - pad, y1: b.y1 + pad };
    if (r.x0 < bounds.x0 || r.x1 > bounds.x1 || r.y0 < bounds.y0 || r.y1 > bounds.y1) return false;
    // The point's own dot (radius 5) must not sit under its label.
    if (point.x + 5 > r.x0 && point.x - 5 < r.x1 && point.y + 5 > r.y0 && point.y - 5 < r.y1) {
      return false;
    }
    return !lines.some((line) =>
      line.length === 1
        ? crosses(line[0], line[0], r)
        : line.some((q, k) => k > 0 && crosses(line[k - 1], q, r))
    );
  };
  const { x, y } = point;
  const split = text.indexOf(" ");
  const forms = split > 0 ? [[text], [text.slice(0, split), text.slice(split + 1)]] : [[text]];
  const candidates: LabelSpot[] = [];
  for (const form of forms) {
    const height = ((form.length - 1) * LINE + DESCENT) * size;
    candidates.push({ lines: form, x, y: y - 8 - height, anchor: "middle", leader: false });
    for (const up of [8, 14]) {
      const baseline = y - up + ASCENT * size;
      candidates.push(
        { lines: form, x: x + 9, y: baseline, anchor: "start", leader: false },
        { lines: form, x: x - 9, y: baseline, anchor: "end", leader: false },
      );
    }
    for (let up = 30; up <= 160; up += 10) {
      candidates.push({ lines: form, x, y: y - up - height, anchor: "middle", leader: true });
    }
    for (let up = 20; up <= 120; up += 6) {
      const baseline = y - up + ASCENT * size;
      candidates.push(
        { lines: form, x: x + 9, y: baseline, anchor: "start", leader: true },
        { lines: form, x: x - 9, y: baseline, anchor: "end", leader: true },
      );
    }
    for (let dx = 30; dx <= 300; dx += 10) {
      for (const up of [pad + 1, 24, 44, 64]) {
        const baseline = y - up - height;
        candidates.push(
          { lines: form, x: x + dx, y: baseline, anchor: "start", leader: true },
          { lines: form, x: x - dx, y: baseline, anchor: "end", leader: true },
        );
      }
    }
  }
  return candidates.find(clear) ?? candidates[0];
}

/**
 * The label as SVG: its `<text>` (a `<tspan>` per line), and before it the leader from the
 * point to the nearest spot of the label's box, if it has one.
 */
export function labelSvg(spot: LabelSpot, point: { x: number; y: number }, size: number): string {
  const r2 = (v: number) => Math.round(v * 100) / 100;
  let leader = "";
  if (spot.leader) {
    const b = boxOf(spot, size);
    const ex = Math.max(b.x0, Math.min(b.x1, point.x)),
      ey = Math.max(b.y0, Math.min(b.y1, point.y));
    leader = `<line class="leader" x1="${point.x}" y1="${point.y}" x2="${r2(ex)}" y2="${r2(ey)}"/>`;
  }
  const x = r2(spot.x);
  const body = spot.lines.length === 1
    ? esc(spot.lines[0])
    : spot.lines.map((l, i) => `<tspan x="${x}"${i ? ` dy="${LINE}em"` : ""}>${esc(l)}</tspan>`)
      .join("");
  return `${leader}<text x="${x}" y="${r2(spot.y)}" text-anchor="${spot.anchor}">${body}</text>`;
}
