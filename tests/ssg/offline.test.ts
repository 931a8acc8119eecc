/**
 * The offline build (`--config _config.offline.ts`): every internal URL is
 * relative and every script a classic one, so the course reads from disk
 * (`file://`) in Chromium with its styles, math fonts, working links and
 * interactive charts.
 */
import assert from "node:assert/strict";
import { launch, staticServer, wakeCharts, watchProblems } from "../browser.ts";
import { relative } from "../../ssg/plugins/relative_urls.ts";
import { hasChromium, listFiles, ROOT, tempDir } from "../helpers.ts";

Deno.test("relative(from, to): paths between pages and assets", () => {
  assert.equal(relative("/lectures/02/", "/assets/site.css", true), "../../assets/site.css");
  assert.equal(relative("/lectures/02/", "/lectures/03/#a", true), "../03/index.html#a");
  assert.equal(relative("/lectures/02/", "/", true), "../../index.html");
  assert.equal(relative("/lectures/02/", "/lectures/02/", false), "./");
  assert.equal(relative("/404.html", "/assets/x.js", true), "assets/x.js");
  assert.equal(
    relative("/course/en/", "/course/lectures/a.svg?v=1", true),
    "../lectures/a.svg?v=1",
  );
});

Deno.test({
  name:
    "offline build: every page read from file:// is styled, has its math fonts and links that resolve",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    await using dir = await tempDir();
    const dest = `${dir.path}/offline`;
    const build = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--unstable-worker-options",
        "ssg/cli/cli.ts",
        "build",
        "--config",
        "_config.offline.ts",
        "--dest",
        dest,
      ],
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(build.code, 0, new TextDecoder().decode(build.stderr));
    const files = new Set(await listFiles(dest));
    assert.deepEqual(
      [...files].filter((f) => /^assets\/search\/|search(?:_\w+)?\.(?:js|css)$/.test(f)),
      [],
      "no search index or search script: they cannot work from disk",
    );
    const pages = [...files].filter((f) => f.endsWith(".html") && f !== "404.html");
    const chromium = await launch();
    try {
      const tab = await chromium.browser.newPage();
      // A tall window: waking every chart (a scroll through the page) takes a few screens.
      await tab.setViewport({ width: 1280, height: 4000 });
      const seen = watchProblems(tab);
      const problems: string[] = [];
      /** What a page's scripts did: charts made interactive, the theme toggle and search shown. */
      const scripted = () =>
        tab.evaluate(() => ({
          charts: [...document.querySelectorAll("figure.chart")].map((f) =>
            `${f.getAttribute("data-chart") ?? f.className}: ${f.classList.contains("live")}`
          ),
          themeToggle: !document.querySelector<HTMLElement>(".theme-toggle")?.hidden,
          search: !document.querySelector<HTMLElement>(".search-toggle")?.hidden,
        }));
      const served = staticServer(dest);
      const http = `http://127.0.0.1:${served.addr.port}`;
      let live = 0;
      try {
        for (const file of pages) {
          seen.length = 0;
          await tab.goto(`file://${dest}/${file}`, { waitUntil: "load" });
          const look = await tab.evaluate(async () => {
            await document.fonts.ready;
            const katex = document.querySelector(".katex");
            return {
              styled: getComputedStyle(document.documentElement).getPropertyValue("--measure"),
              katexFont: katex ? getComputedStyle(katex).fontFamily : null,
              katexLoaded: [...document.fonts].some((f) =>
                f.family.includes("KaTeX") && f.status === "loaded"
              ),
              links: [...document.querySelectorAll("a[href], link[href], script[src], img[src]")]
                .map((e) => (e as HTMLAnchorElement).href || (e as HTMLScriptElement).src)
                .filter((u) => u.startsWith("file://")),
            };
          });
          if (look.styled.trim() !== "46rem") problems.push(`${file}: site.css not applied`);
          if (look.katexFont !== null && (!/KaTeX/.test(look.katexFont) || !look.katexLoaded)) {
            problems.push(`${file}: KaTeX fonts not loaded (${look.katexFont})`);
          }
          for (const url of look.links) {
            const path = decodeURIComponent(new URL(url).pathname);
            const rel = path.startsWith(dest + "/") ? path.slice(dest.length + 1) : path;
            if (!files.has(rel)) problems.push(`${file}: ${url} is not a file of the site`);
          }
          // Scripts run from disk as they do over HTTP; search, which fetches, is left out.
          // Charts set up as they near the viewport: scroll through the page as a reader would.
          await wakeCharts(tab);
          const fromDisk = await scripted();
          problems.push(...seen.map((p) => `${file}: ${p}`));
          await tab.goto(`${http}/${file}`, { waitUntil: "load" });
          await wakeCharts(tab);
          const overHttp = await scripted();
          assert.deepEqual(
            fromDisk,
            overHttp,
            `${file}: from disk, scripts do what they do over HTTP`,
          );
          assert.equal(fromDisk.search, false, `${file}: no search button`);
          assert.ok(fromDisk.themeToggle, `${file}: page.js ran from disk`);
          live += fromDisk.charts.filter((c) => c.endsWith("true")).length;
        }
      } finally {
        await served.shutdown();
      }
      assert.ok(live >= 10, `interactive charts from disk: ${live}`);
      assert.deepEqual(problems, []);
    } finally {
      await chromium.close();
    }
  },
});
