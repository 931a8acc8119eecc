import type { ComponentContext, PropsDeclaration } from "../../ssg/mod.ts";
import { axesSvg } from "../_chart/axis.ts";
import { captionProp } from "../_chart/data.ts";
import { FRAME, r2 } from "../_chart/frame.ts";
import { fmt, sig } from "../_chart/format.ts";
import { esc, island } from "../_chart/svg.ts";
import {
  type FunctionPlotData,
  hoverMarks,
  plotReadout,
  plotScales,
  readoutTerms,
  seriesPath,
} from "./marks.ts";
import { defaultLabel, evaluate, parseSeries, type SeriesSpec } from "./series.ts";

/** Most series one plot draws: beyond that the colours and dashes stop being distinguishable. */
const MAX_SERIES = 6;

interface RefLine {
  x?: number;
  y?: number;
  label?: string;
}
interface Points {
  x: number[];
  y: number[];
  label?: string;
}

const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function seriesProblem(list: unknown[]): string | undefined {
  if (list.length === 0) return "must name at least one series";
  if (list.length > MAX_SERIES) {
    return `has ${list.length} series; a plot draws at most ${MAX_SERIES}`;
  }
  for (const [i, v] of list.entries()) {
    const s = parseSeries(v);
    if (typeof s === "string") return `[${i}]: ${s}`;
  }
}

function linesProblem(list: Record<string, unknown>[]): string | undefined {
  for (const [i, l] of list.entries()) {
    const extra = Object.keys(l).find((k) => !["x", "y", "label"].includes(k));
    if (extra) return `[${i}]: "${extra}" is not a key of a line (x or y, and label)`;
    if ((l.x === undefined) === (l.y === undefined)) {
      return `[${i}]: give exactly one of x (a vertical line) or y (a horizontal line)`;
    }
    const v = l.x ?? l.y;
    if (!isNum(v)) return `[${i}]: ${l.x === undefined ? "y" : "x"} must be a finite number`;
    if (l.label !== undefined && typeof l.label !== "string") {
      return `[${i}]: label must be a string`;
    }
  }
}

function pointsProblem(p: Record<string, unknown>): string | undefined {
  const extra = Object.keys(p).find((k) => !["x", "y", "label"].includes(k));
  if (extra) return `"${extra}" is not a key of points (x, y, label)`;
  const nums = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every(isNum);
  if (!nums(p.x) || !nums(p.y)) return "needs x and y as non-empty lists of finite numbers";
  if ((p.x as number[]).length !== (p.y as number[]).length) {
    return `x and y must have the same length, got ${(p.x as number[]).length} and ${
      (p.y as number[]).length
    }`;
  }
  if (p.label !== undefined && typeof p.label !== "string") return "label must be a string";
}

const range = (name: string) => (v: number[]) =>
  v.length === 2 && v[0] < v[1] ? undefined : `must be [low, high] with low < high (${name})`;

/** Props of `comp.FunctionPlot`. */
export const props = {
  series: {
    type: ["string[]", "object[]"],
    zh:
      '要画的函数（全写名字，或全写对象）：`"sigmoid"`、`"tanh"`、`"relu"`、`"linear"`，加 `\'` 表示导数（`"tanh\'"`）；或 `{ fn, derivative?, w?, b?, label? }`，画 f(w·x + b)',
    description:
      'the functions drawn (all names, or all objects): `"sigmoid"`, `"tanh"`, `"relu"`, `"linear"`, with `\'` for the derivative (`"tanh\'"`); or `{ fn, derivative?, w?, b?, label? }` for f(w·x + b)',
    check: seriesProblem,
  },
  x: {
    type: "number[]",
    default: [-6, 6],
    zh: "横轴范围 `[最小, 最大]`",
    description: "the x range `[low, high]`",
    check: range("x"),
  },
  samples: {
    type: "integer",
    default: 241,
    zh: "在横轴上取多少个点（含两端，同 `np.linspace`）",
    description: "how many points along x, both ends included (as `np.linspace`)",
    check: (n: number) => n >= 2 && n <= 5000 ? undefined : "must be between 2 and 5000",
  },
  y: {
    type: "number[]",
    optional: true,
    zh: "纵轴范围 `[最小, 最大]`；默认包住所有曲线、点和参考线",
    description: "the y range `[low, high]`; default: all series, points and lines",
    check: range("y"),
  },
  lines: {
    type: "object[]",
    optional: true,
    zh: "参考线：`{ y: 0.5 }` 是水平线，`{ x: 2 }` 是竖直线，可加 `label`",
    description:
      "reference lines: `{ y: 0.5 }` horizontal, `{ x: 2 }` vertical, with an optional `label`",
    check: linesProblem,
  },
  points: {
    type: "object",
    optional: true,
    zh: "画出的数据点 `{ x: [...], y: [...], label? }`",
    description: "data points drawn `{ x: [...], y: [...], label? }`",
    check: pointsProblem,
  },
  select: {
    type: "number",
    optional: true,
    zh: "读数一开始所在的 x；默认是横轴中点",
    description: "the x the readout shows at first; default: the middle of the x range",
  },
  xLabel: { type: "string", default: "x", zh: "横轴标题", description: "x axis title" },
  yLabel: { type: "string", default: "y", zh: "纵轴标题", description: "y axis title" },
  caption: captionProp,
} satisfies PropsDeclaration;

interface Props {
  series: unknown[];
  x: number[];
  samples: number;
  y?: number[];
  lines?: RefLine[];
  points?: Points;
  select?: number;
  xLabel: string;
  yLabel: string;
  caption?: string;
}

const WORDS = {
  zh: {
    title: (labels: string[]) => `函数图像：${labels.join("、")}`,
    keys: "方向键移动读数，Home/End 跳到两端",
    table: "数据表",
    from: (l: string, a: string, xa: string, b: string, xb: string, x: string) =>
      `${l} 在 ${x} = ${xa} 处为 ${a}，在 ${x} = ${xb} 处为 ${b}`,
    points: "数据点",
  },
  en: {
    title: (labels: string[]) => `Plot of ${labels.join(", ")}`,
    keys: "Arrow keys move the readout, Home/End jump to the ends",
    table: "Data table",
    from: (l: string, a: string, xa: string, b: string, xb: string, x: string) =>
      `${l} is ${a} at ${x} = ${xa} and ${b} at ${x} = ${xb}`,
    points: "data points",
  },
};

/** n points from lo to hi, both included, as `np.linspace`. */
function linspace(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => i === n - 1 ? hi : lo + (hi - lo) * (i / (n - 1)));
}

/**
 * Functions of x computed by the engine (sigmoid, tanh, ReLU and their derivatives, or
 * f(w·x + b) for a trained model's probability), with reference lines, data points, a legend,
 * a hover and keyboard readout and a table of values.
 *
 * `{{ comp.FunctionPlot({ series: ["sigmoid", "sigmoid'"], lines: [{ y: 0.5 }] }) }}`
 */
export default function FunctionPlot(p: Props, ctx: ComponentContext): string {
  const words = ctx.page.lang === "en" ? WORDS.en : WORDS.zh;
  const specs = p.series.map((v) => parseSeries(v) as SeriesSpec);
  // A short axis title ("z", "x") names the variable; a long one ("hours studied") does not.
  const variable = [...p.xLabel].length <= 3 ? p.xLabel : "x";
  const labels = specs.map((s) => s.label ?? defaultLabel(s, variable));
  const [xLo, xHi] = p.x;
  const xs = linspace(xLo, xHi, p.samples);
  const values = specs.map((s) => evaluate(s, xs));
  const lines = p.lines ?? [];
  const pts = p.points;
  let yDomain: [number, number];
  if (p.y) yDomain = [p.y[0], p.y[1]];
  else {
    const all = [
      ...values.flat(),
      ...lines.flatMap((l) => l.y === undefined ? [] : [l.y]),
      ...(pts?.y ?? []),
    ];
    const lo = Math.min(...all), hi = Math.max(...all);
    const pad = (hi - lo || 1) * 0.05;
    yDomain = [lo - pad, hi + pad];
  }
  const select = p.select === undefined ? Math.floor((xs.length - 1) / 2) : xs.reduce(
    (best, x, i) => Math.abs(x - p.select!) < Math.abs(xs[best] - p.select!) ? i : best,
    0,
  );
  const d: FunctionPlotData = {
    xs: xs.map(sig),
    ys: values.map((v) => v.map(sig)),
    labels,
    xLabel: variable,
    xDomain: [xLo, xHi],
    yDomain,
    select,
  };
  const scales = plotScales(d);
  if (!p.y) {
    scales.y.nice();
    d.yDomain = scales.y.domain() as [number, number];
  }
  const id = ctx.id;
  const { width, height, margin } = FRAME;
  const plotW = width - margin.left - margin.right, plotH = height - margin.top - margin.bottom;
  const [x0, x1] = scales.x.range(), [y0, y1] = scales.y.range();
  // Each reference line, and its label apart: labels are drawn last, over the hover guide, so
  // the guide never runs through one.
  const refs = lines.map((l) => {
    if (l.y !== undefined) {
      const y = r2(scales.y(l.y));
      return {
        line: `<line x1="${x0}" x2="${x1}" y1="${y}" y2="${y}"/>`,
        label: `<text x="${x1 - 4}" y="${y - 5}" text-anchor="end">${
          esc(l.label ?? `y = ${l.y}`)
        }</text>`,
      };
    }
    const x = r2(scales.x(l.x!));
    return {
      line: `<line x1="${x}" x2="${x}" y1="${y0}" y2="${y1}"/>`,
      label: `<text x="${x + 4}" y="${y0 - 6}">${esc(l.label ?? `${variable} = ${l.x}`)}</text>`,
    };
  });
  const refLines = refs.length ? `<g class="ref">${refs.map((r) => r.line).join("")}</g>` : "";
  const refLabels = refs.length ? `<g class="ref">${refs.map((r) => r.label).join("")}</g>` : "";
  const paths = values.map((v, k) =>
    `<path class="series s${k}" d="${seriesPath(scales, xs, v)}"><title>${
      esc(labels[k])
    }</title></path>`
  ).join("");
  const points = pts
    ? `<g class="points">${
      pts.x.map((x, i) =>
        `<circle cx="${r2(scales.x(x))}" cy="${r2(scales.y(pts.y[i]))}" r="5"><title>(${x}, ${
          pts.y[i]
        })</title></circle>`
      ).join("")
    }</g>`
    : "";
  const m = hoverMarks(scales, d, select);
  const hover =
    `<g class="hover" aria-hidden="true"><line class="guide" x1="${m.guide.x1}" x2="${m.guide.x2}" y1="${m.guide.y1}" y2="${m.guide.y2}"/>${
      m.dots.map((dot, k) => `<circle class="dot s${k}" cx="${dot.cx}" cy="${dot.cy}" r="4"/>`)
        .join("")
    }</g>`;
  const swatch = (cls: string) =>
    `<svg class="swatch" viewBox="0 0 24 10" width="24" height="10" aria-hidden="true"><line class="${cls}" x1="1" x2="23" y1="5" y2="5"/></svg>`;
  const legend = `<ul class="legend">${
    labels.map((l, k) => `<li>${swatch(`series s${k}`)}${esc(l)}</li>`).join("")
  }${
    pts
      ? `<li><svg class="swatch" viewBox="0 0 24 10" width="24" height="10" aria-hidden="true"><g class="points"><circle cx="12" cy="5" r="4"/></g></svg>${
        esc(pts.label ?? words.points)
      }</li>`
      : ""
  }</ul>`;
  const summary = values.map((v, k) =>
    words.from(
      labels[k],
      fmt(v[0]),
      fmt(xs[0]),
      fmt(v[v.length - 1]),
      fmt(xs[xs.length - 1]),
      variable,
    )
  ).join(ctx.page.lang === "en" ? "; " : "；");
  // The table samples the curves at the x axis's ticks, computed by the engine at those x.
  const tx = scales.x.ticks(10);
  const tv = specs.map((s) => evaluate(s, tx));
  const rows = tx.map((x, i) =>
    `<tr><td>${fmt(x)}</td>${tv.map((v) => `<td>${fmt(v[i])}</td>`).join("")}</tr>`
  )
    .join("");
  const head = `<tr><th scope="col">${esc(p.xLabel)}</th>${
    labels.map((l) => `<th scope="col">${esc(l)}</th>`).join("")
  }</tr>`;
  const text = plotReadout(d, select);
  return `<figure class="chart function-plot" data-chart="function-plot" id="${id}">` +
    `<svg class="chart-svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t" aria-describedby="${id}-d">` +
    `<title id="${id}-t">${esc(words.title(labels))}</title><desc id="${id}-d">${
      esc(summary)
    }</desc>` +
    `<defs><clipPath id="${id}-clip"><rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}"/></clipPath></defs>` +
    axesSvg(FRAME, scales, { x: p.xLabel, y: p.yLabel }) +
    `<g clip-path="url(#${id}-clip)">${refLines}${paths}</g>${points}${hover}${refLabels}</svg>` +
    legend +
    `<details class="chart-table"><summary>${
      esc(words.table)
    }</summary><table><thead>${head}</thead><tbody>${rows}</tbody></table></details>` +
    island(d) +
    `<figcaption>${
      p.caption ? `${esc(p.caption)} ` : ""
    }<output class="readout" for="${id}" aria-label="${esc(text)}">${
      readoutTerms(d, select).map((t) => `<span>${esc(t)}</span>`).join(" · ")
    }</output>` +
    `<span class="keys" hidden> ${esc(words.keys)}</span></figcaption>` +
    `</figure>`;
}
