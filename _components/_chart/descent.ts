/**
 * What is wrong with a gradient descent run given as a chart prop, or nothing: its keys, a
 * starting point (`w0`, and `b0` where b is learned too), a learning rate > 0 (or, where
 * `lrList`, a list of them), whole `epochs` ≥ 1, and true/false `stochastic` and `shuffle`.
 */
export function descentProblem(
  v: Record<string, unknown>,
  keys: string[],
  options: { b0?: boolean; lrList?: boolean } = {},
): string | undefined {
  const extra = Object.keys(v).find((k) => !keys.includes(k));
  if (extra) return `has an unknown key "${extra}" (keys: ${keys.join(", ")})`;
  if (typeof v.w0 !== "number" || (options.b0 && typeof v.b0 !== "number")) {
    return options.b0 ? "needs w0 and b0, the starting point" : "needs w0, the starting weight";
  }
  const lrs = options.lrList && Array.isArray(v.lr) ? v.lr : [v.lr];
  if (!lrs.length || !lrs.every((l) => typeof l === "number" && l > 0)) {
    return `needs lr, a learning rate > 0${options.lrList ? " (or a list of them)" : ""}`;
  }
  if (!Number.isInteger(v.epochs) || (v.epochs as number) < 1) {
    return "needs epochs, a whole number ≥ 1";
  }
  for (const k of ["stochastic", "shuffle"]) {
    if (v[k] !== undefined && typeof v[k] !== "boolean") return `${k} must be true or false`;
  }
}
