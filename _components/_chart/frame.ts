import { type ScaleLinear, scaleLinear } from "d3-scale";

/** A chart's size in SVG units, and the margins that hold its axes. One object, passed everywhere. */
export interface Frame {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

/** The frame of the 2D charts: small enough that its text stays readable on a phone. */
export const FRAME: Frame = {
  width: 480,
  height: 300,
  margin: { top: 16, right: 18, bottom: 46, left: 58 },
};

/** The x and y scales of a chart: data domains onto the frame's plot area. */
export interface Scales {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
}

/**
 * Scales for a frame. Both sides call this with the same numbers (the server from the engine,
 * the browser from the data island), so they place every mark at the same spot.
 */
export function frameScales(
  frame: Frame,
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
): Scales {
  const { width, height, margin } = frame;
  return {
    x: scaleLinear().domain(xDomain).range([margin.left, width - margin.right]),
    y: scaleLinear().domain(yDomain).range([height - margin.bottom, margin.top]),
  };
}

/** Rounds SVG coordinates to 2 decimals: smaller pages, identical on every build. */
export function r2(v: number): number {
  return Math.round(v * 100) / 100;
}
