/** What the search step hands pagefind: the page's language and text, formulas as plain text. */
import assert from "node:assert/strict";
import { formulaText, searchable } from "../../ssg/plugins/search.ts";

const page =
  `<!doctype html><html lang="zh"><head><title>T</title><link rel="stylesheet" href="/a.css"></head>
<body><header><nav>menu</nav></header><main id="main"><h1>线性模型</h1>
<p>预测 <span class="katex"><span class="katex-mathml"><math><semantics><mi>w</mi><annotation encoding="application/x-tex">\\hat{y} = x \\cdot w</annotation></semantics></math></span><span class="katex-html" aria-hidden="true"><span class="base"><span class="mord">w</span></span></span></span> 之后</p>
<pre><code><span class="hljs-keyword">import</span> numpy <span class="hljs-keyword">as</span> np</code></pre>
<p><span aria-hidden="true">hidden words</span> shown words</p></main><footer>foot</footer></body></html>`;

Deno.test("searchable(html, root): the root element and html lang, formulas as text, code text kept", () => {
  const out = searchable(page, "main");
  assert.match(out, /^<!doctype html><html lang="zh"><body><main id="main">/);
  assert.doesNotMatch(out, /katex|<math|menu|foot|stylesheet/);
  assert.match(out, /预测 <span class="formula">ŷ = x · w<\/span> 之后/);
  assert.match(out, /<code>import numpy as np<\/code>/);
  assert.match(out, /<span aria-hidden="true">hidden words<\/span> shown words/);
});

Deno.test("searchable(html, root): a page without the root, or a complex selector, is passed whole", () => {
  assert.equal(
    searchable("<html><body><p>x</p></body></html>", "main"),
    "<html><body><p>x</p></body></html>",
  );
  assert.equal(searchable(page, "main.prose"), page);
  assert.match(searchable(page, "main", false), /<math><semantics><mi>w<\/mi>/, "formulas kept");
});

Deno.test("formulaText(tex): a formula reads as a line of text, its words kept", () => {
  assert.equal(formulaText("\\hat{y} = x \\cdot w"), "ŷ = x · w");
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
