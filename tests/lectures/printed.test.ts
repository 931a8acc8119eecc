/**
 * One source for a listing and the prose: every result a lecture's listing prints (a number of
 * three significant digits or more that its code does not spell out) must be a value that the
 * lecture's `_data/lectureN.ts` computes with the engine, equal at the printed precision or
 * within a few float32 ulps (PyTorch computes in float32). Change a run's parameters in `_data/`
 * and not in the listing, or the reverse, and the printed results no longer match: this fails,
 * naming the lecture's file and line. Covers every lecture file found, with no per-lecture code.
 */
import assert from "node:assert/strict";
import { parse } from "yaml";
import { extractListings } from "../../ssg/core/listings.ts";
import { ROOT } from "../helpers.ts";

/** A printed number: not part of a word (`float32`, `x1`), maybe in e-notation. */
const NUMBER = /(?<![\w.])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?(?![\w.])/gi;

/** Significant digits of a printed number, leading and trailing zeros aside: 42.0000 has 2. */
export function significant(printed: string): number {
  const mantissa = printed.replace(/e.*$/i, "").replace(/\D/g, "");
  return mantissa.replace(/^0+/, "").replace(/0+$/, "").length;
}

/** One float32 ulp at `v`. */
const ulp32 = (v: number) =>
  v === 0 ? 2 ** -149 : 2 ** (Math.floor(Math.log2(Math.abs(Math.fround(v)))) - 23);

/**
 * Whether `printed` shows `value`: rounded to the digits printed (`4.6667` for 14/3,
 * `3.836207e+00`), or within 4 float32 ulps of it (`7.999998569488525`, PyTorch's float32).
 */
export function shows(printed: string, value: number): boolean {
  const [, decimals = "", exp = "0"] = printed.match(/^-?\d+(?:\.(\d+))?(?:e([+-]?\d+))?$/i)!;
  const half = 0.5 * 10 ** (Number(exp) - decimals.length);
  const diff = Math.abs(Number(printed) - value);
  return diff <= half * (1 + 1e-9) || diff <= 4 * ulp32(value);
}

/** Every number a data module holds, at any depth (numbers and numeric strings). */
export function numbersIn(v: unknown, out: number[] = []): number[] {
  if (typeof v === "number" && Number.isFinite(v)) out.push(v);
  else if (typeof v === "string" && /^\s*-?(\d|\.\d)/.test(v) && Number.isFinite(Number(v))) {
    out.push(Number(v));
  } else if (v && typeof v === "object") { for (const x of Object.values(v)) numbersIn(x, out); }
  return out;
}

/**
 * The printed results of a lecture's listings that none of `computed` shows, as
 * `file:line: message`.
 */
export function unmatched(file: string, markdown: string, computed: number[]): string[] {
  const problems: string[] = [];
  for (const listing of extractListings(markdown, file)) {
    if (!listing.output) continue;
    const code = [...listing.before, listing].map((l) => l.code).join("\n");
    const spelled = new Set([...code.matchAll(NUMBER)].map((m) => Number(m[0])));
    listing.output.text.split("\n").forEach((line, i) => {
      for (const [p] of line.matchAll(NUMBER)) {
        if (significant(p) < 3 || spelled.has(Number(p))) continue;
        if (computed.some((v) => shows(p, v))) continue;
        problems.push(
          `${file}:${listing.output!.line + i}: prints ${p}, which _data/ does not compute`,
        );
      }
    });
  }
  return problems;
}

Deno.test("shows(): printed digits, e-notation and float32 ulps", () => {
  assert.ok(shows("4.6667", 14 / 3));
  assert.ok(!shows("4.6668", 14 / 3));
  assert.ok(shows("3.836207e+00", 3.8362074));
  assert.ok(!shows("3.836207e+00", 3.8362084));
  assert.ok(shows("1.440578e-08", 1.4405781e-8));
  assert.ok(shows("7.999777758621207", 7.999777758621207));
  assert.ok(!shows("7.999777758621207", 7.9998));
  // PyTorch's float32 result printed by .item(), against the engine's float32 run of it.
  assert.ok(shows("7.999998569488525", Math.fround(7.999998569488525)));
  assert.ok(!shows("7.999998569488525", 7.9999999999996945 - 1e-4));
  assert.equal(significant("42.0000"), 2);
  assert.equal(significant("0.0002593"), 4);
  assert.equal(significant("1681"), 4);
});

Deno.test("unmatched(): a listing whose run drifts from _data/ is named at its output line", () => {
  const page = [
    "```python run", // 1
    "w = 1.0",
    "for epoch in range(100):",
    "    w -= 0.01 * 2 * (w - 2) * 14 / 3",
    "print('w =', round(w, 6), 'after', 100)",
    "```",
    "",
    "```text output", // 8
    "w = 1.999944 after 100",
    "```",
  ].join("\n");
  let w = 1;
  for (let e = 0; e < 100; e++) w -= 0.01 * 2 * (w - 2) * 14 / 3;
  assert.deepEqual(unmatched("p.md", page, [w]), []);
  let w50 = 1;
  for (let e = 0; e < 50; e++) w50 -= 0.01 * 2 * (w50 - 2) * 14 / 3;
  assert.deepEqual(unmatched("p.md", page, [w50, 100]), [
    "p.md:9: prints 1.999944, which _data/ does not compute",
  ]);
});

const files = [...Deno.readDirSync(`${ROOT}/lectures`)]
  .filter((e) => e.isFile && /^\d+-.*\.md$/.test(e.name))
  .map((e) => e.name).sort();

/** `_data/lectureN.ts` (or .yaml) of lecture N, or undefined. */
async function lectureData(n: number): Promise<unknown> {
  for (const ext of ["ts", "yaml", "yml", "json"]) {
    const path = `${ROOT}/_data/lecture${n}.${ext}`;
    try {
      Deno.statSync(path);
    } catch {
      continue;
    }
    return ext === "ts" ? (await import(path)).default : parse(Deno.readTextFileSync(path));
  }
}

for (const file of files) {
  const markdown = Deno.readTextFileSync(`${ROOT}/lectures/${file}`);
  if (!extractListings(markdown, file).some((l) => l.output)) continue;
  const n = Number(file.match(/^\d+/)![0]);
  Deno.test(`lectures/${file}: what its listings print is what _data/lecture${n} computes`, async () => {
    const computed = numbersIn(await lectureData(n));
    const problems = unmatched(`lectures/${file}`, markdown, computed);
    assert.equal(
      problems.join("\n"),
      "",
      `expose the engine's values in _data/lecture${n}.ts (its float32 run for a torch listing), ` +
        "with the same parameters as the listing",
    );
  });
}
