/** Words of the loss surface, per page language (`zh` is the default). */
const WORDS = {
  zh: {
    title: "损失函数曲面：y = w*x + b",
    wrong: "错误示范：曲面被转置了",
    /** A sentence's full stop in the page's language. */
    stop: "。",
    wrongNote:
      "这张图重现了常见的错误：循环先遍历 w、再遍历 b，却按 (len(b), len(w)) 重塑，谷底因此画在 (w, b) 对调的位置，与红色最优点不符。",
    reset: "重置视角",
    role: "可旋转的三维曲面",
    keys: "拖动或方向键旋转，Home 复原；点击曲面或 Shift+方向键选择 (w, b)",
    best: "最小值",
    table: (step: number) => (step > 1 ? `数据表（每 ${step} 个取一个）` : "数据表"),
    summary: (at: string, mse: string, max: string) =>
      `MSE 曲面呈碗状，最小 MSE 为 ${mse}，位于 ${at}；网格上最大 MSE 为 ${max}。`,
    wrongSummary: (at: string, mse: string, bestAt: string, there: string, max: string) =>
      `图中曲面的最低点 MSE 为 ${mse}，画在 ${at}；真正的最优点 ${bestAt}（红点）处，图上的 MSE 读数是 ${there}；网格上最大 MSE 为 ${max}。`,
  },
  en: {
    title: "Loss surface: y = w*x + b",
    wrong: "Wrong: the surface is transposed",
    stop: ".",
    wrongNote:
      "This figure repeats a common mistake: the loop runs over w first and b second but reshapes to (len(b), len(w)), so the valley is drawn with w and b swapped and misses the red best point.",
    reset: "Reset view",
    role: "rotatable 3D surface",
    keys:
      "Drag or use the arrow keys to turn, Home to reset; click the surface or use Shift+arrows to select (w, b)",
    best: "minimum",
    table: (step: number) => (step > 1 ? `Data table (every ${step}th value)` : "Data table"),
    summary: (at: string, mse: string, max: string) =>
      `The MSE surface is a bowl with its minimum MSE ${mse} at ${at}; the largest MSE on the grid is ${max}.`,
    wrongSummary: (at: string, mse: string, bestAt: string, there: string, max: string) =>
      `The surface as drawn is lowest, MSE ${mse}, at ${at}; at the true best point ${bestAt} (red) the figure reads MSE ${there}; the largest MSE on the grid is ${max}.`,
  },
};

/** The words for a page language. */
export function wordsFor(lang: string): typeof WORDS.zh {
  return lang === "en" ? WORDS.en : WORDS.zh;
}
