import assert from "node:assert/strict";
import { sweepWB } from "../../engine/mod.ts";

const axis = { start: 0, stop: 4.1, step: 0.1 };
const data = { x: [1, 2, 3], y: [4, 7, 10] };

Deno.test("sweepWB(data, w, b, { out }): writes the surface into the caller's buffer, same bits", () => {
  const fresh = sweepWB(data, axis, axis);
  const out = new Float64Array(41 * 41).fill(-1);
  const reused = sweepWB(data, axis, axis, { out });
  assert.equal(reused.mse, out);
  assert.deepEqual(reused.mse, fresh.mse);
  assert.deepEqual(reused.best, fresh.best);
  sweepWB({ x: new Float64Array([1, 2, 3]), y: new Float64Array([4, 7, 11]) }, axis, axis, { out });
  assert.notDeepEqual(out, fresh.mse, "a second call overwrites the buffer");
});

Deno.test("sweepWB(data, w, b, { out }): a buffer of the wrong size or type is refused", () => {
  for (const out of [new Float64Array(10), new Float32Array(41 * 41), [] as unknown]) {
    assert.throws(
      () => sweepWB(data, axis, axis, { out: out as Float64Array }),
      /sweepWB: out must be a Float64Array of 1681 cells \(41 b × 41 w\)/,
    );
  }
});

Deno.test("sweepWB: plain arrays and typed arrays of the same data give the same bits", () => {
  const x = Array.from({ length: 1000 }, (_, i) => 1e6 + i / 7);
  const y = x.map((v, i) => 3 * v + 1 + ((i * 7919) % 13) / 100);
  const plain = sweepWB({ x, y }, axis, axis);
  const typed = sweepWB({ x: Float64Array.from(x), y: Float64Array.from(y) }, axis, axis);
  assert.deepEqual(plain.mse, typed.mse);
});
