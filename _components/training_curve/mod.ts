import { runKey, type TrainConfig } from "../../engine/mod.ts";
import { type ComponentContext, type PropsDeclaration, PropsError } from "../../ssg/mod.ts";
import { captionProp } from "../_chart/data.ts";
import { esc, island } from "../_chart/svg.ts";
import { trainOnce } from "../_chart/train.ts";
import {
  axesMarks,
  curveScales,
  FRAME,
  legendHtml,
  readout,
  runsMarks,
  selectionSvg,
  summary,
  tableHtml,
  type TrainingCurveData,
} from "./marks.ts";
import { curveRuns, lrOf, RUN_KEYS, runConfig, type RunOverride } from "./runs.ts";
import { curveText } from "./words.ts";

const CONTROLS = ["lr", "optimizer", "epochs"] as const;
/** The optimizers the optimizer control offers, by engine name. */
export const OPTIMIZERS = ["sgd", "adam", "adagrad", "rmsprop"];

/** Props of `comp.TrainingCurve`. */
export const props = {
  config: {
    type: "object",
    zh:
      "训练配置，即引擎 `train(config)` 的参数：`{ x, y, model, loss, optimizer, epochs, … }`（见 engine/README.md），通常来自 `_data/`",
    description:
      "the training run, as the engine's `train(config)` takes it: `{ x, y, model, loss, optimizer, " +
      "epochs, … }` (engine/README.md), usually from `_data/`",
  },
  runs: {
    type: "object[]",
    optional: true,
    zh:
      '并排比较的几次训练，每个是对 `config` 的改动，如 `[{ optimizer: { name: "adam" } }, …]`，可加 `label`',
    description:
      'runs side by side, each a change to `config` such as `[{ optimizer: { name: "adam" } }, …]`, ' +
      "optionally with a `label`",
    check: (v: Record<string, unknown>[]) => {
      for (const [i, run] of v.entries()) {
        const bad = Object.keys(run).find((k) => !(RUN_KEYS as readonly string[]).includes(k));
        if (bad) return `run ${i + 1}: unknown key "${bad}" (known: ${RUN_KEYS.join(", ")})`;
      }
      return v.length > 6 ? `has ${v.length} runs; a chart compares at most 6` : undefined;
    },
  },
  per: {
    type: "string",
    default: "epoch",
    oneOf: ["epoch", "step"],
    zh: '横轴：`"epoch"`（每轮之后整个数据集上的损失）或 `"step"`（每一步那个批次的损失）',
    description:
      'x axis: `"epoch"` (the loss on the whole set after each epoch) or `"step"` (each step\'s batch loss)',
  },
  scale: {
    type: "string",
    default: "auto",
    oneOf: ["auto", "log", "linear"],
    zh: "纵轴刻度；`auto`：损失跨越两个数量级以上时用对数刻度",
    description: "y scale; `auto`: log when the losses span more than two decades",
  },
  select: {
    type: "integer",
    optional: true,
    zh: "一开始选中的轮数（或步数）；默认是最后一轮",
    description: "the epoch (or step) selected at first; default: the last",
  },
  group: {
    type: "string",
    optional: true,
    zh: "联动分组：选中的轮数（以及模型为 x·w + b 时的 w、b）同步给同组的图",
    description:
      "linked group: the selected epoch (and w, b when the model is x·w + b) go to the charts of this group",
  },
  controls: {
    type: "string[]",
    default: [],
    zh:
      '读者可调的量：`"lr"`、`"optimizer"`（只有一次训练时）、`"epochs"`；改动后在浏览器里重新训练',
    description:
      'what the reader may change: `"lr"`, `"optimizer"` (one run only), `"epochs"`; the browser re-trains',
    check: (v: string[]) =>
      v.find((c) => !(CONTROLS as readonly string[]).includes(c)) === undefined
        ? undefined
        : `must list only ${CONTROLS.map((c) => `"${c}"`).join(", ")}; got ${JSON.stringify(v)}`,
  },
  lrs: {
    type: "number[]",
    optional: true,
    zh: "学习率控件的可选值；默认是 1-2-5 序列，从 lr/100 到 lr×100",
    description: "the learning rate control's values; default: 1-2-5 steps from lr/100 to lr×100",
    check: (v: number[]) => (v.length && v.every((n) => n > 0) ? undefined : "must be rates > 0"),
  },
  epochChoices: {
    type: "number[]",
    optional: true,
    zh: "轮数控件的可选值；默认是 epochs 的 1/10、1/2、1、2 倍",
    description: "the epochs control's values; default: 1/10, 1/2, 1 and 2 times the epochs",
    check: (v: number[]) =>
      v.length && v.every((n) => Number.isInteger(n) && n >= 1)
        ? undefined
        : "must be whole numbers >= 1",
  },
  caption: captionProp,
} satisfies PropsDeclaration;

interface Props {
  config: TrainConfig;
  runs?: RunOverride[];
  per: "epoch" | "step";
  scale: "auto" | "log" | "linear";
  select?: number;
  group?: string;
  controls: Array<(typeof CONTROLS)[number]>;
  lrs?: number[];
  epochChoices?: number[];
  caption?: string;
}

/** 1-2-5 steps from lr/100 to lr·100, and lr itself. */
export function lrChoices(lr: number): number[] {
  const out = new Set<number>([lr]);
  const e = Math.floor(Math.log10(lr));
  for (let k = e - 2; k <= e + 2; k++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * 10 ** k).toPrecision(6));
      if (v >= lr / 100 * 0.999 && v <= lr * 100 * 1.001) out.add(v);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** Trains every run (an error names the run and what the engine said). */
function computed(p: Props) {
  const overrides = p.runs ?? [{}];
  overrides.forEach((o, i) => {
    try {
      trainOnce(runConfig(p.config, o));
    } catch (e) {
      const which = p.runs ? `prop "runs": run ${i + 1}` : `prop "config"`;
      throw new PropsError(`${which}: ${(e as Error).message}`, p.runs ? "runs" : "config");
    }
  });
  return { overrides, ...curveRuns(p.config, overrides, p.per, trainOnce) };
}

function controlsHtml(d: TrainingCurveData, id: string): string {
  const t = curveText(d.lang), c = d.controls, at = d.chosen;
  const parts: string[] = [];
  if (c.lr) {
    const lr = c.lr[at.lr!];
    parts.push(
      `<label>${esc(t.lr)} <input type="range" data-control="lr" min="0" max="${
        c.lr.length - 1
      }" step="1" value="${at.lr}" aria-valuetext="${lr}"></label> <output class="lr" for="${id}">${lr}</output>`,
    );
  }
  if (c.optimizer) {
    parts.push(
      `<label>${esc(t.optimizer)} <select data-control="optimizer">${
        c.optimizer.map((name, i) =>
          `<option value="${i}"${i === at.optimizer ? " selected" : ""}>${
            esc({ sgd: "SGD", adam: "Adam", adagrad: "Adagrad", rmsprop: "RMSprop" }[name] ?? name)
          }</option>`
        ).join("")
      }</select></label>`,
    );
  }
  if (c.epochs) {
    parts.push(
      `<label>${esc(t.epochs)} <select data-control="epochs">${
        c.epochs.map((n, i) =>
          `<option value="${i}"${i === at.epochs ? " selected" : ""}>${n}</option>`
        ).join("")
      }</select></label>`,
    );
  }
  return parts.length
    ? `<div class="train-controls" hidden>${
      parts.join(" ")
    }<small class="retrained" aria-live="polite"></small></div>`
    : "";
}

/**
 * Training curves: the loss per epoch (or per step) of one or several runs side by side,
 * trained by the engine at build time (`train(config)`, once per run for the whole build),
 * drawn as a complete SVG with a legend and a data table. In the browser, hover and keys
 * choose an epoch (shared with the charts of its group), and controls re-train with the same
 * engine.
 *
 * `{{ comp.TrainingCurve({ config: lecture5.config, runs: [{}, { optimizer: { name: "adam" } }] }) }}`
 */
export default function TrainingCurve(p: Props, ctx: ComponentContext): string {
  const t = curveText(ctx.page.lang), id = ctx.id;
  if (p.controls.includes("optimizer") && (p.runs?.length ?? 1) > 1) {
    throw new PropsError(
      'prop "controls": "optimizer" changes a lone run; this chart compares several runs',
      "controls",
    );
  }
  const { overrides, runs, stride, xMax, publish } = computed(p);
  const first = runConfig(p.config, overrides[0]);
  const controls: TrainingCurveData["controls"] = {}, chosen: TrainingCurveData["chosen"] = {};
  if (p.controls.includes("lr")) {
    const lr = lrOf(first.optimizer);
    const lrs = [...new Set([...(p.lrs ?? lrChoices(lr)), lr])].sort((a, b) => a - b);
    controls.lr = lrs;
    chosen.lr = lrs.indexOf(lr);
  }
  if (p.controls.includes("optimizer")) {
    const name = first.optimizer.name === "manual" ? "sgd" : first.optimizer.name;
    controls.optimizer = OPTIMIZERS;
    chosen.optimizer = OPTIMIZERS.indexOf(name);
  }
  if (p.controls.includes("epochs")) {
    const e = first.epochs;
    controls.epochs = [
      ...new Set([...(p.epochChoices ?? [Math.round(e / 10), Math.round(e / 2), e, 2 * e]), e]),
    ].filter((n) => n >= 1).sort((a, b) => a - b);
    chosen.epochs = controls.epochs.indexOf(e);
  }
  const select = Math.max(0, Math.min(p.select ?? xMax, xMax));
  const d: TrainingCurveData = {
    group: p.group ?? `train-${runKey(first)}`,
    per: p.per,
    scale: p.scale,
    stride,
    xMax,
    runs,
    select,
    lang: ctx.page.lang,
    base: p.config,
    overrides,
    publish,
    controls,
    chosen,
  };
  const s = curveScales(d);
  const { width, height } = FRAME;
  return `<figure class="chart training-curve" data-chart="training-curve" data-group="${
    esc(d.group)
  }" id="${id}">` +
    `<svg class="chart-svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t" aria-describedby="${id}-d">` +
    `<title id="${id}-t">${esc(t.title)}</title><desc id="${id}-d">${esc(summary(d))}</desc>` +
    `<g class="plot">${axesMarks(s, t, d.per)}${runsMarks(s, d)}</g>` +
    selectionSvg(s, d, select) +
    `</svg>` +
    `<ul class="legend">${legendHtml(d)}</ul>` +
    controlsHtml(d, id) +
    `<details class="chart-table"><summary>${esc(t.table)}</summary>${tableHtml(d)}</details>` +
    island(d) +
    `<figcaption>${p.caption ? `${esc(p.caption)} ` : ""}<output class="readout" for="${id}">${
      esc(readout(d, select))
    }</output></figcaption>` +
    `</figure>`;
}
