import { type ComponentContext, type PropsDeclaration, PropsError } from "../../ssg/mod.ts";
import { captionProp } from "../_chart/data.ts";
import { r2 } from "../_chart/frame.ts";
import { esc } from "../_chart/svg.ts";

/** Props of `comp.DigitImages`. */
export const props = {
  samples: {
    type: "object[]",
    zh:
      "要画的图片：每个 `{ pixels, label, predicted, p }`，pixels 是 64 个 0–16 的灰度（8 × 8，逐行），p 是 10 个类别的概率",
    description:
      "the images: each `{ pixels, label, predicted, p }`, pixels 64 grey levels 0–16 (8 × 8, row by row), p the 10 classes' probabilities",
  },
  caption: captionProp,
} satisfies PropsDeclaration;

interface Sample {
  pixels: number[];
  label: number;
  predicted: number;
  p: number[];
}

const WORDS = {
  zh: {
    truth: "真实",
    guess: "预测",
    alt: (s: Sample) =>
      `8×8 手写数字，真实类别 ${s.label}，网络预测 ${s.predicted}（概率 ${
        s.p[s.predicted].toFixed(2)
      }）`,
  },
  en: {
    truth: "true",
    guess: "predicted",
    alt: (s: Sample) =>
      `8×8 handwritten digit, true class ${s.label}, predicted ${s.predicted} (probability ${
        s.p[s.predicted].toFixed(2)
      })`,
  },
};

function check(samples: Record<string, unknown>[]): Sample[] {
  return samples.map((s, i) => {
    const bad = (what: string) =>
      new PropsError(`prop "samples": samples[${i}] ${what}`, "samples");
    const numbers = (v: unknown, n: number, lo: number, hi: number) =>
      Array.isArray(v) && v.length === n &&
      v.every((x) => typeof x === "number" && x >= lo && x <= hi);
    if (!numbers(s.pixels, 64, 0, 16)) throw bad("needs pixels: 64 numbers from 0 to 16");
    if (!numbers(s.p, 10, 0, 1)) throw bad("needs p: 10 probabilities");
    for (const k of ["label", "predicted"]) {
      const v = s[k];
      if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 9) {
        throw bad(`needs ${k}: a digit 0–9`);
      }
    }
    return s as unknown as Sample;
  });
}

const CELL = 10, W = 8 * CELL;
const BARS = { top: 90, height: 34, label: 136 };

/** One digit: its 8 × 8 pixels and, under them, the network's ten probabilities as bars. */
function digit(s: Sample, lang: string): string {
  const t = lang === "en" ? WORDS.en : WORDS.zh;
  const cells = s.pixels.map((v, k) =>
    v === 0
      ? ""
      : `<rect x="${(k % 8) * CELL}" y="${
        Math.floor(k / 8) * CELL
      }" width="${CELL}" height="${CELL}" fill-opacity="${r2(v / 16)}"/>`
  ).join("");
  const bw = W / 10;
  const bars = s.p.map((p, c) => {
    const h = Math.max(0.5, p * BARS.height);
    const cls = c === s.predicted ? (c === s.label ? "right" : "wrong") : "";
    // The true class of a wrong prediction: an outline of the whole bar's height, visible
    // however little probability the network gave it.
    const slot = c === s.label && c !== s.predicted
      ? `<rect class="slot" x="${r2(c * bw + 0.4)}" y="${BARS.top}" width="${
        r2(bw - 0.8)
      }" height="${BARS.height}"/>`
      : "";
    return `${slot}<rect class="bar ${cls}" x="${r2(c * bw + 0.8)}" y="${
      r2(BARS.top + BARS.height - h)
    }" width="${r2(bw - 1.6)}" height="${r2(h)}"/><text x="${
      r2((c + 0.5) * bw)
    }" y="${BARS.label}" text-anchor="middle"${c === s.label ? ' class="truth"' : ""}>${c}</text>`;
  }).join("");
  const ok = s.label === s.predicted;
  return `<li class="${ok ? "right" : "wrong"}"><svg viewBox="-2 -2 ${
    W + 4
  } 142" role="img" aria-label="${
    esc(t.alt(s))
  }"><rect class="paper" x="0" y="0" width="${W}" height="${W}"/><g class="ink">${cells}</g>${bars}</svg>` +
    `<span>${esc(t.truth)} ${s.label} · ${esc(t.guess)} ${s.predicted} <span class="p">(${
      s.p[s.predicted].toFixed(2)
    })</span>${ok ? "" : " ✗"}</span></li>`;
}

/**
 * A row of 8 × 8 digit images, each with the ten probabilities a network gives it (the bar of
 * the predicted class marked, green when right, red when wrong; the true class of a wrong one
 * outlined, its digit in bold). Server-rendered only.
 *
 * `{{ comp.DigitImages({ samples: lecture9.digits.shown }) }}`
 */
export default function DigitImages(
  p: { samples: Record<string, unknown>[]; caption?: string },
  ctx: ComponentContext,
): string {
  const samples = check(p.samples);
  return `<figure class="digit-images" id="${ctx.id}"><ol>${
    samples.map((s) => digit(s, ctx.page.lang)).join("")
  }</ol>${p.caption ? `<figcaption>${esc(p.caption)}</figcaption>` : ""}</figure>`;
}
