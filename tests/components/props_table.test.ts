/** PropsTable documents a component from its own props declaration. */
import assert from "node:assert/strict";
import { props as lossCurveProps } from "../../_components/loss_curve/mod.ts";
import { renderSite, tempDir, text } from "../helpers.ts";

Deno.test("comp.PropsTable({ component }) lists every declared prop with its type, default and description", async () => {
  await using tmp = await tempDir();
  await Deno.writeTextFile(
    `${tmp.path}/page.md`,
    '---\ntitle: Props\nlang: en\n---\n\n{{ comp.PropsTable({ component: "LossCurve" }) }}\n',
  );
  const { output } = await renderSite({ src: tmp.path });
  const html = text(output, "en/page/index.html");
  const rows = [...html.matchAll(/<tr><td><code>(\w+)<\/code><\/td>/g)].map((m) => m[1]);
  assert.deepEqual(rows, Object.keys(lossCurveProps));
  assert.match(
    html,
    /<code>axis<\/code><\/td><td data-label="Default"><code>\{ start: 0, stop: 4\.1, step: 0\.1 \}<\/code>/,
  );
  assert.match(html, /<th scope="col">Default<\/th>/);
  assert.ok(html.includes("intercept of the model ŷ = x·w + b"));
});

Deno.test("comp.PropsTable names an unknown component at the call", async () => {
  await using tmp = await tempDir();
  await Deno.writeTextFile(
    `${tmp.path}/page.md`,
    '---\ntitle: P\n---\n\n{{ comp.PropsTable({ component: "LossCurv" }) }}\n',
  );
  await assert.rejects(
    () => renderSite({ src: tmp.path }),
    /comp\.PropsTable: no component "LossCurv"/,
  );
});

Deno.test("comp.PropsTable on a Chinese page describes the props in Chinese", async () => {
  await using tmp = await tempDir();
  await Deno.writeTextFile(
    `${tmp.path}/page.md`,
    '---\ntitle: 属性\n---\n\n{{ comp.PropsTable({ component: "LossCurve" }) }}\n',
  );
  const html = text((await renderSite({ src: tmp.path })).output, "page/index.html");
  assert.ok(html.includes("模型 ŷ = x·w + b 的偏置"), "b's description in Chinese");
  assert.match(html, /<th scope="col">默认值<\/th>/);
  assert.ok(!html.includes("intercept of the model"));
});
