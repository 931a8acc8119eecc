/** Interface words of the charts, per page language (`zh` is the default). */
export const TEXT = {
  zh: {
    w: "权重 w",
    b: "偏置 b",
    x: "x",
    y: "y",
    mse: "MSE 损失",
    best: "最小值",
    selected: "当前选择",
    table: "数据表",
    sampled: (cols: number, rows: number) =>
      `表中是网格的 ${cols} 列 × ${rows} 行（等距抽取，含最小值所在的行与列）。`,
    csv: (cols: number, rows: number) => `下载完整的 ${cols} × ${rows} 网格（CSV）`,
    lossCurve: "损失曲线：MSE 随权重 w 的变化",
    heatmap: "MSE 在 (w, b) 网格上的热力图",
    dataFit: "数据点与拟合直线",
    residual: "残差",
    minimumAt: (what: string, mse: string) => `最小 MSE 为 ${mse}，位于 ${what}`,
    keys: "方向键移动，Home/End 跳到两端",
    step: "第",
    lr: "学习率 α",
    result: "结果",
  },
  en: {
    w: "weight w",
    b: "bias b",
    x: "x",
    y: "y",
    mse: "MSE (loss)",
    best: "minimum",
    selected: "selected",
    table: "Data table",
    sampled: (cols: number, rows: number) =>
      `The table shows ${cols} columns × ${rows} rows of the grid (evenly spaced, with the minimum's row and column).`,
    csv: (cols: number, rows: number) => `Download the whole ${cols} × ${rows} grid (CSV)`,
    lossCurve: "Loss curve: MSE against the weight w",
    heatmap: "Heatmap of the MSE over the (w, b) grid",
    dataFit: "Data points and the fitted line",
    residual: "residual",
    minimumAt: (what: string, mse: string) => `minimum MSE ${mse} at ${what}`,
    keys: "Arrow keys move, Home/End jump to the ends",
    step: "epoch",
    lr: "learning rate α",
    result: "result",
  },
};

export type Text = typeof TEXT.zh;

/** The words for a page language. */
export function textFor(lang: string): Text {
  return lang === "en" ? TEXT.en : TEXT.zh;
}
