import { nllLoss, tensor } from "../../engine/mod.ts";
import { esc } from "../_chart/svg.ts";

/**
 * Rounds SVG coordinates to 2 decimals (as _chart/frame.ts's r2, which sits beside d3-scale:
 * importing it would bring d3-scale into this chart's browser bundle, which needs none).
 */
const r2 = (v: number) => Math.round(v * 100) / 100;

/** What a softmax chart's browser script needs, embedded in the page as its data island. */
export interface SoftmaxData {
  /** The logits z shown first. */
  logits: number[];
  /** The true class shown first. */
  target: number;
  /** One label per class. */
  labels: string[];
  /** Logits are edited within [−limit, limit]. */
  limit: number;
  lang: string;
}

/** One sample's logits run through the engine: exp, their sum, probabilities, loss. */
export interface SoftmaxResult {
  z: number[];
  /** e^{z_i}. */
  exp: number[];
  /** Σ e^{z_i}. */
  sum: number;
  /** softmax(z)_i, computed stably (shifted by the max) by the engine. */
  p: number[];
  /** log_softmax(z)_i. */
  logp: number[];
  target: number;
  /** nll_loss(log_softmax(z), target) = −log p[target]: the sample's cross-entropy. */
  loss: number;
}

/** The engine's softmax, log-softmax and NLL loss of one sample (float64, as PyTorch). */
export function compute(z: readonly number[], target: number): SoftmaxResult {
  const t = tensor([...z]);
  const p = Array.from(t.softmax(0).data);
  const logSoftmax = t.logSoftmax(0);
  const exp = t.exp();
  return {
    z: [...z],
    exp: Array.from(exp.data),
    sum: exp.sum().item(),
    p,
    logp: Array.from(logSoftmax.data),
    target,
    loss: nllLoss(logSoftmax, target).item(),
  };
}

/** Interface words per page language. */
export const WORDS = {
  zh: {
    title: "Softmax：logits → 概率 → 交叉熵",
    logits: "logit z",
    probs: "概率 p",
    cls: "类别",
    target: "真实类别",
    sum: "合计",
    loss: "交叉熵损失",
    hint: "拖动上面的柱子或修改表里的 z 来改变 logit；点类别名或表里的圆点来选真实类别。",
    keys: "上下方向键改 0.1，Page Up/Down 改 1，空格或回车设为真实类别",
    slider: (label: string) => `类别 ${label} 的 logit`,
    radio: (label: string) => `类别 ${label} 是真实类别`,
  },
  en: {
    title: "Softmax: logits → probabilities → cross-entropy",
    logits: "logit z",
    probs: "probability p",
    cls: "class",
    target: "true class",
    sum: "total",
    loss: "cross-entropy loss",
    hint:
      "Drag a bar above or edit z in the table to change a logit; click a class name or a dot in the table to choose the true class.",
    keys: "Up/Down change by 0.1, Page Up/Down by 1, Space or Enter makes it the true class",
    slider: (label: string) => `logit of class ${label}`,
    radio: (label: string) => `class ${label} is the true class`,
  },
};

export type Words = typeof WORDS.zh;

/** The words for a page language. */
export function wordsFor(lang: string): Words {
  return lang === "en" ? WORDS.en : WORDS.zh;
}

/** 0.378 → "0.3780"; a large e^z as 1.234e+5. Minus signs as U+2212, as the charts print. */
export function num(v: number, digits = 4): string {
  const s = Math.abs(v) >= 1e5 ? v.toExponential(3) : v.toFixed(digits);
  return s.replace("-", "−");
}

/** A logit as a reader types it: 0.2, −1.5, 3. */
export function logitText(v: number): string {
  return String(Number(v.toFixed(2))).replace("-", "−");
}

/** The readout under the chart: `p[0] = 0.3780 · −log p[0] = 0.9729`. */
export function readout(r: SoftmaxResult, labels: string[]): string {
  const c = labels[r.target];
  return `p[${c}] = ${num(r.p[r.target])} · −log p[${c}] = ${num(r.loss)}`;
}

/** The picture's description, from the same numbers the picture shows. */
export function describe(r: SoftmaxResult, labels: string[], w: Words): string {
  const list = (v: number[], f: (x: number) => string) =>
    v.map((x, i) => `${labels[i]}: ${f(x)}`).join(", ");
  return `${w.logits}: ${list(r.z, logitText)}; ${w.probs}: ${
    list(r.p, (x) => num(x))
  }; ${w.target} ${labels[r.target]}; ${w.loss} −log p = ${num(r.loss)}`;
}

/** The chart's geometry: columns of equal width, the logit panel above the probability panel. */
export const LAYOUT = {
  width: 480,
  height: 318,
  left: 44,
  right: 12,
  /** The logit panel: z from −limit (bottom) to limit (top). */
  logit: { top: 36, bottom: 142 },
  /** The probability panel: p from 0 (bottom) to 1 (top). */
  prob: { top: 206, bottom: 284 },
  /** Baseline of the class labels. */
  label: 308,
};

/** Column geometry for n classes. */
export function columns(n: number) {
  const { width, left, right } = LAYOUT;
  const step = (width - left - right) / n;
  const bar = Math.min(44, step * 0.62);
  return { step, bar, center: (i: number) => left + step * (i + 0.5) };
}

/** y of logit v in the logit panel. */
export function logitY(v: number, limit: number): number {
  const { top, bottom } = LAYOUT.logit;
  return bottom - ((v + limit) / (2 * limit)) * (bottom - top);
}

/** The logit at y (the inverse of logitY), snapped to 0.1 and clamped to [−limit, limit]. */
export function logitAt(y: number, limit: number): number {
  const { top, bottom } = LAYOUT.logit;
  const v = ((bottom - y) / (bottom - top)) * 2 * limit - limit;
  return Math.max(-limit, Math.min(limit, Math.round(v * 10) / 10));
}

/** y of probability p in the probability panel. */
export function probY(p: number): number {
  const { top, bottom } = LAYOUT.prob;
  return bottom - p * (bottom - top);
}

/** The axes and panel titles: drawn once, they do not depend on the logits. */
export function frameSvg(limit: number, w: Words): string {
  const { width, left, right, logit, prob } = LAYOUT;
  const x2 = width - right;
  const zero = r2(logitY(0, limit));
  const tick = (y: number, text: string) =>
    `<line class="grid" x1="${left}" x2="${x2}" y1="${r2(y)}" y2="${r2(y)}"/>` +
    `<text x="${left - 6}" y="${r2(y)}" dy="0.32em" text-anchor="end">${text}</text>`;
  return `<g class="axis">` +
    tick(logitY(limit, limit), logitText(limit)) +
    tick(logitY(-limit, limit), logitText(-limit)) +
    tick(probY(1), "1") + tick(probY(0.5), "0.5") +
    `<line class="zero" x1="${left}" x2="${x2}" y1="${zero}" y2="${zero}"/>` +
    `<text x="${left - 6}" y="${zero}" dy="0.32em" text-anchor="end">0</text>` +
    `<line x1="${left}" x2="${x2}" y1="${prob.bottom}" y2="${prob.bottom}"/>` +
    `<text x="${left - 6}" y="${prob.bottom}" dy="0.32em" text-anchor="end">0</text>` +
    `<text class="title" x="${left}" y="${logit.top - 22}">${esc(w.logits)}</text>` +
    `<text class="title" x="${left}" y="${prob.top - 30}">${esc(w.probs)} = softmax(z)</text>` +
    `</g>`;
}

/** The marks that follow the logits: bars, their values, the class labels. */
export function marksSvg(r: SoftmaxResult, labels: string[], limit: number): string {
  const { step, bar, center } = columns(r.z.length);
  const zero = logitY(0, limit);
  const small = step < 50 ? ' class="small"' : "";
  // With many classes, near-zero probabilities go unlabelled: the table lists them all.
  const quiet = (v: number) => r.z.length > 4 && v < 0.005;
  return r.z.map((z, i) => {
    const x = r2(center(i) - bar / 2), cx = r2(center(i));
    const zy = logitY(z, limit), py = probY(r.p[i]);
    const top = Math.min(zy, zero), h = Math.abs(zy - zero);
    const zText = z >= 0 ? zy - 5 : zy + 13;
    const isTarget = i === r.target;
    return `<g class="class${isTarget ? " target" : ""}" data-class="${i}">` +
      `<rect class="logit${z < 0 ? " negative" : ""}" x="${x}" y="${r2(top)}" width="${
        r2(bar)
      }" height="${r2(Math.max(h, 0.5))}"/>` +
      `<text${small} x="${cx}" y="${r2(zText)}" text-anchor="middle">${logitText(z)}</text>` +
      `<rect class="prob" x="${x}" y="${r2(py)}" width="${r2(bar)}" height="${
        r2(Math.max(LAYOUT.prob.bottom - py, 0.5))
      }"/>` +
      (quiet(r.p[i])
        ? ""
        : `<text${small} x="${cx}" y="${r2(py - 5)}" text-anchor="middle">${
          num(r.p[i], 2)
        }</text>`) +
      `<text class="label" x="${cx}" y="${LAYOUT.label}" text-anchor="middle">${esc(labels[i])}${
        isTarget ? " ✓" : ""
      }</text>` +
      `</g>`;
  }).join("");
}

/** The table's body rows: class, z, e^z, p, the true class. */
export function rowsHtml(r: SoftmaxResult, labels: string[]): string {
  return r.z.map((z, i) =>
    `<tr${i === r.target ? ' class="target"' : ""}><th scope="row">${esc(labels[i])}</th>` +
    `<td class="z">${logitText(z)}</td><td>${num(r.exp[i])}</td><td>${num(r.p[i])}</td>` +
    `<td class="t">${i === r.target ? "✓" : ""}</td></tr>`
  ).join("");
}

/** The table's footer: Σ e^z, Σ p (= 1) and the loss. */
export function footHtml(r: SoftmaxResult, labels: string[], w: Words): string {
  return `<tr><th scope="row">${esc(w.sum)}</th><td></td><td>${num(r.sum)}</td><td>${
    num(r.p.reduce((s, v) => s + v, 0))
  }</td><td></td></tr>` +
    `<tr class="loss"><th scope="row" colspan="3">${esc(w.loss)} −log p[${
      esc(labels[r.target])
    }]</th><td colspan="2">${num(r.loss)}</td></tr>`;
}
