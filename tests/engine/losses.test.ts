import assert from "node:assert/strict";
import { binaryCrossEntropy, generator, tensor } from "../../engine/mod.ts";

/** PyTorch's formula term by term: (t − 1)·max(log(1 − x), −100) − t·max(log x, −100), summed. */
function bceSum(x: number[], t: number[]): number {
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const logX = Math.max(Math.log(x[i]), -100), log1mX = Math.max(Math.log(1 - x[i]), -100);
    total += (t[i] - 1) * log1mX - t[i] * logX;
  }
  return total;
}

Deno.test("binaryCrossEntropy(x, t) sums PyTorch's two-log terms bit for bit, 0/1 or soft targets", () => {
  const g = generator(3), x: number[] = [0, 1, 1e-300, 0.5], t: number[] = [0, 1, 1, 0];
  x.push(0, 1, 0.25);
  t.push(1, 0, 0.3); // clamped logs: each of these terms is 100 or near it
  for (let i = 0; i < 500; i++) {
    x.push(g.next());
    t.push(i % 3 === 0 ? 1 : i % 3 === 1 ? 0 : g.next());
  }
  const sum = binaryCrossEntropy(tensor(x), tensor(t), "sum").item();
  assert.equal(sum, bceSum(x, t));
  assert.equal(binaryCrossEntropy(tensor(x), tensor(t)).item(), bceSum(x, t) / x.length);
  const binary = x.map((_, i) => i % 2);
  assert.equal(binaryCrossEntropy(tensor(x), tensor(binary), "sum").item(), bceSum(x, binary));
});
