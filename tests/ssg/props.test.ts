/** checkProps: one mechanism for every component's props. */
import assert from "node:assert/strict";
import {
  axisProblem,
  checkProps,
  didYouMean,
  type PropsDeclaration,
} from "../../ssg/core/props.ts";

const decl = {
  data: { type: "string", description: "data set" },
  w: { type: "axis", default: { start: 0, stop: 4.1, step: 0.1 }, description: "w axis" },
  b: { type: ["number", "axis"], default: 0, description: "intercept" },
  mode: { type: "string", oneOf: ["a", "b"], optional: true, description: "mode" },
  n: {
    type: "integer",
    optional: true,
    description: "count",
    check: (v: number) => (v > 10 ? "must be at most 10" : undefined),
  },
} satisfies PropsDeclaration;

Deno.test("checkProps fills defaults and keeps given values", () => {
  const out = checkProps(decl, { data: "linear", b: 1 });
  assert.deepEqual(out, { data: "linear", w: { start: 0, stop: 4.1, step: 0.1 }, b: 1 });
});

Deno.test("checkProps: defaults are copies, so a render cannot change the next call's default", () => {
  const a = checkProps(decl, { data: "x" }) as { w: { start: number } };
  a.w.start = 99;
  assert.equal((checkProps(decl, { data: "x" }) as { w: { start: number } }).w.start, 0);
});

Deno.test("checkProps names what is wrong with each bad call", () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ data: "x", wAxis: {} }, /unknown prop "wAxis" \(did you mean "w"\?\); props: data, w, b/],
    [{ data: "x", extra: 1 }, /unknown prop "extra"; props:/],
    [{}, /missing prop "data": data set/],
    [{ data: 3 }, /prop "data" must be a string; got 3/],
    [{ data: "x", b: "1" }, /prop "b" must be a finite number, or must be an axis/],
    [{ data: "x", mode: "c" }, /prop "mode" must be one of "a", "b"; got "c"/],
    [{ data: "x", n: 1.5 }, /prop "n" must be an integer/],
    [{ data: "x", n: 11 }, /prop "n" must be at most 10/],
    ["w=2", /props must be an object/],
  ];
  for (const [props, message] of cases) {
    assert.throws(() => checkProps(decl, props), message, JSON.stringify(props));
  }
});

Deno.test("axisProblem refuses reversed, empty, zero-step and huge axes", () => {
  assert.equal(axisProblem({ start: 0, stop: 4.1, step: 0.1 }), undefined);
  assert.match(axisProblem({ start: 4, stop: 0, step: 0.1 })!, /runs backwards/);
  assert.match(axisProblem({ start: 0, stop: 4, step: -0.1 })!, /runs backwards/);
  assert.match(axisProblem({ start: 1, stop: 1, step: 0.1 })!, /is empty/);
  assert.match(axisProblem({ start: 0, stop: 4, step: 0 })!, /step 0/);
  assert.match(axisProblem({ start: 0, stop: 1e9, step: 1 })!, /more than 100000/);
  assert.match(axisProblem({ start: 0, stop: 4 })!, /step must be a finite number/);
  assert.match(axisProblem([0, 1, 2])!, /must be an axis \{ start, stop, step \}/);
  assert.match(axisProblem({ start: 0, stop: 4, step: 1, num: 3 })!, /"num" is not one of/);
});

Deno.test("didYouMean suggests close names only", () => {
  assert.equal(didYouMean("slect", ["select", "data"]), "select");
  assert.equal(didYouMean("DATA", ["select", "data"]), "data");
  assert.equal(didYouMean("zzzzzz", ["select", "data"]), undefined);
});
