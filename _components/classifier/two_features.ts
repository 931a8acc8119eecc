import type { ComponentContext } from "../../ssg/mod.ts";
import { axesSvg } from "../_chart/axis.ts";
import type { ChartData } from "../_chart/data.ts";
import { FRAME, frameScales, r2 } from "../_chart/frame.ts";
import { fmt } from "../_chart/format.ts";
import { esc } from "../_chart/svg.ts";
import { probabilities } from "./marks.ts";

/**
 * The part of the square [lo, hi]² where w1·x1 + w2·x2 + b > 0 (σ > 0.5), as polygon corners:
 * the square clipped by one half-plane (Sutherland–Hodgman against a single edge).
 */
export function positiveRegion(w1: number, w2: number, b: number, lo: number, hi: number) {
  const square: [number, number][] = [[lo, lo], [hi, lo], [hi, hi], [lo, hi]];
  const f = ([a, c]: [number, number]) => w1 * a + w2 * c + b;
  const out: [number, number][] = [];
  for (let i = 0; i < 4; i++) {
    const p = square[i], q = square[(i + 1) % 4];
    const fp = f(p), fq = f(q);
    if (fp > 0) out.push(p);
    if ((fp > 0) !== (fq > 0)) {
      const t = fp / (fp - fq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

/** The two-feature picture: points in (x1, x2), the boundary w1·x1 + w2·x2 + b = 0, shaded. */
export function boundary2d(
  p: { x2?: number[]; w: number | number[]; b: number; range: number[]; caption?: string },
  data: ChartData,
  ctx: ComponentContext,
): string {
  const en = ctx.page.lang === "en";
  const x2 = p.x2!;
  if (x2.length !== data.x.length) {
    throw new Error(
      `prop "x2" must have as many values as x, got ${x2.length} and ${data.x.length}`,
    );
  }
  if (!Array.isArray(p.w) || p.w.length !== 2) {
    throw new Error('prop "w": two features take two weights, e.g. w: [1, -1]');
  }
  const [w1, w2] = p.w, b = p.b;
  const [lo, hi] = p.range;
  const frame = { ...FRAME, width: 360, height: 340 };
  const s = frameScales(frame, [lo, hi], [lo, hi]);
  const id = ctx.id;
  const region = positiveRegion(w1, w2, b, lo, hi);
  const poly = region.map(([a, c]) => `${r2(s.x(a))},${r2(s.y(c))}`).join(" ");
  const edge = region.filter(([a, c]) => Math.abs(w1 * a + w2 * c + b) < 1e-9 * (1 + Math.abs(b)));
  const boundary = edge.length === 2
    ? `<line class="boundary" x1="${r2(s.x(edge[0][0]))}" y1="${r2(s.y(edge[0][1]))}" x2="${
      r2(s.x(edge[1][0]))
    }" y2="${r2(s.y(edge[1][1]))}"/>`
    : "";
  const probs = data.x.map((x, i) => probabilities([x], w1, w2 * x2[i] + b)[0]);
  const correct = probs.filter((q, i) => (q > 0.5 ? 1 : 0) === data.y[i]).length;
  const points = data.x.map((x, i) =>
    `<circle class="${data.y[i] ? "pos" : "neg"}" cx="${r2(s.x(x))}" cy="${
      r2(s.y(x2[i]))
    }" r="5"><title>(${x}, ${x2[i]}) → y = ${data.y[i]}, ŷ = ${fmt(probs[i])}</title></circle>`
  ).join("");
  const signed = (v: number) => `${v < 0 ? "−" : "+"} ${fmt(Math.abs(v))}`;
  const rule = `${fmt(w1)}·x1 ${signed(w2)}·x2 ${signed(b)} = 0`;
  const text = en
    ? `Decision boundary ${rule}; ${correct} of ${data.x.length} points on their own side`
    : `决策边界 ${rule}；${data.x.length} 个点中 ${correct} 个在正确的一侧`;
  const title = en
    ? "Two features: points and the decision boundary"
    : "两个特征：数据点与决策边界";
  return `<figure class="chart classifier classifier-2d" id="${id}">` +
    `<svg class="chart-svg" viewBox="0 0 ${frame.width} ${frame.height}" role="img" aria-labelledby="${id}-t" aria-describedby="${id}-d">` +
    `<title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(text)}</desc>` +
    (poly ? `<polygon class="region" points="${poly}"/>` : "") +
    axesSvg(frame, s, { x: "x1", y: "x2" }) + boundary + `<g class="points">${points}</g></svg>` +
    `<figcaption>${p.caption ? `${esc(p.caption)} ` : ""}<output class="readout">${
      esc(text)
    }</output></figcaption></figure>`;
}
