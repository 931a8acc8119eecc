/**
 * The loss surface as SVG for a view: the floor and back walls with their grid (behind the
 * surface), the mesh as depth-sorted quads, and the axes, the best point and the selected
 * point (in front). The server writes these strings into the page; the browser rewrites them
 * from the same functions as the view turns. The mesh itself is a picture: picture.ts on the
 * server, a canvas in the browser, both from raster.ts.
 */
import { fmt, fmtTick } from "../_chart/format.ts";
import { nearest } from "../_chart/nearest.ts";
import { esc } from "../_chart/svg.ts";
import { boxCoord, boxZ, type Camera, camera, type Grid, STAGE, type View } from "./projection.ts";

/** What the browser needs to redraw a surface: its data island. */
export interface SurfaceData extends Grid {
  w: number[];
  b: number[];
  mse: number[];
  /** Linked-selection group. */
  group: string;
  /** Tick values of the w, b and MSE axes. */
  ticks: { w: number[]; b: number[]; z: number[] };
  /** Axis titles in the page's language. */
  titles: { w: string; b: string; mse: string };
  /** The colour map, low to high, as packed `rrggbb` hex (see palette.ts). */
  ramp: string;
  /** The best point of the data (red), and its label. */
  best: { w: number; b: number; mse: number; label: string };
  /** The view drawn first. */
  view: View;
  /** What a screen reader calls the interactive chart, in the page's language. */
  role: string;
}

const r1 = (v: number) => Math.round(v * 10) / 10;

type Pt = [number, number];
const attrs = (a: Pt, b: Pt) =>
  `x1="${r1(a[0])}" y1="${r1(a[1])}" x2="${r1(b[0])}" y2="${r1(b[1])}"`;
const poly = (pts: Pt[]) => pts.map((p) => `${r1(p[0])},${r1(p[1])}`).join(" ");

/** One side of the floor: `axis` runs along it at fixed `at` (−0.5 or 0.5) of the other. */
interface Edge {
  axis: "w" | "b";
  at: number;
  /** Outward normal on the floor. */
  n: [number, number];
}

const EDGES: Edge[] = [
  { axis: "w", at: -0.5, n: [0, -1] },
  { axis: "w", at: 0.5, n: [0, 1] },
  { axis: "b", at: -0.5, n: [-1, 0] },
  { axis: "b", at: 0.5, n: [1, 0] },
];

/** Floor point of an edge at position `u` along it. */
function edgePoint(e: Edge, u: number, out = 0): [number, number] {
  const p: [number, number] = e.axis === "w" ? [u, e.at] : [e.at, u];
  return [p[0] + e.n[0] * out, p[1] + e.n[1] * out];
}

/**
 * An edge faces the viewer when its outward normal points against the line of sight; of two
 * edges seen exactly edge-on, the one at the start of its axis counts as the front.
 */
function front(cam: Camera, e: Edge): boolean {
  const depth = cam.depth(e.n[0], e.n[1]);
  return Math.abs(depth) < 1e-9 ? e.at < 0 : depth < 0;
}

/** Least room (SVG units) between a floor edge and its axis title, besides the tick labels. */
const TITLE_GAP = 18;

/** Labels closer than this (SVG units) would overlap: only their ticks are drawn. */
const CROWDED = 11;

/** Whether labels at these screen points are far enough apart to read. */
function roomy(points: Pt[]): boolean {
  return points.every((p, i) =>
    i === 0 || Math.hypot(p[0] - points[i - 1][0], p[1] - points[i - 1][1]) >= CROWDED
  );
}

/** Floor, back walls and their grid lines: drawn before (behind) the surface. */
export function backSvg(d: SurfaceData, view: View): string {
  const cam = camera(view);
  const H = STAGE.zHeight;
  const P = (X: number, Y: number, Z = 0) => cam.point(X, Y, Z);
  const corners: Pt[] = [P(-0.5, -0.5), P(0.5, -0.5), P(0.5, 0.5), P(-0.5, 0.5)];
  let panes = `<polygon points="${poly(corners)}"/>`;
  let grid = "";
  for (const t of d.ticks.w) {
    const X = boxCoord(d.w, t);
    grid += `<line ${attrs(P(X, -0.5), P(X, 0.5))}/>`;
  }
  for (const t of d.ticks.b) {
    const Y = boxCoord(d.b, t);
    grid += `<line ${attrs(P(-0.5, Y), P(0.5, Y))}/>`;
  }
  for (const e of EDGES) {
    if (front(cam, e)) continue;
    const [a, b] = [edgePoint(e, -0.5), edgePoint(e, 0.5)];
    panes += `<polygon points="${poly([P(...a), P(...b), P(...b, H), P(...a, H)])}"/>`;
    for (const t of d.ticks[e.axis]) {
      const [X, Y] = edgePoint(e, boxCoord(e.axis === "w" ? d.w : d.b, t));
      grid += `<line ${attrs(P(X, Y), P(X, Y, H))}/>`;
    }
    for (const t of d.ticks.z) {
      const Z = boxZ(d, t);
      grid += `<line ${attrs(P(...a, Z), P(...b, Z))}/>`;
    }
  }
  return `<g class="pane">${panes}</g><g class="grid">${grid}</g>`;
}

/** Text anchor and baseline shift for a label placed in screen direction (dx, dy). */
function anchor(dx: number, dy: number): string {
  const len = Math.hypot(dx, dy) || 1;
  const a = dx > 0.45 * len ? "start" : dx < -0.45 * len ? "end" : "middle";
  const dyEm = dy > 0.45 * len ? "0.71em" : dy < -0.45 * len ? "0" : "0.32em";
  return `text-anchor="${a}" dy="${dyEm}"`;
}

function label(p: Pt, dir: Pt, text: string, cls = ""): string {
  return `<text${cls ? ` class="${cls}"` : ""} x="${r1(p[0])}" y="${r1(p[1])}" ${
    anchor(dir[0], dir[1])
  }>${esc(text)}</text>`;
}

/** The w and b axes on the floor's front edges and the MSE axis on its leftmost corner. */
export function axesSvg(d: SurfaceData, view: View): string {
  const cam = camera(view);
  const P = (X: number, Y: number, Z = 0) => cam.point(X, Y, Z);
  let out = "";
  const floorLabels: Pt[] = [];
  for (const e of EDGES) {
    if (!front(cam, e)) continue;
    const values = e.axis === "w" ? d.w : d.b;
    const o = P(0, 0), nEnd = P(e.n[0], e.n[1]);
    const dir: Pt = [nEnd[0] - o[0], nEnd[1] - o[1]];
    out += `<line ${attrs(P(...edgePoint(e, -0.5)), P(...edgePoint(e, 0.5)))}/>`;
    const at = d.ticks[e.axis].map((t) => P(...edgePoint(e, boxCoord(values, t), 0.05)));
    const labels = roomy(at);
    if (labels) floorLabels.push(...at);
    d.ticks[e.axis].forEach((t, n) => {
      const u = boxCoord(values, t);
      out += `<line ${attrs(P(...edgePoint(e, u)), P(...edgePoint(e, u, 0.025)))}/>` +
        (labels ? label(at[n], dir, fmtTick(t)) : "");
    });
    // The title stands off the edge's middle, square to the edge on screen and outward, by at
    // least TITLE_GAP beyond its longest tick label: at low angles the floor's outward
    // direction turns nearly along the edge, and a title placed along it ran into the labels.
    const title = e.axis === "w" ? d.titles.w : d.titles.b;
    const ends = [P(...edgePoint(e, -0.5)), P(...edgePoint(e, 0.5))];
    const el = Math.hypot(ends[1][0] - ends[0][0], ends[1][1] - ends[0][1]) || 1;
    let perp: Pt = [-(ends[1][1] - ends[0][1]) / el, (ends[1][0] - ends[0][0]) / el];
    if (perp[0] * dir[0] + perp[1] * dir[1] < 0) perp = [-perp[0], -perp[1]];
    const widest = Math.max(...d.ticks[e.axis].map((t) => fmtTick(t).length));
    const off = Math.max(0.21 * (perp[0] * dir[0] + perp[1] * dir[1]), TITLE_GAP + 7 * widest);
    const mid = P(...edgePoint(e, 0));
    out += label([mid[0] + perp[0] * off, mid[1] + perp[1] * off], perp, title, "title");
  }
  // The MSE axis stands on the corner that is leftmost on screen.
  const corners: Pt[] = [[-0.5, -0.5], [0.5, -0.5], [0.5, 0.5], [-0.5, 0.5]];
  const [X, Y] = corners.reduce((a, c) => (P(...c)[0] < P(...a)[0] ? c : a));
  const foot = P(X, Y), top = P(X, Y, STAGE.zHeight);
  out += `<line ${attrs(foot, top)}/>`;
  const zs = d.ticks.z.map((t) => P(X, Y, boxZ(d, t)));
  const zLabels = roomy(zs);
  d.ticks.z.forEach((t, n) => {
    const p = zs[n];
    out += `<line ${attrs(p, [p[0] - 5, p[1]])}/>` +
      // A label that would sit on a floor label at the corner is left out (the tick stays).
      (zLabels && floorLabels.every((f) => Math.hypot(f[0] - p[0] + 8, f[1] - p[1]) >= CROWDED)
        ? label([p[0] - 8, p[1]], [-1, 0], fmtTick(t))
        : "");
  });
  const mx = r1(foot[0] - 44), my = r1((foot[1] + top[1]) / 2);
  out += `<text class="title" transform="translate(${mx} ${my}) rotate(-90)" text-anchor="middle">${
    esc(d.titles.mse)
  }</text>`;
  return `<g class="axis">${out}</g>`;
}

/** Height on the drawn surface at the grid vertex nearest to (w, b). */
export function surfaceAt(d: SurfaceData, w: number, b: number) {
  const j = nearest(d.w, w), i = nearest(d.b, b);
  const k = i * d.w.length + j;
  return { k, w: d.w[j], b: d.b[i], mse: d.mse[k] };
}

/** A point on the surface with a drop line to the floor. */
function pin(cam: Camera, d: SurfaceData, w: number, b: number, mse: number) {
  const X = boxCoord(d.w, w), Y = boxCoord(d.b, b);
  return { at: cam.point(X, Y, boxZ(d, mse)), foot: cam.point(X, Y, 0) };
}

/** The best point in red with its label, and the selected (w, b) as a ring, for a view. */
export function markersSvg(d: SurfaceData, view: View, sel?: { w?: number; b?: number }): string {
  const cam = camera(view);
  const best = pin(cam, d, d.best.w, d.best.b, d.best.mse);
  let out = "";
  if (sel?.w !== undefined && sel.b !== undefined) {
    const s = surfaceAt(d, sel.w, sel.b);
    const p = pin(cam, d, s.w, s.b, s.mse);
    out += `<g class="selection"><line class="guide" ${attrs(p.foot, p.at)}/>` +
      `<circle class="dot" cx="${r1(p.at[0])}" cy="${r1(p.at[1])}" r="7"/></g>`;
  }
  out += `<g class="best"><line ${attrs(best.foot, best.at)}/>` +
    `<circle cx="${r1(best.at[0])}" cy="${r1(best.at[1])}" r="4.5"/>` +
    `<text x="${r1(best.at[0] + 8)}" y="${r1(best.at[1] - 10)}">${esc(d.best.label)}</text></g>`;
  return out;
}

/** The readout text for a vertex: w, b and the MSE drawn there (as the heatmap writes it). */
export function readout(w: number, b: number, mse: number): string {
  return `w = ${fmt(w)}, b = ${fmt(b)} · MSE = ${fmt(mse)}`;
}
