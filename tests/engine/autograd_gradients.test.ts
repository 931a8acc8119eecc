// Every operation's backward rule against central finite differences (float64).
import { linear, type Tensor } from "../../engine/mod.ts";
import { checkGradients, leaf } from "./grad_check.ts";

const cases: [string, (...xs: Tensor[]) => Tensor, Tensor[]][] = [
  ["add same shape", (a, b) => a.add(b), [leaf([3, 2], 1), leaf([3, 2], 2)]],
  ["add broadcast [3, 2] + [2]", (a, b) => a.add(b), [leaf([3, 2], 3), leaf([2], 4)]],
  ["add broadcast [3, 1] + [1, 2]", (a, b) => a.add(b), [leaf([3, 1], 5), leaf([1, 2], 6)]],
  ["add a number", (a) => a.add(3), [leaf([2, 2], 7)]],
  ["sub broadcast [3, 2] − [3, 1]", (a, b) => a.sub(b), [leaf([3, 2], 8), leaf([3, 1], 9)]],
  ["sub broadcast [] − [4]", (a, b) => a.sub(b), [leaf([], 10), leaf([4], 11)]],
  ["mul broadcast [2, 3] · [3]", (a, b) => a.mul(b), [leaf([2, 3], 12), leaf([3], 13)]],
  ["mul by a number", (a) => a.mul(-2.5), [leaf([3], 14)]],
  ["div broadcast [2, 3] / [2, 1]", (a, b) => a.div(b), [
    leaf([2, 3], 15),
    leaf([2, 1], 16, 0.5, 2),
  ]],
  ["neg", (a) => a.neg(), [leaf([2, 2], 17)]],
  ["pow 2", (a) => a.pow(2), [leaf([3, 2], 18)]],
  ["pow 3", (a) => a.pow(3), [leaf([4], 19)]],
  ["pow 0.5", (a) => a.pow(0.5), [leaf([4], 20, 0.5, 3)]],
  ["pow -1", (a) => a.pow(-1), [leaf([4], 21, 0.5, 3)]],
  ["matmul [3, 2] @ [2, 4]", (a, b) => a.matmul(b), [leaf([3, 2], 22), leaf([2, 4], 23)]],
  ["matmul [3, 2] @ [2]", (a, b) => a.matmul(b), [leaf([3, 2], 24), leaf([2], 25)]],
  ["matmul [3] @ [3, 2]", (a, b) => a.matmul(b), [leaf([3], 26), leaf([3, 2], 27)]],
  ["matmul [3] @ [3]", (a, b) => a.matmul(b), [leaf([3], 28), leaf([3], 29)]],
  ["linear", (x, w, b) => linear(x, w, b), [leaf([4, 3], 30), leaf([2, 3], 31), leaf([2], 32)]],
  ["linear without bias, 1-D input", (x, w) => linear(x, w, null), [
    leaf([3], 33),
    leaf([2, 3], 34),
  ]],
  ["sum", (a) => a.sum(), [leaf([3, 2], 35)]],
  ["sum dim 0", (a) => a.sum(0), [leaf([3, 2], 36)]],
  ["sum dim 1 keepdim", (a) => a.sum(1, true), [leaf([3, 2], 37)]],
  ["sum dim -1 of [2, 3, 2]", (a) => a.sum(-1), [leaf([2, 3, 2], 38)]],
  ["mean", (a) => a.mean(), [leaf([3, 2], 39)]],
  ["mean dim 0 keepdim", (a) => a.mean(0, true), [leaf([3, 2], 40)]],
  ["mean dim 1", (a) => a.mean(1), [leaf([3, 2], 41)]],
  ["exp", (a) => a.exp(), [leaf([3, 2], 42)]],
  ["log", (a) => a.log(), [leaf([3, 2], 43, 0.2, 3)]],
  ["sigmoid", (a) => a.sigmoid(), [leaf([3, 2], 44, -6, 6)]],
  ["tanh", (a) => a.tanh(), [leaf([3, 2], 45)]],
  ["relu (no element at 0)", (a) => a.relu(), [leaf([3, 2], 46)]],
  ["softmax dim 1", (a) => a.softmax(1), [leaf([3, 4], 47)]],
  ["softmax dim 0", (a) => a.softmax(0), [leaf([3, 4], 48)]],
  ["logSoftmax dim 1", (a) => a.logSoftmax(1), [leaf([3, 4], 49)]],
  ["logSoftmax dim 0 of [3]", (a) => a.logSoftmax(0), [leaf([3], 50)]],
  ["reshape", (a) => a.reshape(2, -1).mul(a.reshape(2, 3)), [leaf([3, 2], 51)]],
  ["transpose", (a) => a.transpose(0, 1), [leaf([3, 2], 52)]],
  ["t then matmul", (a, b) => a.t().matmul(b), [leaf([3, 2], 53), leaf([3, 2], 54)]],
  ["index of a row", (a) => a.index(1), [leaf([3, 2], 55)]],
  ["index of rows, repeated", (a) => a.index([2, 0, 2]), [leaf([3, 2], 56)]],
  [
    "a chain: sigmoid(x @ w + b) into a mean",
    (x, w, b) => x.matmul(w).add(b).sigmoid().mean(0),
    [leaf([5, 3], 57), leaf([3, 2], 58), leaf([2], 59)],
  ],
];

for (const [name, f, inputs] of cases) {
  Deno.test(`Tensor: ${name}: backward() matches central differences`, () => {
    checkGradients(name, f, inputs);
  });
}
