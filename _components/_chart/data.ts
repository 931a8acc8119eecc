import { type ComponentContext, didYouMean, PropsError, type PropSpec } from "../../ssg/mod.ts";
import { esc } from "./svg.ts";

/** A data set as a chart uses it: its name, samples, and the linked-selection group. */
export interface ChartData {
  /** Name in `_data/datasets.yaml`, or `inline` for `x` and `y` given as props. */
  name: string;
  x: number[];
  y: number[];
  /** Charts of one group share their selected (w, b). */
  group: string;
}

/** The props every chart takes to name its data and its group, as a render receives them. */
export interface ChartDataProps {
  data?: string;
  x?: number[];
  y?: number[];
  group?: string;
}

/** The props every chart takes to name its data and its group. */
export const dataProps = {
  data: {
    type: "string",
    optional: true,
    zh: '`_data/datasets.yaml` 里数据集的名字，如 "linear"',
    description: 'name of a data set in `_data/datasets.yaml`, e.g. "linear"',
  },
  x: {
    type: "number[]",
    optional: true,
    zh: "输入，不用 `data` 时直接给出",
    description: "inputs, instead of `data`",
  },
  y: {
    type: "number[]",
    optional: true,
    zh: "目标值，个数与 `x` 相同",
    description: "targets, as many as `x`",
  },
  group: {
    type: "string",
    optional: true,
    zh: "联动分组；默认是数据集的名字（直接给出 x、y 时按数值区分）",
    description: "linked-selection group; default: the data set's name (for x and y, their values)",
  },
} satisfies Record<string, PropSpec>;

/**
 * The data a chart call names: a data set of `_data/datasets.yaml` (`data: "linear"`) or
 * inline `x` and `y`. Errors are PropsErrors naming the prop.
 */
export function chartData(
  props: ChartDataProps,
  ctx: ComponentContext,
): ChartData {
  if (props.data !== undefined && (props.x !== undefined || props.y !== undefined)) {
    throw new PropsError('give either "data" or "x" and "y", not both', "data");
  }
  if (props.data !== undefined) {
    const sets = (ctx.data.datasets ?? {}) as Record<string, { x?: unknown; y?: unknown }>;
    const set = sets[props.data];
    if (!set) {
      const names = Object.keys(sets);
      const hint = didYouMean(props.data, names);
      throw new PropsError(
        `prop "data": no data set "${props.data}" in _data/datasets.yaml${
          hint ? ` (did you mean "${hint}"?)` : ""
        }; data sets: ${names.join(", ") || "none"}`,
        "data",
      );
    }
    const isNumbers = (v: unknown): v is number[] =>
      Array.isArray(v) && v.every((n) => typeof n === "number" && Number.isFinite(n));
    if (!isNumbers(set.x) || !isNumbers(set.y)) {
      throw new PropsError(
        `data set "${props.data}" in _data/datasets.yaml needs x and y as lists of numbers`,
        "data",
      );
    }
    return checked(props.data, set.x, set.y, props.group ?? props.data, "data");
  }
  if (props.x === undefined || props.y === undefined) {
    throw new PropsError('missing prop "data" (a data set name), or both "x" and "y"', "data");
  }
  return checked("inline", props.x, props.y, props.group ?? inlineGroup(props.x, props.y), "y");
}

function checked(name: string, x: number[], y: number[], group: string, prop: string): ChartData {
  if (x.length !== y.length) {
    throw new PropsError(
      `x and y must have the same length, got ${x.length} and ${y.length}`,
      prop,
    );
  }
  if (x.length === 0) throw new PropsError("x and y must not be empty", prop);
  return { name, x, y, group };
}

/**
 * The default group of inline data: named after the values (FNV-1a of x and y), so charts of
 * the same inline data link and charts of different inline data do not.
 */
function inlineGroup(x: number[], y: number[]): string {
  let h = 0x811c9dc5;
  for (const c of JSON.stringify([x, y])) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return `data-${h.toString(16).padStart(8, "0")}`;
}

/** The caption prop every chart figure takes. */
export const captionProp = {
  type: "string",
  optional: true,
  zh: "图下方的说明文字",
  description: "caption under the chart",
} satisfies PropSpec;

/** The hint prop of interactive charts: how to use the chart, shown only where it can be used. */
export const hintProp = {
  type: "string",
  optional: true,
  zh:
    "怎样操作这张图（如“拖动曲线选一个 w”）；只在图表可以操作时显示，关掉 JavaScript 或打印时不显示",
  description: 'how to use the chart ("drag along the curve to pick a w"); shown only where the ' +
    "chart is interactive, not with JavaScript off or in print",
} satisfies PropSpec;

/** A caption's text: the caption, then the hint, which shows once the chart's script runs. */
export function captionText(caption: string | undefined, hint: string | undefined): string {
  return (caption ? `${esc(caption)} ` : "") +
    (hint ? `<span class="chart-hint">${esc(hint)} </span>` : "");
}

/** The `b` prop of charts that fix the intercept and vary w. */
export const interceptProp = {
  type: "number",
  default: 0,
  zh: "模型 ŷ = x·w + b 的偏置",
  description: "intercept of the model ŷ = x·w + b",
} satisfies PropSpec;

/** Whether `v` is a selection `{ w?, b? }` of finite numbers. */
export function isSelection(v: unknown): boolean {
  return v !== null && typeof v === "object" &&
    Object.entries(v).every(([k, n]) =>
      (k === "w" || k === "b") && typeof n === "number" && Number.isFinite(n)
    );
}
