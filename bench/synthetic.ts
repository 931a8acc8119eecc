/**
 * Synthetic lecture pages for the build benchmark: ~10 headings, mixed
 * Chinese and English paragraphs, ~20 inline and ~5 display formulas and two
 * 25-line Python blocks per page. Seeded, so every run builds the same corpus.
 */
export function syntheticPage(i: number): string {
  let seed = i * 2654435761 >>> 0;
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const inline = [
    "\\hat{y} = x \\cdot w",
    "(\\hat{y}_n - y_n)^2",
    "w^{*} = 3",
    "\\frac{\\partial L}{\\partial w}",
    `w_{${i % 50}} - \\alpha g`,
    "\\mathbb{E}[x]",
    `b = ${(rand() * 4).toFixed(1)}`,
  ];
  const display = [
    "\\operatorname{MSE}(w) = \\frac{1}{N}\\sum_{n=1}^{N} (x_n w - y_n)^2",
    "w \\leftarrow w - \\alpha \\frac{1}{N}\\sum_{n} 2 x_n (x_n w - y_n)",
    `L(w, b) = \\frac{1}{3}\\sum_{n=1}^{3}\\left(x_n w + b - y_n\\right)^2 + ${i % 7}`,
    "\\nabla_w L = \\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}",
  ];
  const zh = "线性模型用一条直线去拟合数据，我们用均方误差衡量预测的好坏，并在网格上穷举参数。";
  const en = "Gradient descent follows the slope of the cost downhill, one small step at a time.";
  const code = Array.from(
    { length: 25 },
    (_, k) =>
      k === 0 ? "import numpy as np" : `w_${k} = np.arange(0.0, 4.1, 0.1) * ${k}  # step ${k}`,
  ).join(
    "\n",
  );
  const out = [`---\ntitle: 合成讲义 ${i}\ndescription: Synthetic page ${i}\norder: ${i}\n---\n`];
  let inl = 0;
  for (let h = 0; h < 10; h++) {
    out.push(`## 第 ${h + 1} 节 Section ${h + 1}\n`);
    const para = () => {
      const f = inl++ < 20 ? ` 公式 $${pick(inline)}$ and $${pick(inline)}$。` : "";
      return `${zh}${en}${f}\n`;
    };
    out.push(para());
    if (h < 5) out.push(`$$\n${pick(display)}\n$$\n`);
    if (h === 3 || h === 7) out.push("```python\n" + code + "\n```\n");
    out.push(para());
  }
  return out.join("\n");
}

/** Writes `n` pages into `dir/lectures/`. */
export async function writeCorpus(dir: string, n: number): Promise<void> {
  await Deno.mkdir(`${dir}/lectures`, { recursive: true });
  for (let i = 1; i <= n; i++) {
    await Deno.writeTextFile(
      `${dir}/lectures/${String(i).padStart(4, "0")}-page.md`,
      syntheticPage(i),
    );
  }
}
