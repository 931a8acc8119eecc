import assert from "node:assert/strict";
import { lineColumn, SiteError, toSiteError } from "../../ssg/core/errors.ts";

const positions: Array<[string, number, { line: number; column: number }]> = [
  ["abc", 0, { line: 1, column: 1 }],
  ["abc", 2, { line: 1, column: 3 }],
  ["ab\ncd", 3, { line: 2, column: 1 }],
  ["ab\ncd\nef", 7, { line: 3, column: 2 }],
  ["线性\n模型", 4, { line: 2, column: 2 }],
  ["a\n", 2, { line: 2, column: 1 }],
];
for (const [source, offset, expected] of positions) {
  Deno.test(`lineColumn(${JSON.stringify(source)}, ${offset})`, () => {
    assert.deepEqual(lineColumn(source, offset), expected);
  });
}

const wheres: Array<[ConstructorParameters<typeof SiteError>[1], string]> = [
  [{ file: "a.md", line: 3, column: 5 }, "a.md:3:5"],
  [{ file: "a.md", line: 3 }, "a.md:3:1"],
  [{ file: "a.md" }, "a.md"],
];
for (const [location, where] of wheres) {
  Deno.test(`new SiteError(msg, ${JSON.stringify(location)}).where is ${where}`, () => {
    assert.equal(new SiteError("m", location).where, where);
  });
}

Deno.test("SiteError.format() prints where, message, up to three source lines and a caret", () => {
  const source = "one\ntwo\nthree\nfour $\\bad$\nfive";
  const e = new SiteError("bad TeX", { file: "p.md", line: 4, column: 6, source });
  assert.equal(
    e.format(),
    [
      "p.md:4:6: bad TeX",
      " 2 | two",
      " 3 | three",
      " 4 | four $\\bad$",
      "   |      ^",
    ].join("\n"),
  );
});

Deno.test("SiteError.excerpt() pads line numbers to the widest one", () => {
  const source = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join("\n");
  const e = new SiteError("m", { file: "p.md", line: 10, column: 1, source });
  assert.equal(e.excerpt(), "  8 | line 8\n  9 | line 9\n 10 | line 10\n    | ^");
});

Deno.test("SiteError.format() without source or line is just where and message", () => {
  assert.equal(new SiteError("broken", { file: "x.ts" }).format(), "x.ts: broken");
  assert.equal(new SiteError("m", { file: "x", line: 1, source: "a" }).excerpt(), " 1 | a\n   | ^");
});

Deno.test("toSiteError(error, file) keeps the cause and an existing location", () => {
  const plain = new Error("boom");
  const wrapped = toSiteError(plain, "a.md", "src");
  assert.ok(wrapped instanceof SiteError);
  assert.equal(wrapped.message, "boom");
  assert.equal(wrapped.where, "a.md");
  assert.equal(wrapped.cause, plain);
  const located = new SiteError("m", { file: "b.md", line: 2 });
  assert.equal(toSiteError(located, "a.md"), located);
  assert.equal(toSiteError("text", "a.md").message, "text");
});

Deno.test("SiteError.excerpt() puts the caret under the column past Chinese (two-column) characters", () => {
  const source = "预测值 $\\hat{y}}$ 与真实值";
  const error = new SiteError("bad TeX", { file: "a.md", line: 1, column: 13, source });
  const [code, caret] = error.excerpt().split("\n");
  const display = (s: string) => s.replace(/[\u4e00-\u9fff]/g, "  ");
  // Column 13 is the stray `}`: in terminal columns it sits where the caret is.
  assert.equal(display(code).indexOf("}}") + 1, caret.indexOf("^"));
});
