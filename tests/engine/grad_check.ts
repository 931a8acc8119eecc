// Test-only: central finite differences against the engine's backward pass.
import assert from "node:assert/strict";
import { type Tensor, tensor } from "../../engine/mod.ts";
import { uniform } from "./reference.ts";

/** Values in [lo, hi) from a seeded generator. */
export function values(n: number, seed: number, lo = -2, hi = 2): number[] {
  const random = uniform(seed);
  return Array.from({ length: n }, () => lo + (hi - lo) * random());
}

/** A float64 leaf of `shape` with seeded values in [lo, hi), requiring grad. */
export function leaf(shape: number[], seed: number, lo = -2, hi = 2): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor(values(n, seed, lo, hi), { shape, requiresGrad: true });
}

/**
 * Checks ∂L/∂input for each input, where L = Σ r ⊙ f(inputs) with fixed random weights r (so
 * every output element matters with a different weight), against central differences
 * (L(x + h) − L(x − h)) / 2h. The tolerance is for h = 1e-6 in float64.
 */
export function checkGradients(name: string, f: (...inputs: Tensor[]) => Tensor, inputs: Tensor[]) {
  const out = f(...inputs);
  const r = tensor(values(out.size, 99, 0.5, 1.5), { shape: out.shape.slice() });
  const loss = (xs: Tensor[]) => f(...xs).mul(r).sum();
  for (const t of inputs) t.grad = null;
  loss(inputs).backward();
  const h = 1e-6;
  inputs.forEach((t, k) => {
    assert.ok(t.grad !== null, `${name}: input ${k} has no grad`);
    for (let i = 0; i < t.size; i++) {
      const saved = t.data[i];
      t.data[i] = saved + h;
      const up = loss(inputs).item();
      t.data[i] = saved - h;
      const down = loss(inputs).item();
      t.data[i] = saved;
      const numeric = (up - down) / (2 * h), analytic = t.grad.data[i];
      const err = Math.abs(numeric - analytic) / Math.max(1, Math.abs(numeric));
      assert.ok(
        err < 1e-6,
        `${name}: ∂L/∂input${k}[${i}] analytic ${analytic} vs numeric ${numeric} (error ${err})`,
      );
    }
  });
}
