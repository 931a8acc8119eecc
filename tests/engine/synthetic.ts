// Test-only: a seeded stand-in for lecture 7's table (759 rows × 8 features in [−1, 1], 0/1
// labels from a noisy linear rule), since the course's file carries no licence.
import { generator } from "../../engine/mod.ts";

/** `n` rows of `features` values in [−1, 1] and labels [[0] or [1]]. */
export function syntheticTable(n: number, features: number, seed: number) {
  const g = generator(seed);
  const coef = Array.from({ length: features }, () => g.uniform(-2, 2));
  const x: number[][] = [], y: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: features }, () => g.uniform(-1, 1));
    const z = row.reduce((s, v, j) => s + v * coef[j], 0.3) + g.uniform(-1, 1);
    x.push(row);
    y.push([z > 0 ? 1 : 0]);
  }
  return { x, y };
}

/** `n` rows of `features` values in [−1, 1] and a class in 0..classes−1 (nearest centre). */
export function syntheticClasses(n: number, features: number, classes: number, seed: number) {
  const g = generator(seed);
  const centres = Array.from(
    { length: classes },
    () => Array.from({ length: features }, () => g.uniform(-1, 1)),
  );
  const x: number[][] = [], y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = Math.floor(g.next() * classes);
    x.push(centres[c].map((v) => v + g.uniform(-0.6, 0.6)));
    y.push(c);
  }
  return { x, y };
}
