import { scaleLinear } from "d3-scale";
import { sweepWB } from "../../engine/mod.ts";
import type { ComponentContext, PropsDeclaration } from "../../ssg/mod.ts";
import { colorBarSvg } from "../_chart/color.ts";
import { checkGrid } from "../_chart/grid.ts";
import { COURSE_AXIS } from "../_chart/course.ts";
import { captionProp, chartData, type ChartDataProps, dataProps } from "../_chart/data.ts";
import { fmt, fmtAxis, sig } from "../_chart/format.ts";
import { esc, island } from "../_chart/svg.ts";
import { textFor } from "../_chart/text.ts";
import { interpolateViridis } from "d3-scale-chromatic";
import { packRamp, RAMP_STEPS } from "./palette.ts";
import { surfaceImage } from "./picture.ts";
import { clampView, DEFAULT_VIEW, STAGE } from "./projection.ts";
import { axesSvg, backSvg, markersSvg, readout, type SurfaceData } from "./scene.ts";
import { wordsFor } from "./words.ts";

/** Most cells a surface draws (201 × 201): beyond that the page and the redraw get heavy. */
export const MAX_CELLS = 201 * 201;

const axisDefault = COURSE_AXIS;

/** Props of `comp.LossSurface`. */
export const props = {
  ...dataProps,
  w: {
    type: "axis",
    default: axisDefault,
    zh: "w 轴（列）`{ start, stop, step }`，规则同 numpy 的 arange（不含 stop）",
    description: "the w axis (columns), `{ start, stop, step }` as numpy's arange (stop excluded)",
  },
  b: {
    type: "axis",
    default: axisDefault,
    zh: "b 轴（行）`{ start, stop, step }`，规则同 numpy 的 arange（不含 stop）",
    description: "the b axis (rows), `{ start, stop, step }` as numpy's arange (stop excluded)",
  },
  transposed: {
    type: "boolean",
    default: false,
    zh: "画出经典错误（先循环 w 再循环 b，却 reshape 成 (len(b), len(w))），并标明是错的",
    description:
      "draw the classic mistake (loop over w then b, reshaped to (len(b), len(w))), labelled as wrong",
  },
  view: {
    type: "object",
    optional: true,
    zh: "初始视角 `{ yaw, pitch }`，单位为度（默认 { yaw: -32, pitch: 28 }）",
    description: "the first view, `{ yaw, pitch }` in degrees (default { yaw: -32, pitch: 28 })",
    check: (v: Record<string, unknown>) => {
      const extra = Object.keys(v).find((k) => k !== "yaw" && k !== "pitch");
      if (extra) return `has an unknown key "${extra}" (keys: yaw, pitch)`;
      for (const k of ["yaw", "pitch"]) {
        if (v[k] !== undefined && (typeof v[k] !== "number" || !Number.isFinite(v[k]))) {
          return `needs ${k} as a number of degrees`;
        }
      }
    },
  },
  caption: captionProp,
} satisfies PropsDeclaration;

type AxisProp = { start: number; stop: number; step: number };

interface Props extends ChartDataProps {
  w: AxisProp;
  b: AxisProp;
  transposed: boolean;
  view?: { yaw?: number; pitch?: number };
  caption?: string;
}

/**
 * The MSE surface over a (w, b) grid, computed by the engine at build time and drawn as a
 * complete SVG (depth-sorted quads, axes, colour bar, the best point in red) that the browser
 * turns into a rotatable canvas; the selected (w, b) is linked to the page's other charts.
 *
 * `{{ comp.LossSurface({ data: "affine" }) }}`
 */
export default function LossSurface(p: Props, ctx: ComponentContext): string {
  const t = textFor(ctx.page.lang), words = wordsFor(ctx.page.lang);
  const data = chartData(p, ctx);
  checkGrid(p.w, p.b, MAX_CELLS, "surface");
  const sweep = sweepWB(data, p.w, p.b, { maxCells: MAX_CELLS });
  const nw = sweep.w.length, nb = sweep.b.length;
  const w = Array.from(sweep.w, sig), b = Array.from(sweep.b, sig);
  // The classic mistake: a flat list built w-outer, b-inner, reshaped to (len(b), len(w)).
  const mse = p.transposed
    ? Array.from({ length: nb * nw }, (_, k) => {
      const iw = Math.floor(k / nb), ib = k % nb;
      return sig(sweep.mse[ib * nw + iw]);
    })
    : Array.from(sweep.mse, sig);
  const zmax = Math.max(...mse) || 1;
  const ramp = packRamp(
    Array.from({ length: RAMP_STEPS }, (_, i) => interpolateViridis(i / (RAMP_STEPS - 1))),
  );
  const best = { w: w[sweep.best.index % nw], b: b[Math.floor(sweep.best.index / nw)] };
  const view = clampView({ ...DEFAULT_VIEW, ...p.view });
  const d: SurfaceData = {
    group: data.group,
    w,
    b,
    mse,
    zmax,
    ticks: {
      w: scaleLinear().domain([w[0], w[nw - 1]]).ticks(5),
      b: scaleLinear().domain([b[0], b[nb - 1]]).ticks(5),
      z: scaleLinear().domain([0, zmax]).ticks(5),
    },
    titles: { w: t.w, b: t.b, mse: t.mse },
    ramp,
    best: {
      ...best,
      mse: sig(sweep.best.mse),
      label: `${t.best} (${fmtAxis(best.w)}, ${fmtAxis(best.b)})`,
    },
    view,
    role: words.role,
  };
  const id = ctx.id;
  // The text alternative describes the grid as drawn (`mse`), as the picture and table do.
  const point = (k: number) => `(w = ${fmtAxis(w[k % nw])}, b = ${fmtAxis(b[Math.floor(k / nw)])})`;
  const low = mse.indexOf(Math.min(...mse));
  const summary = p.transposed
    ? words.wrongNote + " " + words.wrongSummary(
      point(low),
      fmt(mse[low]),
      point(sweep.best.index),
      fmt(mse[sweep.best.index]),
      fmt(zmax),
    )
    : words.summary(point(low), fmt(mse[low]), fmt(zmax));
  const title = p.transposed ? `${words.title} (${words.wrong})` : words.title;
  const { width, height } = STAGE;
  const wrongBadge = p.transposed
    ? `<text class="wrong" x="8" y="20">✗ ${esc(words.wrong)}</text>`
    : "";
  return `<figure class="chart loss-surface${
    p.transposed ? " wrong" : ""
  }" data-chart="loss-surface" ` +
    `data-group="${esc(data.group)}" id="${id}"><div class="surface-stage">` +
    `<svg class="chart-svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t" aria-describedby="${id}-d">` +
    `<title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(summary)}</desc>` +
    `<g class="back" aria-hidden="true">${backSvg(d, view)}</g>` +
    surfaceImage(d, view) +
    `<g class="front" aria-hidden="true">${axesSvg(d, view)}<g class="marks">${
      markersSvg(d, view, best)
    }</g></g>` +
    colorBarSvg(id, { x: 500, y: 92, width: 12, height: 240 }, zmax, t.mse) +
    wrongBadge +
    `</svg><button type="button" class="surface-reset" hidden>${esc(words.reset)}</button></div>` +
    tableHtml(id, d, sweep.best.index, words.table, t.w, t.b) +
    island(d) +
    // The caption is the figure's last child; CSS order shows it under the chart.
    `<figcaption>${
      p.transposed ? `<strong class="wrong">${esc(words.wrong)}${words.stop}</strong> ` : ""
    }${p.caption ? `${esc(p.caption)} ` : ""}<output class="readout" for="${id}">${
      esc(readout(best.w, best.b, mse[sweep.best.index]))
    }</output> <span class="keys">${esc(words.keys)}</span></figcaption>` +
    `</figure>`;
}

/** MSE as a table, b down and w across, thinned to at most about 11 × 11 (best row and column kept). */
function tableHtml(
  id: string,
  d: SurfaceData,
  bestIndex: number,
  caption: (step: number) => string,
  wTitle: string,
  bTitle: string,
): string {
  const nw = d.w.length, nb = d.b.length;
  const step = Math.max(Math.ceil((nw - 1) / 10), Math.ceil((nb - 1) / 10), 1);
  const pickIdx = (n: number, keep: number) =>
    [...new Set([...Array.from({ length: n }, (_, i) => i).filter((i) => i % step === 0), keep])]
      .sort((a, b) => a - b);
  const cols = pickIdx(nw, bestIndex % nw), rows = pickIdx(nb, Math.floor(bestIndex / nw));
  const head = cols.map((j) => `<th scope="col">${fmtAxis(d.w[j])}</th>`).join("");
  const body = rows.map((i) =>
    `<tr><th scope="row">${fmtAxis(d.b[i])}</th>${
      cols.map((j) => `<td>${fmt(d.mse[i * nw + j])}</td>`).join("")
    }</tr>`
  ).join("");
  // A wide grid scrolls inside its own region, not the page, on a phone; the region is named
  // by the summary and the chart's title, so a right and a wrong surface on a page differ.
  return `<details class="chart-table"><summary id="${id}-s">${esc(caption(step))}</summary>` +
    `<div class="table-scroll" tabindex="0" role="region" aria-labelledby="${id}-s ${id}-t"><table>` +
    `<caption>MSE: ${esc(bTitle)} ↓, ${
      esc(wTitle)
    } →</caption><thead><tr><th scope="col">b \\ w</th>${head}</tr></thead>` +
    `<tbody>${body}</tbody></table></div></details>`;
}
