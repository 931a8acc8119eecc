import assert from "node:assert/strict";
import { SiteError } from "../../ssg/core/errors.ts";
import highlight from "../../ssg/plugins/highlight.ts";
import markdown, { extendMarkdown, slugify } from "../../ssg/plugins/markdown.ts";
import math from "../../ssg/plugins/math.ts";
import type { MarkdownEnv } from "../../ssg/core/render.ts";
import type { PluginWithParams } from "markdown-it";
import { Site } from "../../ssg/core/site.ts";

const slugs: Array<[string, string]> = [
  ["线性 模型", "线性-模型"],
  ["线性模型", "线性模型"],
  ["2.1 线性模型", "21-线性模型"],
  ["Gradient Descent", "gradient-descent"],
  ["  Loss   & Accuracy!  ", "loss-accuracy"],
  ["损失函数（MSE）", "损失函数mse"],
  ["Ｆｕｌｌｗｉｄｔｈ １２", "fullwidth-12"],
  ["snake_case and-dash", "snake_case-and-dash"],
  ["Ünïcödé Straße", "ünïcödé-straße"],
  ["日本語とEnglish", "日本語とenglish"],
  ["$y = wx$", "y-wx"],
  ["!!!", "section"],
  ["", "section"],
];
for (const [text, slug] of slugs) {
  Deno.test(`slugify(${JSON.stringify(text)}) is "${slug}"`, () => {
    assert.equal(slugify(text), slug);
  });
}

const site = new Site({}, "/nowhere").use(markdown()).use(math()).use(highlight());
await site.prepareRender();

function renderMd(source: string, lang = "zh") {
  const env: MarkdownEnv = { file: "p.md", source, bodyLine: 1, lang, assets: new Set() };
  const html = site.markdown!.render(source, env);
  return { html, env };
}

Deno.test("markdown() gives headings Unicode ids, a # permalink and a TOC of h2/h3", () => {
  const { html, env } = renderMd("# Title\n\n## 线性 模型\n\n### 损失 `mse`\n\n#### Deep\n");
  assert.match(
    html,
    /<h2 id="线性-模型" tabindex="-1">线性 模型 <a class="anchor" href="#线性-模型"/,
  );
  assert.match(html, /<h4 id="deep"/);
  assert.deepEqual(env.toc, [
    { level: 2, id: "线性-模型", text: "线性 模型" },
    { level: 3, id: "损失-mse", text: "损失 mse" },
  ]);
});

Deno.test("markdown() makes repeated headings' ids unique", () => {
  const { env } = renderMd("## A\n\n## A\n");
  const ids = env.toc!.map((t) => t.id);
  assert.equal(new Set(ids).size, 2, `ids: ${ids}`);
});

Deno.test("math() keeps _ and * inside inline math away from emphasis", () => {
  const { html, env } = renderMd("Both $a_1 * b_2$ and $x_{i}^*$ in one line, _real_ emphasis.\n");
  assert.equal((html.match(/class="katex"/g) ?? []).length, 2);
  assert.match(html, /<annotation encoding="application\/x-tex">a_1 \* b_2<\/annotation>/);
  assert.match(html, /<annotation encoding="application\/x-tex">x_\{i\}\^\*<\/annotation>/);
  assert.match(html, /<em>real<\/em>/);
  assert.equal((html.match(/<em>/g) ?? []).length, 1, "only the real emphasis");
  assert.ok(env.assets.has("assets/katex/katex.min.css"), "the page asks for KaTeX CSS");
});

Deno.test("math() renders $$…$$ as display math and keeps \\\\ row breaks", () => {
  const { html } = renderMd("$$\n\\begin{aligned} a &= 1 \\\\ b &= 2 \\end{aligned}\n$$\n");
  assert.match(html, /<div class="math-display"><span class="katex-display">/);
  assert.match(html, /a &amp;= 1 \\\\ b &amp;= 2/);
});

Deno.test("math() leaves pages without formulas free of KaTeX CSS", () => {
  const { env } = renderMd("Costs 5 dollars, not $5.\n");
  assert.equal(env.assets.size, 0);
});

Deno.test("math() throws a SiteError on the formula's line for bad TeX", () => {
  const source = "Line one.\n\nLine three with $\\frac{1}{$ bad.\n";
  assert.throws(() => renderMd(source), (e) => {
    assert.ok(e instanceof SiteError);
    assert.equal(e.location.file, "p.md");
    assert.equal(e.location.line, 3);
    assert.match(e.message, /^bad TeX: /);
    return true;
  });
});

Deno.test("highlight() highlights Python and adds a hidden copy button labelled per language", () => {
  const code = "```python\ndef f(x):\n    return x * 2\n```\n";
  const zh = renderMd(code, "zh").html;
  assert.match(zh, /<button type="button" class="copy" hidden>复制<\/button>/);
  assert.match(zh, /<span class="hljs-keyword">def<\/span>/);
  assert.match(zh, /\n {4}<span class="hljs-keyword">return<\/span> x \* /, "indentation kept");
  assert.match(renderMd(code, "en").html, />Copy<\/button>/);
});

Deno.test("highlight() leaves an unknown language as escaped plain text", () => {
  const { html } = renderMd("```nosuchlang\n<b>x</b>\n```\n");
  assert.match(html, /<code class="language-nosuchlang">&lt;b&gt;x&lt;\/b&gt;/);
});

Deno.test("markdown({ plugins }) adds markdown-it plugins, with their options, where pages render", async () => {
  const shout: PluginWithParams = (md, mark = "!") => {
    md.core.ruler.push("shout", (state) => {
      for (const t of state.tokens) {
        for (const c of t.children ?? []) if (c.type === "text") c.content += mark;
      }
    });
  };
  const plain = new Site({}, "/nowhere").use(markdown({ plugins: [shout] }));
  const marked = new Site({}, "/nowhere").use(markdown({ plugins: [[shout, "？"]] }))
    // A plugin of the site's own adds to the parser the same way the generator's do.
    .use((s) => extendMarkdown(s, "mine", (md) => md.use(shout, "#")));
  assert.equal(plain.markdown, undefined, "no parser until pages render");
  await plain.prepareRender();
  await marked.prepareRender();
  const env = (): MarkdownEnv => ({
    file: "p.md",
    source: "",
    bodyLine: 1,
    lang: "zh",
    assets: new Set(),
  });
  assert.equal(plain.markdown!.render("损失", env()), "<p>损失!</p>\n");
  assert.equal(marked.markdown!.render("损失", env()), "<p>损失？#</p>\n");
});

Deno.test("extendMarkdown(site, plugin) names the plugin when markdown() is missing", () => {
  assert.throws(
    () => extendMarkdown(new Site({}, "/nowhere"), "math", () => {}),
    /math: needs the markdown plugin/,
  );
  assert.throws(() => new Site({}, "/nowhere").use(math()), /math: needs the markdown plugin/);
});

Deno.test("emphasis works beside Chinese punctuation: 也叫**代价：**它是", () => {
  const { html } = renderMd("也叫**代价：**它是，*“损失”*也行。");
  assert.match(html, /也叫<strong>代价：<\/strong>它是，<em>“损失”<\/em>也行。/);
});

Deno.test("a line break between Chinese characters is dropped; elsewhere it stays", () => {
  const { html } = renderMd("损失函数\n衡量预测\nand English\nwords，中文");
  assert.match(html, /损失函数衡量预测\nand English\nwords，中文/);
});

Deno.test("line breaks around an inline formula between Chinese lines neither crash nor miscount", () => {
  const { html } = renderMd("第一行\n$x$\n第三行\n第四行");
  assert.match(html, /第一行\n?<span class="katex">/);
  assert.match(html, /第三行第四行/);
  const bad = (() => {
    try {
      renderMd("第一行\n第二行\n第三行 $\\oops$");
    } catch (e) {
      return e as SiteError;
    }
  })();
  assert.ok(bad instanceof SiteError);
  assert.equal(bad.location.line, 3);
});
