import { FRAME, frameScales, r2, type Scales } from "../_chart/frame.ts";
import { fmt } from "../_chart/format.ts";

/** What the data-fit chart's browser script needs. */
export interface DataFitData {
  group: string;
  x: number[];
  y: number[];
  xDomain: [number, number];
  yDomain: [number, number];
  /** The selected line at first. */
  w: number;
  b: number;
  /** Whether b follows the group's selection (a b axis was given) or stays fixed. */
  bLinked: boolean;
}

/** The chart's scales, the same on the server and in the browser. */
export function fitScales(d: Pick<DataFitData, "xDomain" | "yDomain">): Scales {
  return frameScales(FRAME, d.xDomain, d.yDomain);
}

/** The fitted line ŷ = w·x + b across the plot, and each sample's residual segment. */
export function fitMarks(
  scales: Scales,
  d: Pick<DataFitData, "x" | "y" | "xDomain">,
  w: number,
  b: number,
) {
  const [x0, x1] = d.xDomain;
  return {
    line: {
      x1: r2(scales.x(x0)),
      y1: r2(scales.y(w * x0 + b)),
      x2: r2(scales.x(x1)),
      y2: r2(scales.y(w * x1 + b)),
    },
    residuals: d.x.map((x, i) => ({
      x1: r2(scales.x(x)),
      x2: r2(scales.x(x)),
      y1: r2(scales.y(d.y[i])),
      y2: r2(scales.y(w * x + b)),
    })),
  };
}

/** The readout: the line and its MSE. */
export function fitReadout(w: number, b: number, mse: number, bLinked: boolean): string {
  return `${bLinked || b !== 0 ? `w = ${fmt(w)}, b = ${fmt(b)}` : `w = ${fmt(w)}`} · MSE = ${
    fmt(mse)
  }`;
}
