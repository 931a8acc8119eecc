import { arange, mse } from "../../engine/mod.ts";
import type { ComponentContext, PropsDeclaration } from "../../ssg/mod.ts";
import { chartData, type ChartDataProps, dataProps } from "../_chart/data.ts";
import { fmt, fmtAxis } from "../_chart/format.ts";
import { esc } from "../_chart/svg.ts";

/** Props of `comp.ReshapeGrid`. */
export const props = {
  data: dataProps.data,
  x: dataProps.x,
  y: dataProps.y,
  w: {
    type: "axis",
    default: { start: 0, stop: 4, step: 1 },
    zh: "w 的取值（网格的列），一条短坐标轴",
    description: "the w values (columns of the grid), a short axis",
  },
  b: {
    type: "axis",
    default: { start: 0, stop: 3, step: 1 },
    zh: "b 的取值（网格的行），一条短坐标轴",
    description: "the b values (rows of the grid), a short axis",
  },
  loop: {
    type: "string",
    default: "b-outer",
    oneOf: ["b-outer", "w-outer"],
    zh: '扁平列表的填充顺序："b-outer"（正确）或 "w-outer"（被转置）',
    description:
      'the order the flat list was filled in: "b-outer" (right) or "w-outer" (transposed)',
  },
} satisfies PropsDeclaration;

interface Props extends Omit<ChartDataProps, "group"> {
  w: { start: number; stop: number; step: number };
  b: { start: number; stop: number; step: number };
  loop: "b-outer" | "w-outer";
}

const words = {
  zh: {
    flat: (loop: string) =>
      `扁平列表（${loop === "b-outer" ? "外层循环 b、内层循环 w" : "外层循环 w、内层循环 b"}）`,
    grid: "reshape(len(b), len(w)) 之后（第 0 行在上）：行是 b，列是 w",
    ok: "每个值都落在它自己的 (w, b) 位置上。",
    bad: (n: number, total: number) => `${total} 个值中有 ${n} 个落在了别人的位置上。`,
    hint: "把指针移到列表或网格的某一格上，看看它去了哪里。",
    at: "位置",
    holds: "装的是",
  },
  en: {
    flat: (loop: string) =>
      `Flat list (${
        loop === "b-outer" ? "outer loop b, inner loop w" : "outer loop w, inner loop b"
      })`,
    grid: "After reshape(len(b), len(w)) (row 0 on top): rows are b, columns are w",
    ok: "Every value lands at its own (w, b).",
    bad: (n: number, total: number) => `${n} of ${total} values land at someone else's (w, b).`,
    hint: "Point at a cell of the list or the grid to see where it goes.",
    at: "position",
    holds: "holds",
  },
};

/**
 * How `mse.reshape(len(b), len(w))` fills a grid row by row from a flat list, for a list
 * filled b-outer (every value lands at its own (w, b)) or w-outer (the course's pitfall: the
 * values land transposed). Hovering a cell of the list or the grid highlights its partner.
 *
 * `{{ comp.ReshapeGrid({ data: "affine", loop: "w-outer" }) }}`
 */
export default function ReshapeGrid(p: Props, ctx: ComponentContext): string {
  const t = ctx.page.lang === "en" ? words.en : words.zh;
  const data = chartData({ ...p, group: undefined }, ctx);
  const ws = Array.from(arange(p.w.start, p.w.stop, p.w.step));
  const bs = Array.from(arange(p.b.start, p.b.stop, p.b.step));
  if (ws.length * bs.length > 64) {
    throw new RangeError(
      `the grid has ${ws.length * bs.length} cells; an illustration shows at most 64`,
    );
  }
  // The flat list in loop order: each entry remembers which (w, b) it was computed for.
  const flat: Array<{ w: number; b: number; mse: number }> = [];
  const outer = p.loop === "b-outer" ? bs : ws, inner = p.loop === "b-outer" ? ws : bs;
  for (const o of outer) {
    for (const i of inner) {
      const [w, b] = p.loop === "b-outer" ? [i, o] : [o, i];
      flat.push({ w, b, mse: mse(data, w, b) });
    }
  }
  const pair = (w: number, b: number) => `(${fmtAxis(w)}, ${fmtAxis(b)})`;
  let wrong = 0;
  const list = flat.map((f, k) =>
    `<li data-k="${k}" title="${
      esc(`${k}: w, b = ${pair(f.w, f.b)}, MSE = ${fmt(f.mse)}`)
    }"><span class="k">${k}</span><span class="wb">${pair(f.w, f.b)}</span></li>`
  ).join("");
  const rows = bs.map((b, i) =>
    `<tr><th scope="row">b = ${fmtAxis(b)}</th>${
      ws.map((w, j) => {
        const k = i * ws.length + j, f = flat[k];
        const ok = f.w === w && f.b === b;
        if (!ok) wrong++;
        return `<td data-k="${k}" class="${ok ? "ok" : "bad"}" title="${
          esc(`${t.at} ${pair(w, b)} ${t.holds} ${pair(f.w, f.b)}`)
        }"><span class="k">${k}</span><span class="wb">${pair(f.w, f.b)}</span></td>`;
      }).join("")
    }</tr>`
  ).join("");
  const head = ws.map((w) => `<th scope="col">w = ${fmtAxis(w)}</th>`).join("");
  return `<figure class="reshape-grid" data-chart="reshape-grid" id="${ctx.id}">` +
    `<p class="reshape-label">${esc(t.flat(p.loop))}</p><ol class="flat" start="0">${list}</ol>` +
    `<p class="reshape-label">${
      esc(t.grid)
    }</p><div class="table-scroll" tabindex="0" role="region" aria-label="${
      esc(`${t.grid} · ${t.flat(p.loop)}`)
    }"><table><thead><tr><td></td>${head}</tr></thead><tbody>${rows}</tbody></table></div>` +
    `<figcaption>${esc(wrong ? t.bad(wrong, flat.length) : t.ok)} <span class="hint">${
      esc(t.hint)
    }</span></figcaption></figure>`;
}
