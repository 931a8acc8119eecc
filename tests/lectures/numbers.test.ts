/**
 * Numbers in the lectures' prose come from the engine at build time. The sources state none of
 * them by hand (outside code listings and their printed output, which python3 checks), and the
 * built pages show the values the engine computes here, independently of `_data/`.
 */
import assert from "node:assert/strict";
import { arange, gradientDescent, mse, sweepWB } from "../../engine/mod.ts";
import { renderSite, ROOT, text } from "../helpers.ts";

const { output } = await renderSite({});
/** A page's text, each formula as its TeX source, tags dropped, spaces folded. */
function prose(path: string): string {
  let html = text(output, path).replace(/<script[\s\S]*?<\/script>/g, "");
  // Replace each KaTeX block (nested spans) by the TeX it was typeset from.
  for (
    let at = html.indexOf('<span class="katex">');
    at >= 0;
    at = html.indexOf('<span class="katex">', at)
  ) {
    let depth = 0, end = at;
    for (const m of html.slice(at).matchAll(/<span\b|<\/span>/g)) {
      depth += m[0] === "</span>" ? -1 : 1;
      if (depth === 0) {
        end = at + m.index! + m[0].length;
        break;
      }
    }
    const tex = html.slice(at, end).match(
      /<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/,
    )?.[1] ?? "";
    html = html.slice(0, at) + tex + html.slice(end);
  }
  return html.replace(/<[^>]+>/g, " ").replace(/&amp;/g, "&").replace(/\s+/g, " ");
}
/** A lecture's Markdown without fenced code blocks and component calls. */
function source(file: string): string {
  return Deno.readTextFileSync(`${ROOT}/lectures/${file}`)
    .replace(/^```[\s\S]*?^```/gm, "")
    .replace(/\{\{[\s\S]*?\}\}/g, "");
}

const descent = { x: [1, 2, 3], y: [2, 4, 6] };
const batch = gradientDescent(descent, { w0: 1, lr: 0.01, epochs: 100 });
const predict = String(Number((4 * batch.final.w).toPrecision(6)));
const slow = String(
  Number(gradientDescent(descent, { w0: 1, lr: 0.001, epochs: 100 }).final.w.toPrecision(6)),
);
const wild = gradientDescent(descent, { w0: 1, lr: 0.22, epochs: 100, stopDiverging: false }).final
  .w.toPrecision(4);
const ws = arange(0, 4.1, 0.1);
const tails = Array.from(ws).filter((w) => String(w).length > 4).length;
const grid = sweepWB({ x: [1, 2, 3], y: [4, 7, 10] }, { start: 0, stop: 4.1, step: 0.1 }, {
  start: 0,
  stop: 4.1,
  step: 0.1,
});

const cases: Array<{ page: string; file: string; says: string[]; typed: string[] }> = [
  {
    page: "lectures/02-linear-model/index.html",
    file: "02-linear-model.md",
    says: [
      `${ws.length} 个值里有 ${tails} 个会这样显示`,
      `${ws.length} \\times ${ws.length} = ${grid.mse.length} 种组合`,
      `\\times 9 = ${mse({ x: [1, 2, 3], y: [3, 6, 9] }, 0)}`,
      `MSE 为 ${grid.best.mse.toFixed(4)}`,
      `\\text{MSE}(0, 0) = ${Math.max(...grid.mse)}`,
    ],
    typed: ["15 个", "1681", "= 42", "= 55", "20/3 \\approx 6.6667"],
  },
  {
    page: "en/lectures/02-linear-model/index.html",
    file: "02-linear-model.en.md",
    says: [
      `Of the ${ws.length} values, ${tails} print with such a tail`,
      `${ws.length} \\times ${ws.length} = ${grid.mse.length}$`.slice(0, -1),
      `\\text{MSE}(0, 0) = ${Math.max(...grid.mse)}`,
    ],
    typed: ["15 print", "1681", "= 42", "= 55", "MSE of 55", "20/3 \\approx 6.6667"],
  },
  {
    page: "lectures/03-gradient-descent/index.html",
    file: "03-gradient-descent.md",
    says: [
      `训练后是 ${predict}`,
      `只到 ${slow}`,
      `得到约 ${wild}`,
      `w_{100} \\approx ${batch.final.w.toFixed(6)}`,
    ],
    typed: ["7.99978", "1.60848", "178.5", "1.999944", "0.90667", "71 轮"],
  },
  {
    page: "en/lectures/03-gradient-descent/index.html",
    file: "03-gradient-descent.en.md",
    says: [`afterwards it is ${predict}`, `only reached ${slow}`, `ends up near ${wild}`],
    typed: ["7.99978", "1.60848", "178.5", "1.999944", "0.90667", "71 epochs"],
  },
];

for (const c of cases) {
  Deno.test(`lectures/${c.file}: the prose states the engine's numbers, none typed by hand`, () => {
    const html = prose(c.page);
    for (const s of c.says) assert.ok(html.includes(s), `${c.page} should say "${s}"`);
    const src = source(c.file);
    for (const t of c.typed) {
      assert.ok(!src.includes(t), `${c.file} types "${t}" by hand; take it from _data/`);
    }
  });
}
