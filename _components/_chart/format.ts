/** 2 → "2.0", 4.666666 → "4.6667": as the course's printouts, to four decimals. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const r = Number(v.toFixed(4));
  return Number.isInteger(r) ? r.toFixed(1) : String(r);
}

/** An axis value as the course writes it: 0.30000000000000004 → "0.3", 3 → "3.0". */
export function fmtAxis(v: number): string {
  return fmt(Number(v.toPrecision(12)));
}

/** A compact number for tick labels and colour bars: 0.1, 1, 10, 1e+3 → "1000". */
export function fmtTick(v: number): string {
  const s = String(Number(v.toPrecision(6)));
  return s.replace("-", "−");
}

/** Rounds to 6 significant digits for data islands: what a reader can see, not more. */
export function sig(v: number): number {
  return v === 0 || !Number.isFinite(v) ? v : Number(v.toPrecision(6));
}

/**
 * An axis value as it is stored and linked: 12 significant digits, and arange's float noise
 * around zero (1.7763568394e-15 for -2 + 20 × 0.1) is 0.
 */
export function onAxis(v: number): number {
  return Math.abs(v) < 1e-12 ? 0 : Number(v.toPrecision(12));
}
