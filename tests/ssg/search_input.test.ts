/** What the search step hands pagefind: the page's language and text, without formula markup. */
import assert from "node:assert/strict";
import { searchable } from "../../ssg/plugins/search.ts";

const page =
  `<!doctype html><html lang="zh"><head><title>T</title><link rel="stylesheet" href="/a.css"></head>
<body><header><nav>menu</nav></header><main id="main"><h1>线性模型</h1>
<p>预测 <span class="katex"><span class="katex-mathml"><math><mi>w</mi></math></span><span class="katex-html" aria-hidden="true"><span class="base"><span class="mord">w</span></span></span></span> 之后</p>
<pre><code><span class="hljs-keyword">import</span> numpy <span class="hljs-keyword">as</span> np</code></pre>
<p><span aria-hidden="true">hidden words</span> shown words</p></main><footer>foot</footer></body></html>`;

Deno.test("searchable(html, root): the root element and html lang, formulas out, code text kept", () => {
  const out = searchable(page, "main");
  assert.match(out, /^<!doctype html><html lang="zh"><body><main id="main">/);
  assert.doesNotMatch(out, /katex|<math|menu|foot|stylesheet/);
  assert.match(out, /预测 {2}之后/);
  assert.match(out, /<code>import numpy as np<\/code>/);
  assert.match(out, /<span aria-hidden="true">hidden words<\/span> shown words/);
});

Deno.test("searchable(html, root): a page without the root, or a complex selector, is passed whole", () => {
  assert.equal(
    searchable("<html><body><p>x</p></body></html>", "main"),
    "<html><body><p>x</p></body></html>",
  );
  assert.equal(searchable(page, "main.prose"), page);
  assert.match(searchable(page, "main", false), /<math><mi>w<\/mi><\/math>/, "formulas kept");
});
