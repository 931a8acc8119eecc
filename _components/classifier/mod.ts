import { train } from "../../engine/mod.ts";
import type { ComponentContext, PropsDeclaration } from "../../ssg/mod.ts";
import { axesSvg } from "../_chart/axis.ts";
import { captionProp, chartData, type ChartDataProps, dataProps } from "../_chart/data.ts";
import { FRAME, r2 } from "../_chart/frame.ts";
import { fmt, sig } from "../_chart/format.ts";
import { esc, island } from "../_chart/svg.ts";
import {
  type ClassifierData,
  classifierMarks,
  classifierReadout,
  classifierScales,
  runAt,
  threshold,
} from "./marks.ts";
import { boundary2d } from "./two_features.ts";

const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

interface TrainProp {
  lr: number;
  epochs: number;
  reduction?: "sum" | "mean";
  dtype?: "float32" | "float64";
}

function trainProblem(v: Record<string, unknown>): string | undefined {
  const extra = Object.keys(v).find((k) => !["lr", "epochs", "reduction", "dtype"].includes(k));
  if (extra) return `"${extra}" is not a key of train (lr, epochs, reduction, dtype)`;
  if (!isNum(v.lr) || v.lr <= 0) return "needs lr, a learning rate > 0";
  if (!Number.isInteger(v.epochs) || (v.epochs as number) < 1 || (v.epochs as number) > 100_000) {
    return "needs epochs, an integer from 1 to 100000";
  }
  if (v.reduction !== undefined && v.reduction !== "sum" && v.reduction !== "mean") {
    return 'reduction must be "sum" or "mean"';
  }
  if (v.dtype !== undefined && v.dtype !== "float32" && v.dtype !== "float64") {
    return 'dtype must be "float32" or "float64"';
  }
}

const range = (v: number[]) =>
  v.length === 2 && v[0] < v[1] ? undefined : "must be [low, high] with low < high";

/** Props of `comp.Classifier`. */
export const props = {
  ...dataProps,
  x2: {
    type: "number[]",
    optional: true,
    zh: "第二个特征（与 `x` 一一对应）；给出时画二维散点和决策边界",
    description: "a second feature, one per `x`; draws the points in 2D with the decision boundary",
  },
  w: {
    type: ["number", "number[]"],
    default: 1,
    zh: "一开始的权重（两个特征时是 `[w1, w2]`）",
    description: "the weight shown at first (`[w1, w2]` for two features)",
  },
  b: { type: "number", default: 0, zh: "一开始的偏置", description: "the bias shown at first" },
  train: {
    type: "object",
    optional: true,
    zh:
      '从 `w`、`b` 出发训练：`{ lr, epochs, reduction?, dtype? }`（BCELoss + SGD，reduction 默认 `"sum"`）；出现一个选轮数的滑块',
    description:
      'train from `w`, `b`: `{ lr, epochs, reduction?, dtype? }` (BCELoss + SGD, reduction `"sum"` by default); adds an epoch slider',
    check: trainProblem,
  },
  epoch: {
    type: "integer",
    optional: true,
    zh: "有 `train` 时一开始显示第几轮之后的参数；默认是最后一轮",
    description: "with `train`, the epoch shown at first; default: the last",
  },
  range: {
    type: "number[]",
    default: [0, 10],
    zh: "横轴范围 `[最小, 最大]`（两个特征时是两条轴共用的范围）",
    description: "the x range `[low, high]` (both axes for two features)",
    check: range,
  },
  samples: {
    type: "integer",
    default: 200,
    zh: "概率曲线取多少个点（同 `np.linspace(0, 10, 200)`）",
    description: "points on the probability curve (as `np.linspace(0, 10, 200)`)",
    check: (n: number) => n >= 2 && n <= 2000 ? undefined : "must be between 2 and 2000",
  },
  xLabel: {
    type: "string",
    optional: true,
    zh: "横轴标题；默认“学习时长 x（小时）”",
    description: "x axis title; default “hours studied x”",
  },
  caption: captionProp,
} satisfies PropsDeclaration;

interface Props extends ChartDataProps {
  x2?: number[];
  w: number | number[];
  b: number;
  train?: TrainProp;
  epoch?: number;
  range: number[];
  samples: number;
  xLabel?: string;
  caption?: string;
}

const WORDS = {
  zh: {
    title: "逻辑斯蒂回归：通过的概率 σ(w·x + b)",
    x: "学习时长 x（小时）",
    y: "通过的概率 ŷ",
    w: "权重 w",
    b: "偏置 b",
    epoch: "训练轮数",
    keys: "在图上拖动或用 ←/→ 移动阈值，↑/↓ 改变 w（陡峭程度）",
    table: "数据表",
    head: ["x", "y", "ŷ = σ(w·x + b)", "预测"],
    pass: "通过",
    fail: "不通过",
    desc: (p: string, t: string) => `${p}。${t}`,
    beyond: (t: number | null) =>
      t === null ? "w = 0 时概率处处相同，没有阈值" : `x > ${fmt(t)} 时预测为通过`,
  },
  en: {
    title: "Logistic regression: the probability of passing σ(w·x + b)",
    x: "hours studied x",
    y: "probability of passing ŷ",
    w: "weight w",
    b: "bias b",
    epoch: "epochs trained",
    keys: "Drag on the chart or use ←/→ to move the threshold, ↑/↓ to change w (the steepness)",
    table: "Data table",
    head: ["x", "y", "ŷ = σ(w·x + b)", "predicted"],
    pass: "pass",
    fail: "fail",
    desc: (p: string, t: string) => `${p}. ${t}`,
    beyond: (t: number | null) =>
      t === null
        ? "With w = 0 the probability is the same everywhere: no threshold"
        : `Predicted to pass for x > ${fmt(t)}`,
  },
};

function linspace(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => i === n - 1 ? hi : lo + (hi - lo) * (i / (n - 1)));
}

/**
 * Logistic regression on one feature: σ(w·x + b) over x with the data, the 0.5 line and the
 * decision threshold x = −b/w; w and b follow sliders, drags and keys, or the epoch of a
 * training run the engine computes at build time. With `x2`, two features: the points and the
 * decision boundary w1·x1 + w2·x2 + b = 0, drawn on the server.
 *
 * `{{ comp.Classifier({ data: "hours", train: { lr: 0.01, epochs: 1000 } }) }}`
 */
export default function Classifier(p: Props, ctx: ComponentContext): string {
  const lang = ctx.page.lang === "en" ? "en" : "zh";
  const words = WORDS[lang];
  const data = chartData(p, ctx);
  for (const [i, v] of data.y.entries()) {
    if (v !== 0 && v !== 1) {
      throw new Error(`prop "y": labels must be 0 or 1, got ${v} at [${i}]`);
    }
  }
  if (p.x2 !== undefined) return boundary2d(p, data, ctx);
  if (typeof p.w !== "number") {
    throw new Error('prop "w": one feature takes one weight; [w1, w2] needs "x2"');
  }
  if (p.epoch !== undefined && (!p.train || p.epoch < 0 || p.epoch > p.train.epochs)) {
    throw new Error(
      p.train
        ? `prop "epoch" must be from 0 to ${p.train.epochs}, got ${p.epoch}`
        : 'prop "epoch" needs "train"',
    );
  }
  const reduction = p.train?.reduction ?? "sum";
  let run: ClassifierData["run"] = null;
  if (p.train) {
    const rec = train({
      x: data.x.map((v) => [v]),
      y: data.y.map((v) => [v]),
      model: { layers: [{ linear: [1, 1], weight: [[p.w]], bias: [p.b] }, "sigmoid"] },
      loss: { name: "bce", reduction },
      optimizer: { name: "sgd", lr: p.train.lr },
      epochs: p.train.epochs,
      dtype: p.train.dtype ?? "float64",
      record: "epoch",
    });
    run = { epochs: rec.epochs, wb: Array.from(rec.parameters, sig), epoch: p.epoch ?? rec.epochs };
  }
  const start = run ? runAt(run, run.epoch) : { w: p.w, b: p.b };
  const [lo, hi] = p.range;
  const d: ClassifierData = {
    group: data.group,
    x: data.x,
    y: data.y,
    grid: linspace(lo, hi, p.samples).map(sig),
    xDomain: [lo, hi],
    reduction,
    w: start.w,
    b: start.b,
    run,
    lang,
  };
  const scales = classifierScales(d);
  const m = classifierMarks(scales, d, d.w, d.b);
  const id = ctx.id;
  const { width, height, margin } = FRAME;
  const [x0, x1] = scales.x.range();
  const half = r2(scales.y(0.5));
  const guide = m.guide ?? { x1: 0, x2: 0, y1: 0, y2: 0 };
  const handle = m.handle ?? { cx: 0, cy: 0 };
  const hidden = m.inside ? "" : ' display="none"';
  const t = threshold(d.w, d.b);
  const points = data.x.map((x, i) =>
    `<circle class="${data.y[i] ? "pos" : "neg"}" cx="${r2(scales.x(x))}" cy="${
      r2(scales.y(data.y[i]))
    }" r="5.5"><title>(${x}, ${data.y[i]})</title></circle>`
  ).join("");
  const errors = data.x.map((x, i) =>
    `<line x1="${r2(scales.x(x))}" x2="${r2(scales.x(x))}" y1="${r2(scales.y(data.y[i]))}" y2="${
      r2(scales.y(m.points[i]))
    }"/>`
  ).join("");
  const rows = data.x.map((x, i) =>
    `<tr><td>${x}</td><td>${data.y[i]}</td><td class="p">${fmt(m.points[i])}</td><td class="c">${
      m.points[i] > 0.5 ? words.pass : words.fail
    }</td></tr>`
  ).join("");
  const text = classifierReadout(d, d.w, d.b, run ? run.epoch : undefined);
  const slider = (
    name: string,
    label: string,
    min: number,
    max: number,
    step: number | "any",
    v: number,
  ) =>
    `<label>${
      esc(label)
    } <input type="range" name="${name}" min="${min}" max="${max}" step="${step}" value="${v}"></label>`;
  const controls =
    `<fieldset class="controls" hidden><legend class="vh">${esc(words.title)}</legend>` +
    (run ? slider("epoch", words.epoch, 0, run.epochs, 1, run.epoch) : "") +
    slider("w", words.w, -4, 4, "any", d.w) + slider("b", words.b, -10, 10, "any", d.b) +
    `</fieldset>`;
  return `<figure class="chart classifier" data-chart="classifier" data-group="${
    esc(data.group)
  }" id="${id}">` +
    `<svg class="chart-svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t" aria-describedby="${id}-d">` +
    `<title id="${id}-t">${esc(words.title)}</title><desc id="${id}-d">${
      esc(words.desc(text, words.beyond(t)))
    }</desc>` +
    `<defs><clipPath id="${id}-clip"><rect x="${margin.left}" y="${margin.top}" width="${
      width - margin.left - margin.right
    }" height="${height - margin.top - margin.bottom}"/></clipPath></defs>` +
    axesSvg(FRAME, scales, { x: p.xLabel ?? words.x, y: words.y }) +
    `<g class="half"><line x1="${x0}" x2="${x1}" y1="${half}" y2="${half}"/><text x="${
      x1 - 4
    }" y="${half - 6}" text-anchor="end">ŷ = 0.5</text></g>` +
    `<g class="threshold"${hidden}><line class="guide" x1="${guide.x1}" x2="${guide.x2}" y1="${guide.y1}" y2="${guide.y2}"/>` +
    `<text class="label" x="${guide.x1 + 5}" y="${r2(scales.y(0.5)) + 18}">x = ${
      t === null ? "" : fmt(t)
    }</text></g>` +
    `<g class="errors" clip-path="url(#${id}-clip)">${errors}</g>` +
    `<path class="curve" clip-path="url(#${id}-clip)" d="${m.path}"/>` +
    `<g class="points">${points}</g>` +
    `<circle class="handle" r="6" cx="${handle.cx}" cy="${handle.cy}"${hidden}/></svg>` +
    controls +
    `<details class="chart-table"><summary>${esc(words.table)}</summary><table><thead><tr>${
      words.head.map((h) => `<th scope="col">${esc(h)}</th>`).join("")
    }</tr></thead><tbody>${rows}</tbody></table></details>` +
    island(d) +
    `<figcaption>${p.caption ? `${esc(p.caption)} ` : ""}<output class="readout" for="${id}">${
      esc(text)
    }</output><span class="keys" hidden>${esc(words.keys)}</span></figcaption></figure>`;
}
