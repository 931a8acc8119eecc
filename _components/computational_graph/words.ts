/**
 * Interface words of the computational graph, per page language: plain strings (`{name}`
 * placeholders filled by `fill()`), so the page's own language rides in the data island and the
 * browser bundle carries neither.
 */
export const WORDS = {
  zh: {
    title: "计算图",
    forward: "前向",
    backward: "反向",
    start: "开始",
    prev: "后退一步",
    next: "前进一步",
    end: "全部算完",
    inputs: "输入的值",
    legend:
      "节点旁：前向的值，橙色的是损失对该节点的梯度 ∂loss/∂(节点)（参数的即它的 .grad）；边旁：局部导数。",
    keys: "← → 逐步，Home / End 跳到开头 / 结尾",
    node: "节点",
    operation: "运算",
    value: "前向的值",
    gradient: "∂loss/∂(节点)",
    edge: "边",
    local: "局部导数",
    number: "数值",
    leaf: "输入",
    param: "参数（requires_grad）",
    data: "数据",
    step0: "第 0 步：只有输入。x、y 是数据，参数需要梯度。",
    stepN: "第 {k}/{n} 步",
    fwd: "前向：{s}。",
    bwdRoot: "反向从 ∂loss/∂loss = 1 开始。",
    bwd: "反向：{s}。",
    done: "完成：{s}。",
    summary: "{formula}，在 {at} 处：loss = {loss}；{grads}。",
    invalid: "请输入一个数",
  },
  en: {
    title: "Computational graph",
    forward: "forward",
    backward: "backward",
    start: "Start",
    prev: "Step back",
    next: "Step",
    end: "Finish",
    inputs: "Input values",
    legend:
      "Next to each node: its forward value and, in orange, the gradient of the loss with respect to it, ∂loss/∂node (a parameter's .grad); next to each edge: its local derivative.",
    keys: "← → step, Home / End jump to the start / the end",
    node: "node",
    operation: "operation",
    value: "forward value",
    gradient: "∂loss/∂node",
    edge: "edge",
    local: "local derivative",
    number: "value",
    leaf: "input",
    param: "parameter (requires_grad)",
    data: "data",
    step0: "Step 0: only the inputs. x and y are data; the parameters require grad.",
    stepN: "Step {k}/{n}",
    fwd: "forward: {s}.",
    bwdRoot: "The backward pass starts from ∂loss/∂loss = 1.",
    bwd: "backward: {s}.",
    done: "Done: {s}.",
    summary: "{formula} at {at}: loss = {loss}; {grads}.",
    invalid: "enter a number",
  },
};

export type Words = typeof WORDS.zh;

/** The words for a page language. */
export function wordsFor(lang: string): Words {
  return lang === "en" ? WORDS.en : WORDS.zh;
}
