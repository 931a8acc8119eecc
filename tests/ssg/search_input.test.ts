/** How search reads a page: the root's text in sections, formulas as text, the excluded elements left out. */
import assert from "node:assert/strict";
import { defaults, formulaText } from "../../ssg/plugins/search.ts";
import { pageText } from "../../ssg/plugins/search_html.ts";
import { matches, parseSelector } from "../../ssg/plugins/search_selectors.ts";
import { reader } from "../../ssg/plugins/search_index.ts";
import { terms } from "../../ssg/client/search_terms.js";
import { withTimeout } from "../helpers.ts";
import { textOf } from "./search_input_worker.ts";

const page =
  `<!doctype html><html lang="zh"><head><title>T</title><link rel="stylesheet" href="/a.css"></head>
<body><header><nav>menu</nav></header><main id="main"><h1>线性模型</h1>
<p>预测 <span class="katex"><span class="katex-mathml"><math><semantics><mi>w</mi><annotation encoding="application/x-tex">\\hat{y} = x \\cdot w</annotation></semantics></math></span><span class="katex-html" aria-hidden="true"><span class="base"><span class="mord">w</span></span></span></span> 之后</p>
<pre><code><span class="hljs-keyword">import</span> numpy <span class="hljs-keyword">as</span> np</code></pre>
<p><span aria-hidden="true">hidden words</span> shown words</p></main><footer>foot</footer></body></html>`;

const read = reader(defaults.root, defaults.exclude);

Deno.test("pageText(): the root element's text, formulas as text, code text kept, hidden words left out", () => {
  const t = textOf(page);
  assert.match(t, /预测 ŷ = x · w 之后/);
  assert.match(t, /import numpy as np/);
  assert.match(t, /shown words/);
  assert.doesNotMatch(t, /hidden words|menu|foot|katex|<math|stylesheet|\bT\b/);
});

Deno.test("pageText(): sections start at headings with an id; the first h1 is the title", () => {
  const html =
    `<html lang="en"><body><nav>x</nav><main><h1 id="top">Title <a aria-hidden="true" href="#top">#</a></h1>
<p>Intro &amp; more&nbsp;text &#x4e2d;&#25991;</p><h2 id="one">One</h2><p>first</p><ul><li>a</li><li>b</li></ul>
<h3>No id</h3><p>still one</p><h2 id="two">Two <code>code</code></h2><p>second</p>
<script>var hidden = "script";</script><style>p { color: red }</style>
<div class="toc">contents</div><nav class="pager">next</nav><svg><text>chart</text><svg><text>inner</text></svg><text>after</text></svg>
<div class="code-block"><pre><code>kept()</code></pre><button>Copy</button></div><p data-search-ignore>ignored</p><p>end</p></main></body></html>`;
  const t = pageText(html, read.root, read.exclude);
  assert.equal(t.title, "Title");
  assert.deepEqual(t.sections, [
    ["top", "Title", "Intro & more text 中文"],
    ["one", "One", "first a b No id still one"],
    ["two", "Two code", "second kept() end"],
  ]);
  assert.deepEqual(t.headings, [[1, "Title", false], [2, "One", false], [3, "No id", true], [
    2,
    "Two code",
    false,
  ]]);
});

Deno.test("pageText(): a left-out element that closes as it opens hides nothing after it", () => {
  const html = `<main><p>one</p><hr aria-hidden="true"><p>two</p><svg viewBox="0 0 1 1"/>
<p>Before <img aria-hidden="true" src="x.png"> after</p>
<div class="code-block"><input type="hidden"><button>Copy</button><pre><code>code()</code></pre></div>
<svg><svg/><text>chart</text></svg><p>three</p></main>`;
  assert.equal(textOf(html), "one two Before after code() three");
});

Deno.test("pageText(): tags in any case, and a left-out element's own end tag inside a comment", () => {
  const html = `<main><p>one</p><SCRIPT>var x = "<p>no</p>";</script><p>two</p>
<DIV CLASS="toc">contents</div><div class="toc"><!-- </div> -->secret</div><P>three</P></main>`;
  assert.equal(textOf(html), "one two three");
});

Deno.test("pageText(): a tag with a stray quote is read in one pass, not by trying every split", async () => {
  // Each extra letter doubled the time a regex with a repeat inside a repeat took (7.8 s at 24).
  const html = `<main><div>\n<a ${"x".repeat(200)}'\n</div><p>after</p></main>`;
  const worker = new Worker(
    URL.createObjectURL(
      new Blob(
        [`import { textOf } from ${JSON.stringify(import.meta.resolve("./search_input_worker.ts"))};
          self.onmessage = (e) => self.postMessage(textOf(e.data));`],
        { type: "text/javascript" },
      ),
    ),
    { type: "module" },
  );
  try {
    const text = await withTimeout(
      new Promise<string>((resolve) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.postMessage(html);
      }),
      30_000,
      "reading a page with a stray quote",
    );
    assert.match(text, /after$/);
  } finally {
    worker.terminate();
  }
});

Deno.test("pageText(): a page without the root element is read from its body", () => {
  const t = pageText("<html><body><p>x &lt;y&gt;</p></body></html>", read.root, read.exclude);
  assert.deepEqual(t.sections, [["", "", "x <y>"]]);
});

Deno.test("pageText(): a fragment without a body is read whole", () => {
  const t = pageText(`<h2 id="a">均方误差</h2><p>一段 <b>文字</b></p>`, read.root, read.exclude);
  assert.deepEqual(t.sections, [["a", "均方误差", "一段 文字"]]);
});

Deno.test("pageText(): a heading the root ends before its own end tag keeps its text", () => {
  const t = pageText(
    `<main><p>x</p><h1 id="a">Title<span>!</span></main><p>out</p>`,
    read.root,
    [],
  );
  assert.deepEqual(t.sections, [["", "", "x"], ["a", "Title!", ""]]);
  assert.equal(t.title, "Title!");
});

Deno.test("pageText(): every character reference a browser knows, named or numbered", () => {
  const html =
    `<main><p>a &mdash; b&hellip; &copy; 3&times;4 &lambda;&#x3bb;&#955; &amp;amp; &nosuch;</p>
<p class="x&amp;y">z</p></main>`;
  assert.equal(textOf(html), "a — b… © 3×4 λλλ &amp; &nosuch; z");
  const t = pageText(html, read.root, [parseSelector('[class="x&y"]')]);
  assert.deepEqual(t.sections, [["", "", "a — b… © 3×4 λλλ &amp; &nosuch;"]]);
});

Deno.test("pageText(): an apostrophe in an unquoted attribute value is part of the value", () => {
  assert.equal(textOf(`<main><p title=it's>one</p><p data-x=a"b>two</p></main>`), "one two");
});

Deno.test("pageText(): a script ends at its first end tag, a <!-- inside it or not", () => {
  const html = `<main><p>one</p><script>if (a) x("<!--");</script><p>two</p><!-- -->
<script type="module">/* </SCRIPT > */</script><p>three</p></main>`;
  assert.equal(textOf(html), "one two */ three");
});

Deno.test("parseSelector(): tags, ids, classes, attributes and the two combinators; others are refused", () => {
  const stack = (...tags: string[]) =>
    tags.map((t) => {
      const [tag, source = ""] = t.split(/ (.*)/);
      return { tag, source, excluded: false };
    });
  const yes = (selector: string, ...tags: string[]) =>
    assert.ok(matches(parseSelector(selector), stack(...tags)), `${selector} matches ${tags}`);
  const no = (selector: string, ...tags: string[]) =>
    assert.ok(
      !matches(parseSelector(selector), stack(...tags)),
      `${selector} does not match ${tags}`,
    );
  yes(".code-block > button", 'div class="x code-block"', "button");
  no(".code-block > button", 'div class="code-block"', "span", "button");
  yes(".code-block button", 'div class="code-block"', "span", "button");
  yes("[aria-hidden=true]", 'span aria-hidden="true"');
  no("[aria-hidden=true]", 'span aria-hidden="false"');
  yes("[data-search-ignore]", "p data-search-ignore");
  no(".toc", 'div class="tocs"');
  yes("main#m.prose", 'main id="m" class="prose wide"');
  no("main#m.prose", 'main id="n" class="prose"');
  yes("*", "p");
  for (const bad of ["a:hover", "a + b", "a ~ b", "> a", "a >", "[x^=y]", ""]) {
    assert.throws(() => parseSelector(bad), /is not one search understands/, bad);
  }
  // A nearer div holds the span, but the one that is the section's child is further up.
  yes("section > div span", "section", "div", "div", "span");
  no("section > div span", "section", "p", "div", "span");
});

Deno.test("terms(): words lowercased, Chinese and Japanese as overlapping pairs of characters and each run's last", () => {
  assert.deepEqual(terms("梯度下降 Gradient-Descent"), [
    "梯度",
    "度下",
    "下降",
    "降",
    "gradient",
    "descent",
  ]);
  assert.deepEqual(terms("用x_1算图"), ["用", "x", "1", "算图", "图"]);
  assert.deepEqual(terms("MSE（均方误差）ŷ"), ["mse", "均方", "方误", "误差", "差", "ŷ"]);
  // The long-vowel mark is Japanese too: データ is one run, not three lone letters.
  assert.deepEqual(terms("データ"), ["デー", "ータ", "タ"]);
});

Deno.test("formulaText(tex): a formula reads as a line of text, its words kept", () => {
  assert.equal(formulaText("\\hat{y} = x \\cdot w"), "ŷ = x · w");
  assert.equal(formulaText("\\hat y - y"), "ŷ - y", "a hat without braces");
  assert.equal(
    formulaText("\\text{MSE} = \\frac{1}{N} \\sum_{n=1}^{N} (\\hat{y}_n - y_n)^2"),
    "MSE = 1/N Σ n=1^N (ŷ n - y n)^2",
  );
  assert.equal(
    formulaText("w \\leftarrow w - \\alpha \\frac{\\partial L}{\\partial w}"),
    "w ← w - α ∂ L/ ∂ w",
  );
  assert.equal(formulaText("\\left( a &lt; b \\right)"), "( a &lt; b )");
  assert.equal(
    formulaText("\\operatorname{cost}(w) \\approx 5.56 \\times 10^{-5}"),
    "cost (w) ≈ 5.56 × 10^-5",
  );
  // A font or an environment shapes the formula: its letters are what a reader types.
  assert.equal(formulaText("\\mathbb{E}[x]"), "E [x]");
  assert.equal(
    formulaText("\\begin{pmatrix} a &amp; b \\\\ c &amp; d \\end{pmatrix}"),
    "a b c d",
  );
});
