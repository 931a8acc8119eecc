import assert from "node:assert/strict";
import { graph, tensor } from "../../engine/mod.ts";

function lecture4(w0: number) {
  const w = tensor(w0, { requiresGrad: true, name: "w" });
  const x = tensor(2, { name: "x" }), y = tensor(4, { name: "y" });
  return { w, loss: x.mul(w).sub(y).pow(2) };
}

Deno.test("graph(loss) lists lecture 4's nodes in topological order with their values", () => {
  const { loss } = lecture4(1);
  const g = graph(loss);
  assert.deepEqual(g.nodes.map((n) => n.label), ["x", "w", "×", "y", "−", "^2"]);
  assert.deepEqual(g.nodes.map((n) => n.op), ["leaf", "leaf", "mul", "leaf", "sub", "pow"]);
  assert.deepEqual(g.nodes.map((n) => n.data[0]), [2, 1, 2, 4, -2, 4]);
  assert.deepEqual(g.nodes.map((n) => n.requiresGrad), [false, true, true, false, true, true]);
  assert.equal(g.root, 5);
  assert.deepEqual(g.nodes[5].attrs, { exponent: 2 });
  for (const e of g.edges) assert.ok(e.from < e.to, "inputs come first");
});

Deno.test("graph(loss) gives each edge its local derivative and each node ∂loss/∂node", () => {
  const g = graph(lecture4(1).loss);
  // ∂(xw)/∂x = w, ∂(xw)/∂w = x, ∂(a − y)/∂a = 1, ∂(a − y)/∂y = −1, ∂(r²)/∂r = 2r.
  assert.deepEqual(g.edges.map((e) => [e.from, e.to, e.argument, e.local]), [
    [0, 2, 0, 1],
    [1, 2, 1, 2],
    [2, 4, 0, 1],
    [3, 4, 1, -1],
    [4, 5, 0, -4],
  ]);
  // Chain rule: ∂loss/∂w = 2(xw − y)·x = −8; ∂loss/∂x = 2(xw − y)·w = −4.
  assert.deepEqual(g.nodes.map((n) => n.adjoint![0]), [-4, -8, -4, 4, -4, 1]);
});

Deno.test("graph(loss) shows .grad appear on leaves after backward() and add up", () => {
  const { w, loss } = lecture4(1);
  assert.equal(graph(loss).nodes[1].grad, null);
  loss.backward();
  assert.deepEqual([...graph(loss).nodes[1].grad!], [-8]);
  loss.backward();
  const after = graph(loss);
  assert.deepEqual([...after.nodes[1].grad!], [-16]);
  assert.deepEqual([...after.nodes[1].adjoint!], [-8], "the adjoint is one pass, not the sum");
  assert.equal(after.nodes[4].grad, null, "intermediates keep no grad");
  w.zeroGrad();
  assert.deepEqual([...graph(loss).nodes[1].grad!], [0]);
});

Deno.test("graph() of the homework ŷ = w1·x² + w2·x + b: a node used twice appears once", () => {
  const x = tensor(2, { name: "x" });
  const w1 = tensor(1, { requiresGrad: true, name: "w1" });
  const w2 = tensor(1, { requiresGrad: true, name: "w2" });
  const b = tensor(1, { requiresGrad: true, name: "b" });
  const yHat = w1.mul(x.pow(2)).add(w2.mul(x)).add(b);
  const g = graph(yHat.sub(4).pow(2));
  assert.equal(g.nodes.filter((n) => n.label === "x").length, 1);
  const xId = g.nodes.find((n) => n.label === "x")!.id;
  assert.equal(g.edges.filter((e) => e.from === xId).length, 2);
  // ŷ = 4 + 2 + 1 = 7; ∂loss/∂x = 2(ŷ − 4)·(2·w1·x + w2) = 6 · 5 = 30.
  assert.equal(g.nodes[xId].adjoint![0], 30);
  const constant = g.nodes.find((n) => n.label === "4")!;
  assert.equal(constant.isLeaf && !constant.requiresGrad, true);
});

Deno.test("graph() of tensors: no local derivative on non-scalar edges, shapes kept", () => {
  const X = tensor([[1], [2], [3]]), w = tensor([[1]], { requiresGrad: true, name: "w" });
  const g = graph(X.matmul(w).sub(tensor([[2], [4], [6]])).pow(2).sum());
  assert.ok(g.edges.every((e) => e.local === null));
  assert.deepEqual(g.nodes[g.root].shape, []);
  assert.deepEqual(g.nodes.find((n) => n.op === "matmul")!.shape, [3, 1]);
  assert.deepEqual([...g.nodes.find((n) => n.name === "w")!.adjoint!], [-28]); // Σ 2(x − 2x)·x
});
