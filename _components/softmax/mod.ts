import { type ComponentContext, type PropsDeclaration, PropsError } from "../../ssg/mod.ts";
import { captionProp } from "../_chart/data.ts";
import { esc, island } from "../_chart/svg.ts";
import {
  compute,
  describe,
  footHtml,
  frameSvg,
  LAYOUT,
  marksSvg,
  readout,
  rowsHtml,
  type SoftmaxData,
  wordsFor,
} from "./marks.ts";

/** Most classes the chart draws side by side (the course's digits have ten). */
const MAX_CLASSES = 10;

/** Props of `comp.Softmax`. */
export const props = {
  logits: {
    type: "number[]",
    default: [0.2, 0.1, -0.1],
    zh: "一个样本的 logit z（2 到 10 个类别），默认是课程的 [0.2, 0.1, −0.1]",
    description: "one sample's logits z (2 to 10 classes); default the course's [0.2, 0.1, −0.1]",
    check: (v: number[]) =>
      v.length >= 2 && v.length <= MAX_CLASSES
        ? undefined
        : `needs 2 to ${MAX_CLASSES} logits, got ${v.length}`,
  },
  target: {
    type: "integer",
    default: 0,
    zh: "真实类别的下标（从 0 开始）",
    description: "index of the true class (from 0)",
  },
  labels: {
    type: "string[]",
    optional: true,
    zh: '类别的名字，个数与 logits 相同；默认 "0"、"1"、"2"…',
    description: 'names of the classes, one per logit; default "0", "1", "2"…',
  },
  limit: {
    type: "number",
    optional: true,
    zh: "logit 可调的范围 [−limit, limit]，1 到 20；默认比最大的 |z| 大一些，至少 3",
    description:
      "logits are edited within [−limit, limit], 1 to 20; default: a little above the largest |z|, at least 3",
    check: (v: number) => (v >= 1 && v <= 20 ? undefined : `must be from 1 to 20, got ${v}`),
  },
  caption: captionProp,
} satisfies PropsDeclaration;

interface Props {
  logits: number[];
  target: number;
  labels?: string[];
  limit?: number;
  caption?: string;
}

/**
 * One sample's logits → softmax probabilities → cross-entropy, computed by the engine: bars of
 * the logits (draggable) above bars of the probabilities, and a table of z, e^z, their sum, p and
 * −log p[true class]. The reader edits the logits and picks the true class; the browser
 * recomputes with the same engine.
 *
 * `{{ comp.Softmax({ logits: [0.2, 0.1, -0.1], target: 0 }) }}`
 */
export default function Softmax(p: Props, ctx: ComponentContext): string {
  const n = p.logits.length;
  const labels = p.labels ?? p.logits.map((_, i) => String(i));
  if (labels.length !== n) {
    throw new PropsError(
      `prop "labels" needs one label per logit: ${n} logits, ${labels.length} labels`,
      "labels",
    );
  }
  if (p.target < 0 || p.target >= n) {
    throw new PropsError(
      `prop "target" must be a class index from 0 to ${n - 1}, got ${p.target}`,
      "target",
    );
  }
  const largest = Math.max(...p.logits.map(Math.abs));
  const limit = p.limit ?? Math.min(20, Math.max(3, Math.ceil(largest + 0.5)));
  const outside = p.logits.find((z) => Math.abs(z) > limit);
  if (outside !== undefined) {
    throw new PropsError(
      `prop "logits": logit ${outside} is outside [−${limit}, ${limit}]${
        p.limit === undefined ? " (logits are at most 20 in size)" : '; give a larger "limit"'
      }`,
      "logits",
    );
  }
  const w = wordsFor(ctx.page.lang);
  const r = compute(p.logits, p.target);
  const data: SoftmaxData = {
    logits: p.logits,
    target: p.target,
    labels,
    limit,
    lang: ctx.page.lang,
  };
  const id = ctx.id;
  return `<figure class="chart softmax" data-chart="softmax" id="${id}">` +
    `<svg class="chart-svg" viewBox="0 0 ${LAYOUT.width} ${LAYOUT.height}" role="img" aria-labelledby="${id}-t" aria-describedby="${id}-d">` +
    `<title id="${id}-t">${esc(w.title)}</title><desc id="${id}-d">${
      esc(describe(r, labels, w))
    }</desc>` +
    frameSvg(limit, w) +
    `<g class="marks">${marksSvg(r, labels, limit)}</g>` +
    `</svg>` +
    `<div class="table-scroll"><table class="softmax-table"><thead><tr><th scope="col">${
      esc(w.cls)
    }</th><th scope="col">z</th><th scope="col">e<sup>z</sup></th><th scope="col" class="nowrap">p = e<sup>z</sup>/Σ</th><th scope="col">${
      esc(w.target)
    }</th></tr></thead><tbody>${rowsHtml(r, labels)}</tbody><tfoot>${
      footHtml(r, labels, w)
    }</tfoot></table></div>` +
    island(data) +
    `<figcaption>${p.caption ? `${esc(p.caption)} ` : ""}<output class="readout" for="${id}">${
      esc(readout(r, labels))
    }</output> <span class="hint">${esc(w.hint)}</span></figcaption>` +
    `</figure>`;
}
