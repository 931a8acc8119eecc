/**
 * Golden files for the chart components' server render: each page of
 * `tests/fixtures/charts/` calls one component, and the figures it renders must match
 * `tests/output/charts/NAME.html`. Embedded PNG rasters are replaced by their SHA-1 so the
 * files stay readable (a changed raster still fails). On a mismatch the new render is written
 * to `NAME-changed.html`; refresh with `deno task golden`.
 */
import assert from "node:assert/strict";
import { fixture, renderSite, ROOT, text } from "../helpers.ts";

const SRC = fixture("charts");
const GOLDEN = `${ROOT}/tests/output/charts`;
const update = Deno.env.get("UPDATE_GOLDEN") === "1";

async function sha1(s: string): Promise<string> {
  const hash = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(s));
  return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The page's content between its title and the pager, one tag per line, rasters hashed. */
async function normalize(html: string): Promise<string> {
  const body = html.slice(
    html.indexOf("</header>", html.indexOf('class="lecture-title"')) + 9,
    html.indexOf('<nav class="pager"'),
  );
  let out = body.trim().replace(/>\s*</g, ">\n<");
  for (const m of out.matchAll(/data:image\/png;base64,([A-Za-z0-9+/=]+)/g)) {
    out = out.replace(m[0], `data:image/png;sha1,${await sha1(m[1])}`);
  }
  return out + "\n";
}

const names = [...Deno.readDirSync(SRC)].filter((e) => e.name.endsWith(".md"))
  .map((e) => e.name.slice(0, -3)).sort();
const { output } = await renderSite({ src: SRC });

for (const name of names) {
  Deno.test(`chart golden: ${name}.md renders as tests/output/charts/${name}.html`, async () => {
    const page = [...output.keys()].find((k) => k.endsWith(`${name}/index.html`))!;
    const actual = await normalize(text(output, page));
    const golden = `${GOLDEN}/${name}.html`, changed = `${GOLDEN}/${name}-changed.html`;
    if (update) {
      await Deno.mkdir(GOLDEN, { recursive: true });
      await Deno.writeTextFile(golden, actual);
      await Deno.remove(changed).catch(() => {});
      return;
    }
    const expected = await Deno.readTextFile(golden).catch(() => "");
    if (actual !== expected) {
      await Deno.writeTextFile(changed, actual);
      assert.fail(
        `${name}.md no longer renders as its golden; diff tests/output/charts/${name}-changed.html ` +
          `against ${name}.html and run deno task golden if the change is right`,
      );
    }
    await Deno.remove(changed).catch(() => {});
  });
}
