/** Data islands: JSON that no string inside can break out of. */
import assert from "node:assert/strict";
import { esc, island } from "../../_components/_chart/svg.ts";

Deno.test("island(data) keeps </script>, <!-- and line separators from closing or changing the script", () => {
  const data = {
    label: "</script><script>alert(1)</script>",
    note: "<!-- x -->",
    sep: "a\u2028b&c",
  };
  const html = island(data);
  const body = html.slice(html.indexOf(">") + 1, html.lastIndexOf("</script>"));
  assert.doesNotMatch(body, /<|>|\u2028/);
  assert.equal(html.match(/<\/script>/g)!.length, 1, "only the island's own end tag");
  assert.deepEqual(JSON.parse(body), data, "and it still parses back to the same data");
  assert.match(html, /^<script type="application\/json" class="chart-data">/);
});

Deno.test("esc(text) escapes what could open a tag or end an attribute", () => {
  assert.equal(esc(`<a href="x">&</a>`), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
});
