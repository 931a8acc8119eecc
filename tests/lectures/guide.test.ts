/**
 * The author guide as a reader walks it: the guide lists every component of `_components/`,
 * each has a page of its own in both languages with a live example and its props table, and
 * those pages lead back to the guide and on to each other in the guide's order.
 */
import assert from "node:assert/strict";
import { renderSite, ROOT } from "../helpers.ts";

const built = renderSite({ src: ROOT });
const text = (body: string | Uint8Array | undefined) =>
  body === undefined ? "" : typeof body === "string" ? body : new TextDecoder().decode(body);

/** `loss_curve/` → `LossCurve`, for every component folder with a page-facing module. */
const components = [...Deno.readDirSync(`${ROOT}/_components`)]
  .filter((e) => e.isDirectory && !e.name.startsWith("_"))
  .map((e) => e.name.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase()))
  .sort();

for (const [lang, prefix] of [["zh", ""], ["en", "en/"]]) {
  Deno.test(`guide (${lang}): every component has its own page, listed in the guide`, async () => {
    const { output } = await built;
    assert.ok(components.length >= 13, components.join());
    const guide = text(output.get(`${prefix}guide/index.html`));
    const list = [
      ...guide.matchAll(/<li><a href="\/(?:en\/)?guide\/([a-z-]+)\/"><code>(\w+)<\/code>/g),
    ]
      .map((m) => ({ slug: m[1], name: m[2] }));
    assert.deepEqual(list.map((l) => l.name).sort(), components, "the guide lists each once");

    for (const [i, { slug, name }] of list.entries()) {
      const html = text(output.get(`${prefix}guide/${slug}/index.html`));
      assert.ok(html, `${prefix}guide/${slug}/ exists`);
      assert.match(html, new RegExp(`<h1>${name}`), `${slug}: titled by the component`);
      assert.match(html, new RegExp(`aria-label="[^"]*${name}[^"]*"`), `${slug}: props table`);
      assert.match(
        html,
        new RegExp(`<p class="kicker"[^>]*><a href="/${prefix}guide/">`),
        `${slug}: leads back to the guide`,
      );
      const prev = html.match(/rel="prev" href="([^"]+)"/)?.[1];
      const next = html.match(/rel="next" href="([^"]+)"/)?.[1];
      assert.equal(prev, i > 0 ? `/${prefix}guide/${list[i - 1].slug}/` : undefined, slug);
      assert.equal(next, list[i + 1] && `/${prefix}guide/${list[i + 1].slug}/`, slug);
      // A live example: the component's own markup, not only the code that calls it.
      const chart = html.includes(`data-chart=`) || html.includes(`<table`) ||
        html.includes(`class="katex`);
      assert.ok(chart, `${slug}: a live example`);
    }
  });
}
