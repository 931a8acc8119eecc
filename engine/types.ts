/** Paired samples: `x[i]` is the input and `y[i]` the target of sample `i`. */
export type Dataset = { x: ArrayLike<number>; y: ArrayLike<number> };

/** A range of grid values with numpy's `arange` semantics (`stop` excluded). */
export type AxisRange = { start: number; stop: number; step: number };

/** Grid values along one parameter: an explicit list, or a range expanded with `arange`. */
export type Axis = ArrayLike<number> | AxisRange;
