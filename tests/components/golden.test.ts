/**
 * Golden files for the chart components' server render: each page of
 * `tests/fixtures/charts/` calls one component, and the figures it renders must match
 * `tests/output/charts/NAME.html`. Embedded PNG rasters are replaced by their SHA-1 so the
 * files stay readable (a changed raster still fails). On a mismatch the new render is written
 * to `NAME-changed.html`; refresh with `deno task golden`.
 */
import { assertGolden, fixture, renderSite, withIslands } from "../helpers.ts";

const SRC = fixture("charts");

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
    const actual = await normalize(withIslands(output, page));
    await assertGolden(`charts/${name}.html`, actual);
  });
}
