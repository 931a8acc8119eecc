/** Interface words of the training curve, per page language (`zh` is the default). */
const WORDS = {
  zh: {
    title: "训练曲线：损失随训练轮数的变化",
    loss: "损失",
    lossLog: "损失（对数刻度）",
    lossWord: "损失",
    /** Between a run's label and its value in the readout. */
    is: "：",
    epochAxis: "轮数 epoch",
    stepAxis: "步数 step",
    epochCol: "轮数",
    stepCol: "步数",
    epochN: (n: number) => `第 ${n} 轮`,
    stepN: (n: number) => `第 ${n} 步`,
    divergedShort: "发散",
    divergedAt: (n: number) => `第 ${n} 轮发散`,
    divergedAtStep: (n: number) => `第 ${n} 步发散`,
    table: "数据表",
    lr: "学习率 α",
    optimizer: "优化器",
    epochs: "轮数",
    retrained: (ms: string) => `已在浏览器中重新训练（${ms} 毫秒）`,
    summary: (label: string, from: string, to: string, diverged: number | null) =>
      diverged === null
        ? `${label}：损失从 ${from} 降到 ${to}。`
        : `${label}：损失从 ${from} 开始，第 ${diverged} 轮发散。`,
  },
  en: {
    title: "Training curve: the loss over the epochs",
    loss: "loss",
    lossLog: "loss (log scale)",
    lossWord: "loss",
    is: ": ",
    epochAxis: "epoch",
    stepAxis: "step",
    epochCol: "epoch",
    stepCol: "step",
    epochN: (n: number) => `epoch ${n}`,
    stepN: (n: number) => `step ${n}`,
    divergedShort: "diverged",
    divergedAt: (n: number) => `diverges at epoch ${n}`,
    divergedAtStep: (n: number) => `diverges at step ${n}`,
    table: "Data table",
    lr: "learning rate α",
    optimizer: "optimizer",
    epochs: "epochs",
    retrained: (ms: string) => `re-trained in the browser (${ms} ms)`,
    summary: (label: string, from: string, to: string, diverged: number | null) =>
      diverged === null
        ? `${label}: the loss falls from ${from} to ${to}.`
        : `${label}: the loss starts at ${from} and diverges at epoch ${diverged}.`,
  },
};

export type CurveText = typeof WORDS.zh;

/** The words for a page language. */
export function curveText(lang: string): CurveText {
  return lang === "en" ? WORDS.en : WORDS.zh;
}
