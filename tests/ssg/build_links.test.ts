/**
 * Link integrity of a build under a sub-path (`--location https://example.org/course/`)
 * and self-containedness: the site loads nothing from other hosts.
 */
import assert from "node:assert/strict";
import { buildSite, fixture, listFiles } from "../helpers.ts";

const ORIGIN = "https://example.org";
const BASE = "/course/";

const sites = await Promise.all([
  buildSite({ src: fixture("sites", "basic"), location: `${ORIGIN}${BASE}` }),
  buildSite({ src: fixture("sites", "components"), location: `${ORIGIN}${BASE}` }),
]);

/** URL of an output file: `a/index.html` → `/course/a/`. */
function urlOf(file: string): string {
  return BASE + file.replace(/(^|\/)index\.html$/, "$1");
}

/** Output file a same-origin URL path serves, or null if it is outside the base path. */
function fileOf(pathname: string): string | null {
  const path = decodeURIComponent(pathname);
  if (!path.startsWith(BASE)) return null;
  const rel = path.slice(BASE.length);
  return rel === "" || rel.endsWith("/") ? rel + "index.html" : rel;
}

/** URL-valued attributes of HTML, with the tag they sit on. */
function htmlRefs(html: string): Array<{ tag: string; attr: string; value: string }> {
  const refs = [];
  for (const tag of html.matchAll(/<([a-zA-Z][\w-]*)\s[^>]*>/g)) {
    for (const a of tag[0].matchAll(/\s(href|src|srcset|poster|action|data)="([^"]*)"/g)) {
      const values = a[1] === "srcset"
        ? a[2].split(",").map((s) => s.trim().split(/\s+/)[0])
        : [a[2]];
      for (const value of values) refs.push({ tag: tag[0], attr: a[1], value });
    }
  }
  return refs;
}

const cssRefs = (css: string) =>
  [...css.matchAll(/url\(\s*(["']?)([^"')]+)\1\s*\)|@import\s+["']([^"']+)["']/g)]
    .map((m) => m[2] ?? m[3]);

const ids = (html: string) => new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]));

for (const [name, site] of [["basic", sites[0]], ["components", sites[1]]] as const) {
  Deno.test(`build --location ${ORIGIN}${BASE} (${name}): every internal href/src resolves to a file under ${BASE}`, async () => {
    const files = new Set(await listFiles(site.dest));
    const problems: string[] = [];
    let checked = 0;
    for (const file of files) {
      const isHtml = file.endsWith(".html");
      if (!isHtml && !file.endsWith(".css")) continue;
      const body = Deno.readTextFileSync(`${site.dest}/${file}`);
      const refs = isHtml ? htmlRefs(body).map((r) => r.value) : cssRefs(body);
      const base = new URL(urlOf(file), ORIGIN);
      for (const value of refs) {
        if (/^(mailto:|data:|javascript:)/.test(value)) continue;
        const url = new URL(value, base);
        if (url.origin !== ORIGIN) continue; // links to other sites: see the test below
        checked++;
        if (file === "404.html" && !value.startsWith("/") && !value.startsWith("#")) {
          problems.push(`${file}: "${value}" is relative, but 404.html is served at any path`);
        }
        const target = fileOf(url.pathname);
        if (target === null) {
          problems.push(`${file}: "${value}" points outside ${BASE}`);
        } else if (!files.has(target)) {
          problems.push(`${file}: "${value}" → ${target}, which is not in the output`);
        } else if (url.hash && target.endsWith(".html")) {
          const id = decodeURIComponent(url.hash.slice(1));
          const page = Deno.readTextFileSync(`${site.dest}/${target}`);
          if (!ids(page).has(id)) problems.push(`${file}: "${value}" → no id="${id}"`);
        }
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(checked > 50, `checked ${checked} links`);
  });
}

Deno.test(`build --location ${ORIGIN}${BASE}: root-relative links in Markdown get the base path`, () => {
  const html = Deno.readTextFileSync(`${sites[0].dest}/01-intro/index.html`);
  assert.match(html, /<img src="\/course\/diagram.svg" alt="示意图">/);
  assert.match(html, /<a href="\/course\/05-later\/">后来<\/a>/);
  assert.match(html, /<a class="brand" href="\/course\/">/);
  assert.match(
    Deno.readTextFileSync(`${sites[0].dest}/sitemap.xml`),
    /<loc>https:\/\/example.org\/course\/01-intro\/<\/loc>/,
  );
});

/**
 * What may name another host: `<a href>` (the reader chooses to follow it),
 * `<link rel="alternate"|"canonical">` (metadata, never fetched by the page),
 * `xmlns` attributes (names, not fetched) and `sitemap.xml` (read by crawlers).
 * Everything a page loads — `src`, `srcset`, `poster`, `data`, other `<link href>`,
 * CSS `url()` and `@import`, JS `import`/`fetch` — must be local.
 */
for (const [name, site] of [["basic", sites[0]], ["components", sites[1]]] as const) {
  Deno.test(`build (${name}): pages load no script, style, font or image from another host`, async () => {
    const problems: string[] = [];
    let externalLinks = 0;
    for (const file of await listFiles(site.dest)) {
      if (file === "sitemap.xml" || !/\.(html|css|js|svg)$/.test(file)) continue;
      const body = Deno.readTextFileSync(`${site.dest}/${file}`);
      const isRemote = (v: string) => /^(https?:)?\/\//i.test(v.trim());
      if (file.endsWith(".html") || file.endsWith(".svg")) {
        for (const { tag, attr, value } of htmlRefs(body)) {
          if (!isRemote(value)) continue;
          const isAnchor = /^<a\s/i.test(tag) && attr === "href";
          const isMeta = /^<link\s/i.test(tag) && /\srel="(alternate|canonical)"/.test(tag);
          if (isAnchor) externalLinks++;
          else if (!isMeta) problems.push(`${file}: ${tag}`);
        }
        for (const style of body.matchAll(/<style[\s>][\s\S]*?<\/style>|\sstyle="[^"]*"/g)) {
          for (const ref of cssRefs(style[0])) {
            if (isRemote(ref)) problems.push(`${file}: inline style loads ${ref}`);
          }
        }
        for (const script of body.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)) {
          if (/(import\s*\(?|from)\s*["'](https?:)?\/\//.test(script[1])) {
            problems.push(`${file}: inline script imports from another host`);
          }
        }
      } else if (file.endsWith(".css")) {
        for (const ref of cssRefs(body)) if (isRemote(ref)) problems.push(`${file}: ${ref}`);
      } else if (/(import\s*\(?|from|fetch\()\s*["'](https?:)?\/\//.test(body)) {
        problems.push(`${file}: imports or fetches from another host`);
      }
    }
    assert.deepEqual(problems, []);
    if (name === "basic") assert.equal(externalLinks, 1, "the one <a> to pytorch.org is allowed");
  });
}

Deno.test("build --location: cleanup", async () => {
  for (const s of sites) await Deno.remove(s.dir, { recursive: true });
});
