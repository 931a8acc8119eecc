/**
 * Numbers in the lectures' prose come from the engine at build time. Every lecture file, whatever
 * the course holds: each value a page takes from `_data/` is shown where its tag stands, and no
 * value that `_data/` computes is typed by hand in the prose (outside code listings and their
 * printed output, which python3 checks), nor any number that looks like a result: a decimal with
 * three significant digits or more (0.99067, -9.33), a percentage with decimals (9.3%), digits
 * grouped by commas (1,681), a decimal times a power of ten (5.56 \times 10^{-5}), in text or
 * formulas. For the lectures below, the built pages also show the values the engine computes
 * here, independently of `_data/`.
 */
import assert from "node:assert/strict";
import { parse } from "yaml";
import { arange, gradientDescent, mse, sweepW, sweepWB, tensor } from "../../engine/mod.ts";
import { renderSite, ROOT, text } from "../helpers.ts";

const { output, pages } = await renderSite({});
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
/** The text of a lecture's output block that follows its `n`-th runnable listing (0-based). */
function printed(file: string, n: number): string {
  const blocks = Deno.readTextFileSync(`${ROOT}/lectures/${file}`)
    .matchAll(/^```python run[^\n]*\n[\s\S]*?^```\s*^```text output\n([\s\S]*?)^```/gm);
  return [...blocks][n]?.[1] ?? "";
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

const hours = { x: [1, 2, 3], y: [2, 4, 6] };
const hoursFit = sweepW(hours, { start: 0, stop: 4.1, step: 0.1 });
const courseLength = parse(Deno.readTextFileSync(`${ROOT}/_data/course.yaml`)).lectures.length;

// Lecture 4: the course's loop written out with the engine's autograd, in float32 as PyTorch runs
// it (w.data = w.data - 0.01 * w.grad.data, one sample at a time, 100 epochs).
function lecture4Loop() {
  const f32 = { dtype: "float32" } as const;
  const w = tensor([1], { ...f32, requiresGrad: true });
  for (let epoch = 0; epoch < 100; epoch++) {
    for (const [i, x] of descent.x.entries()) {
      tensor([x], f32).mul(w).sub(tensor([descent.y[i]], f32)).pow(2).backward();
      w.data[0] = Math.fround(w.data[0] - Math.fround(Math.fround(0.01) * w.grad!.data[0]));
      w.zeroGrad();
    }
  }
  return String(tensor([4], f32).mul(w).item());
}
const predict4 = lecture4Loop();

const cases: Array<{ page: string; file: string; says: string[]; typed: string[] }> = [
  {
    page: "lectures/01-overview/index.html",
    file: "01-overview.md",
    says: [
      `MSE 是 ${mse(hours, 1).toFixed(4)}`,
      `共 ${hoursFit.w.length} 个候选值`,
      `w = ${hoursFit.best.w.toFixed(1)}`,
      `预测得分 ${(4 * hoursFit.best.w).toFixed(1)}`,
      `整门课共 ${courseLength} 讲`,
    ],
    typed: ["4.6667", "41 个", "8.0", "共 13 讲"],
  },
  {
    page: "en/lectures/01-overview/index.html",
    file: "01-overview.en.md",
    says: [
      `the MSE is ${mse(hours, 1).toFixed(4)}`,
      `${hoursFit.w.length} candidates in all`,
      `predict a score of ${(4 * hoursFit.best.w).toFixed(1)}`,
      `The course has ${courseLength} lectures`,
    ],
    typed: ["4.6667", "41 candidates", "8.0", "13 lectures"],
  },
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
  {
    page: "lectures/04-backpropagation/index.html",
    file: "04-backpropagation.md",
    says: [`变成 ${predict4}`, `预测为 ${predict4}（float32）`],
    typed: ["7.999998569488525", "7.9999999999996945", "1.02", "0.2404", "8.544", "300 次"],
  },
  {
    page: "en/lectures/04-backpropagation/index.html",
    file: "04-backpropagation.en.md",
    says: [`to ${predict4}.`, `the prediction is ${predict4} (float32)`],
    typed: ["7.999998569488525", "7.9999999999996945", "1.02", "0.2404", "8.544", "300 updates"],
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

Deno.test("lectures/01-overview: the listing prints what the engine computes for the prose", () => {
  for (const file of ["01-overview.md", "01-overview.en.md"]) {
    const lines = printed(file, 0).trim().split("\n");
    assert.equal(lines.length, 3, `${file}: three printed lines`);
    assert.ok(lines[0].endsWith(` ${mse(hours, 1).toFixed(4)}`), `${file}: ${lines[0]}`);
    assert.match(
      lines[1],
      new RegExp(` ${hoursFit.best.w.toFixed(1)} .* ${hoursFit.best.mse.toFixed(1)}$`),
      file,
    );
    assert.ok(lines[2].endsWith(` ${(4 * hoursFit.best.w).toFixed(1)}`), `${file}: ${lines[2]}`);
  }
});

// Every lecture file, found in lectures/ rather than listed here.
const data: Record<string, unknown> = {};
for (const e of [...Deno.readDirSync(`${ROOT}/_data`)].sort((a, b) => (a.name < b.name ? -1 : 1))) {
  const m = e.name.match(/^(.+)\.(ts|ya?ml)$/);
  if (!e.isFile || !m) continue;
  data[m[1]] = m[2] === "ts"
    ? (await import(`${ROOT}/_data/${e.name}`)).default
    : parse(Deno.readTextFileSync(`${ROOT}/_data/${e.name}`));
}
/** A data tag's value, `lecture3.runs["0.01"]`, `course.lectures.length`; undefined if it is not one. */
function valueOf(expr: string): string | undefined {
  const root = expr.match(/^[A-Za-z_$][\w$]*/)?.[0];
  if (!root || !(root in data) || expr.includes("(")) return undefined;
  const v = new Function(root, `return (${expr});`)(data[root]);
  return typeof v === "number" || typeof v === "string" ? String(v) : undefined;
}
/** Every number `_data/` computes for the lectures, as pages show it. */
function computed(v: unknown, out = new Set<string>()): Set<string> {
  if (typeof v === "number" || (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v))) {
    out.add(String(v));
  } else if (v && typeof v === "object") { for (const x of Object.values(v)) computed(x, out); }
  return out;
}
/** Worth checking for: four digits or more (1681, 4.6667); shorter ones (41, 2.0) are also inputs. */
const distinctive = (n: string) => n.replace(/[^\d]/g, "").replace(/^0+/, "").length >= 4;
const values = [...computed(Object.fromEntries(
  Object.entries(data).filter(([k]) => /^lecture\d+$/.test(k)),
))].filter(distinctive);
const lectureFiles = [...Deno.readDirSync(`${ROOT}/lectures`)]
  .filter((e) => e.isFile && e.name.endsWith(".md")).map((e) => e.name).sort();

for (const file of lectureFiles) {
  Deno.test(`lectures/${file}: every value it takes from _data/ shows, none is typed by hand`, () => {
    const page = pages.find((p) => p.src.endsWith(`lectures/${file}`));
    assert.ok(page, `${file} is a page of the site`);
    const html = prose(`${page.url.slice(1)}index.html`);
    const raw = Deno.readTextFileSync(`${ROOT}/lectures/${file}`).replace(/^```[\s\S]*?^```/gm, "");
    for (const m of raw.matchAll(/\{\{\s*([\s\S]*?)\s*\}\}/g)) {
      const value = valueOf(m[1].replace(/\s+/g, ""));
      if (value === undefined) continue;
      // The words just before the tag, as the page prints them, then the value.
      const before = raw.slice(0, m.index).split("\n").at(-1)!.replace(/[*`$]/g, "")
        .match(/[\p{L}\p{N} =]{0,3}$/u)![0].replace(/\s+/g, " ");
      assert.ok(html.includes(before + value), `${file}: "${before}{{ ${m[1]} }}" shows ${value}`);
    }
    // A number the page's output blocks print may be quoted: python3 checks those.
    const outputs = [
      ...Deno.readTextFileSync(`${ROOT}/lectures/${file}`)
        .matchAll(/^```text output\n([\s\S]*?)^```/gm),
    ].map((b) => b[1]).join("\n");
    const prose_ = source(file).replace(/`[^`\n]*`/g, "");
    for (const v of values) {
      const number = new RegExp(`(?<![\\d.])${v.replace(".", "\\.")}(?![\\d])`);
      if (number.test(outputs)) continue;
      assert.doesNotMatch(prose_, number, `${file} types ${v}, a value _data/ computes`);
    }
  });
}

for (const file of lectureFiles) {
  Deno.test(`lectures/${file}: no data tag is left on the page as text`, () => {
    const page = pages.find((p) => p.src.endsWith(`lectures/${file}`))!;
    // Code listings may print braces of their own; prose and inline code may not. A tag in
    // inline code stays literal (`tensor([[{{ x }}]])`), so a value belongs outside backticks.
    const html = text(output, `${page.url.slice(1)}index.html`)
      .replace(/<script[\s\S]*?<\/script>/g, "").replace(/<pre[\s\S]*?<\/pre>/g, "");
    const left = html.match(/\{\{\s+[\w$.[\]]+[^}]*\}\}/g) ?? [];
    assert.deepEqual(left, [], `${file} shows these tags instead of their values`);
  });
}

/** A version after a product's name (PyTorch 1.13, Python 3.11) is not a result. */
const VERSIONED =
  /(?:PyTorch|Python|python3?|torch|NumPy|numpy|nbformat|Jupyter|Debian|Deno|KaTeX|version|v)[\s-]?$/;
/** Numbers that only a computation gives: see the comment at the top. */
const RESULT =
  /(?<![\w.,])-?\d+(?:,\d{3})+(?![\d.])|(?<![\w.])-?\d+\.\d+(?:\s*\\?%|\s*\\times\s*10\^)?/g;
const resultLike = (n: string) =>
  /,|%|\\times/.test(n) || n.replace(/\D/g, "").replace(/^0+/, "").length >= 3;

/** Where a lecture types a result by hand, as `file:line: number`; code, tags and comments skipped. */
export function typedResults(file: string, markdown: string): string[] {
  const blank = (m: string) => m.replace(/[^\n]/g, " ");
  const text = markdown
    .replace(/^(`{3,}|~{3,})[\s\S]*?^\1/gm, blank)
    .replace(/\{\{[\s\S]*?\}\}/g, blank)
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/(`+)[^`\n][\s\S]*?\1/g, blank);
  const found: string[] = [];
  for (const m of text.matchAll(RESULT)) {
    if (!resultLike(m[0]) || VERSIONED.test(text.slice(0, m.index))) continue;
    const line = text.slice(0, m.index).split("\n").length;
    found.push(`${file}:${line}: ${m[0].trim()}`);
  }
  return found;
}

Deno.test("typedResults() finds results typed in text and formulas, not inputs, code or tags", () => {
  const page = [
    "With $\\alpha = 0.01$ and 100 epochs the factor is about 0.99067,", // 1
    "so $0.9^{100} \\approx 5.56 \\times 10^{-5}$ and $g \\approx -9.33$;", // 2
    "it shrinks by 9.3% per epoch over 1,681 cells (PyTorch 1.13, w = 1.5).", // 3
    "`w = 0.30000000000000004` and {{ lecture3.batch.factor }} are fine,", // 4
    "```text output",
    "w = 1.999944",
    "```",
    "and so is $w = {{ lecture3.batch.final }}$ at lr 0.22 or 3 \\times 10^{4}.",
  ].join("\n");
  assert.deepEqual(typedResults("p.md", page), [
    "p.md:1: 0.99067",
    "p.md:2: 5.56 \\times 10^",
    "p.md:2: -9.33",
    "p.md:3: 9.3%",
    "p.md:3: 1,681",
  ]);
});

for (const file of lectureFiles) {
  Deno.test(`lectures/${file}: no result is typed by hand, in text, formulas or percentages`, () => {
    const typed = typedResults(
      `lectures/${file}`,
      Deno.readTextFileSync(`${ROOT}/lectures/${file}`),
    );
    assert.deepEqual(
      typed,
      [],
      `compute these in _data/ with the engine and write {{ lectureN.name }} instead:\n${
        typed.join("\n")
      }`,
    );
  });
}
