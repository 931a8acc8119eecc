import { gradientDescent, sweepWB } from "../../engine/mod.ts";
import type { ComponentContext, PropsDeclaration } from "../../ssg/mod.ts";
import { axesSvg } from "../_chart/axis.ts";
import { colorBarSvg, contourLevels, mseColors, VIRIDIS_RGB } from "../_chart/color.ts";
import { checkGrid } from "../_chart/grid.ts";
import { COURSE_AXIS } from "../_chart/course.ts";
import {
  captionProp,
  captionText,
  chartData,
  type ChartDataProps,
  dataProps,
  hintProp,
  isSelection,
} from "../_chart/data.ts";
import { descentProblem } from "../_chart/descent.ts";
import { r2 } from "../_chart/frame.ts";
import { fmt, fmtAxis, onAxis } from "../_chart/format.ts";
import { base64, encodePng } from "../_chart/png.ts";
import { nearest } from "../_chart/nearest.ts";
import { esc, island } from "../_chart/svg.ts";
import { textFor } from "../_chart/text.ts";
import { contourPaths } from "./contour_paths.ts";
import {
  cellReadout,
  HEATMAP_FRAME,
  type HeatmapData,
  heatmapScales,
  selectionMarks,
} from "./marks.ts";

type Axis = { start: number; stop: number; step: number };
type Descent = {
  w0: number;
  b0: number;
  lr: number;
  epochs: number;
  stochastic?: boolean;
  shuffle?: boolean;
  label?: string;
};
const AXIS = COURSE_AXIS;

/** Largest grid the heatmap draws (its data island grows with it). */
export const MAX_CELLS = 40_000;

/** Props of `comp.LossHeatmap`. */
export const props = {
  ...dataProps,
  w: {
    type: "axis",
    default: AXIS,
    zh: "w 轴（列）`{ start, stop, step }`",
    description: "the w axis (columns), `{ start, stop, step }`",
  },
  b: {
    type: "axis",
    default: AXIS,
    zh: "b 轴（行）`{ start, stop, step }`",
    description: "the b axis (rows), `{ start, stop, step }`",
  },
  select: {
    type: "object",
    optional: true,
    zh: "一开始选中的格子 `{ w, b }`；默认是最优的格子",
    description: "the cell selected at first, `{ w, b }`; default: the best cell",
    check: (v: Record<string, unknown>) =>
      isSelection(v) ? undefined : "must be { w, b } with numbers",
  },
  descent: {
    type: ["object", "object[]"],
    optional: true,
    zh:
      "画在热力图上的 (w, b) 梯度下降路径：`{ w0, b0, lr, epochs, stochastic?, shuffle?, label? }`，或最多 3 条的列表",
    description: "gradient descent runs of (w, b) drawn on the map: " +
      "`{ w0, b0, lr, epochs, stochastic?, shuffle?, label? }`, or a list of up to 3",
    check: (v: Record<string, unknown> | Record<string, unknown>[]) => {
      if ([v].flat().length > 3) return "draws at most 3 runs";
      for (const run of [v].flat()) {
        const keys = ["w0", "b0", "lr", "epochs", "stochastic", "shuffle", "label"];
        const problem = descentProblem(run, keys, { b0: true }) ??
          (run.label === undefined || typeof run.label === "string"
            ? undefined
            : "label must be a string");
        if (problem) return problem;
      }
    },
  },
  caption: captionProp,
  hint: hintProp,
} satisfies PropsDeclaration;

interface Props extends ChartDataProps {
  w: Axis;
  b: Axis;
  select?: { w?: number; b?: number };
  descent?: Descent | Descent[];
  caption?: string;
  hint?: string;
}

/**
 * The MSE over a (w, b) grid as a heatmap: rows b, columns w, viridis on a symmetric-log
 * scale with a colour bar, contour lines, and the best cell marked. Hover shows a cell's
 * values; click or arrow keys select (w, b) for every chart of its data set.
 *
 * `{{ comp.LossHeatmap({ data: "affine" }) }}`
 */
export default function LossHeatmap(p: Props, ctx: ComponentContext): string {
  const t = textFor(ctx.page.lang);
  const data = chartData(p, ctx);
  checkGrid(p.w, p.b, MAX_CELLS, "heatmap");
  const grid = sweepWB(data, p.w, p.b, { maxCells: MAX_CELLS });
  const nw = grid.w.length, nb = grid.b.length;
  const w = Array.from(grid.w, onAxis), b = Array.from(grid.b, onAxis);
  const max = Math.max(...grid.mse);
  const { t: tone } = mseColors(max);
  const bestRow = Math.floor(grid.best.index / nw), bestCol = grid.best.index % nw;
  const select: [number, number] = [
    p.select?.b === undefined ? bestRow : nearest(b, p.select.b),
    p.select?.w === undefined ? bestCol : nearest(w, p.select.w),
  ];
  const d: HeatmapData = {
    group: data.group,
    w,
    b,
    mse: Array.from(grid.mse, (v) => (v === 0 ? 0 : Number(v.toPrecision(5)))),
    select,
  };
  const scales = heatmapScales(d);
  const { width, height, margin } = HEATMAP_FRAME;
  const id = ctx.id;

  // One pixel per cell, top row = largest b; the browser scales it up without smoothing.
  const rgb = new Uint8Array(nw * nb * 3);
  for (let i = 0; i < nb; i++) {
    for (let j = 0; j < nw; j++) {
      const c = Math.round(tone(grid.mse[i * nw + j]) * 255) * 3;
      rgb.set(VIRIDIS_RGB.subarray(c, c + 3), ((nb - 1 - i) * nw + j) * 3);
    }
  }
  const png = base64(encodePng(nw, nb, rgb));
  const x0 = scales.x.range()[0], x1 = scales.x.range()[1];
  const y0 = scales.y.range()[1], y1 = scales.y.range()[0];
  const sw = nw > 1 ? w[1] - w[0] : 1, sb = nb > 1 ? b[1] - b[0] : 1;
  const levels = contourLevels(grid.best.mse, max);
  const lines = contourPaths(
    grid.mse,
    nw,
    nb,
    levels,
    (gx) => scales.x(w[0] + (gx - 0.5) * sw),
    (gy) => scales.y(b[0] + (gy - 0.5) * sb),
  ).map((c) => `<path d="${c.d}"><title>MSE = ${c.level}</title></path>`).join("");
  const bx = r2(scales.x(grid.best.w)), by = r2(scales.y(grid.best.b));
  const sel = selectionMarks(scales, w[select[1]], b[select[0]]);
  const selMse = d.mse[select[0] * nw + select[1]];
  const summary = t.minimumAt(
    `w = ${fmtAxis(grid.best.w)}, b = ${fmtAxis(grid.best.b)}`,
    fmt(grid.best.mse),
  );
  const runs = p.descent ? [p.descent].flat() : [];
  const trajectory = runs.map((r, k) => {
    const { label, ...options } = r;
    const run = gradientDescent(data, { ...options, fitBias: true });
    const pts = run.steps.map((s) => `${r2(scales.x(s.w))},${r2(scales.y(s.b))}`);
    const every = Math.max(1, Math.ceil(run.steps.length / 30));
    return `<g class="trajectory run-${k}" clip-path="url(#${id}-clip)">${
      label ? `<title>${esc(label)}</title>` : ""
    }<path d="M${pts.join("L")}"/>${
      run.steps.filter((_, i) => i % every === 0).map((s) =>
        `<circle cx="${r2(scales.x(s.w))}" cy="${r2(scales.y(s.b))}" r="2.5"/>`
      ).join("")
    }</g>`;
  }).join("");
  const legend = runs.some((r) => r.label)
    ? `<ul class="legend">${
      runs.map((r, k) => `<li class="run-${k}">${esc(r.label ?? `α = ${r.lr}`)}</li>`).join("")
    }</ul>`
    : "";
  // The table, the chart's text for a reader without it, shows at most about 11 × 11 of the
  // cells (every k-th, and the minimum's row and column); the whole grid is a CSV to download.
  const cols = sampled(nw, bestCol), rowsAt = sampled(nb, bestRow);
  const head = cols.map((j) => `<th scope="col">${fmtAxis(w[j])}</th>`).join("");
  const rows = rowsAt.map((i) =>
    `<tr><th scope="row">${fmtAxis(b[i])}</th>${
      cols.map((j) => `<td>${fmt(Number(grid.mse[i * nw + j].toFixed(2)))}</td>`).join("")
    }</tr>`
  ).reverse().join("");
  const csv =
    ["w,b,mse", ...b.flatMap((bv, i) => w.map((wv, j) => `${wv},${bv},${grid.mse[i * nw + j]}`))]
      .join("\n") + "\n";
  const whole = cols.length < nw || rowsAt.length < nb;
  return `<figure class="chart loss-heatmap" data-chart="loss-heatmap" data-group="${
    esc(data.group)
  }" id="${id}">` +
    `<svg class="chart-svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t" aria-describedby="${id}-d">` +
    `<title id="${id}-t">${esc(t.heatmap)}</title><desc id="${id}-d">${esc(summary)}</desc>` +
    `<defs><clipPath id="${id}-clip"><rect x="${x0}" y="${y0}" width="${r2(x1 - x0)}" height="${
      r2(y1 - y0)
    }"/></clipPath></defs>` +
    axesSvg(HEATMAP_FRAME, scales, { x: t.w, y: t.b }) +
    `<image class="cells" href="data:image/png;base64,${png}" x="${x0}" y="${y0}" width="${
      r2(x1 - x0)
    }" height="${r2(y1 - y0)}" preserveAspectRatio="none"/>` +
    `<g class="contours">${lines}</g>` +
    colorBarSvg(
      id,
      {
        x: width - margin.right + 22,
        y: margin.top + 10,
        width: 12,
        height: height - margin.top - margin.bottom - 10,
      },
      max,
      "MSE",
    ) +
    trajectory +
    `<g class="best"><circle cx="${bx}" cy="${by}" r="5"/><text x="${bx}" y="${
      r2(by - 10)
    }" text-anchor="middle">${esc(t.best)}</text></g>` +
    `<rect class="hover" x="0" y="0" width="0" height="0"/>` +
    `<g class="selection"><line class="guide h" x1="${sel.h.x1}" x2="${sel.h.x2}" y1="${sel.h.y1}" y2="${sel.h.y2}"/>` +
    `<line class="guide v" x1="${sel.v.x1}" x2="${sel.v.x2}" y1="${sel.v.y1}" y2="${sel.v.y2}"/>` +
    `<circle class="dot" cx="${sel.ring.cx}" cy="${sel.ring.cy}" r="6"/></g></svg>` +
    `<details class="chart-table"><summary>${
      esc(t.table)
    }</summary><div class="table-scroll" tabindex="0" role="region" aria-label="${
      esc(t.table)
    }"><table><thead><tr><th scope="col">b \\ w</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>` +
    `<p class="table-note">${
      whole ? esc(t.sampled(cols.length, rowsAt.length)) + " " : ""
    }<a download="mse-${esc(data.group)}.csv" href="data:text/csv;base64,${
      base64(new TextEncoder().encode(csv))
    }">${esc(t.csv(nw, nb))}</a></p></details>` +
    island(d) +
    `<figcaption>${captionText(p.caption, p.hint)}<output class="readout" for="${id}">${
      esc(cellReadout(w[select[1]], b[select[0]], selMse))
    }</output>${legend}</figcaption>` +
    `</figure>`;
}

/** At most about 11 of n grid lines, evenly spaced from the first, with line `keep` among them. */
function sampled(n: number, keep: number): number[] {
  const k = Math.max(1, Math.ceil((n - 1) / 10));
  const at = new Set<number>([keep]);
  for (let i = 0; i < n; i += k) at.add(i);
  return [...at].sort((a, c) => a - c);
}
