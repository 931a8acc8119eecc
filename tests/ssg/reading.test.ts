/**
 * How the real course's pages read in Chromium, on a desktop and a phone and in print: a copy
 * button never covers code, a component's props read on a phone without one word per line,
 * whatever scrolls sideways says so, and print lets long code and tables break across pages.
 */
import assert from "node:assert/strict";
import { launch, staticServer } from "../browser.ts";
import { buildSite, hasChromium, listFiles, ROOT, withTimeout } from "../helpers.ts";

const built = await buildSite({ src: ROOT, location: "http://127.0.0.1/" });
const pages = (await listFiles(built.dest)).filter((f) =>
  f.endsWith("index.html") && !f.startsWith("assets/")
);

Deno.test({
  name: "reading: copy buttons, props tables, sideways scroll and print, desktop and phone",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const server = staticServer(built.dest);
    const chromium = await launch();
    const url = (file: string) =>
      `http://127.0.0.1:${server.addr.port}/${file.replace(/index\.html$/, "")}`;
    try {
      const tab = await chromium.browser.newPage();

      await t.step("a copy button never covers a line of code", async () => {
        const problems: string[] = [];
        for (const width of [1280, 390]) {
          await tab.setViewport({ width, height: 900 });
          for (const file of pages) {
            await withTimeout(tab.goto(url(file), { waitUntil: "load" }), 20_000, file);
            const covered = await tab.$$eval(
              ".code-block",
              (blocks) =>
                blocks.flatMap((block, i) => {
                  const button = block.querySelector("button.copy") as HTMLElement | null;
                  if (!button || button.hidden) return [`block ${i}: no visible copy button`];
                  const b = button.getBoundingClientRect();
                  const range = document.createRange();
                  range.selectNodeContents(block.querySelector("code")!);
                  const hit = [...range.getClientRects()].some((r) =>
                    r.width > 0 && r.left < b.right && r.right > b.left && r.top < b.bottom &&
                    r.bottom > b.top
                  );
                  return hit
                    ? [`block ${i}: the button is over "${block.textContent!.trim().slice(0, 30)}"`]
                    : [];
                }),
            );
            problems.push(...covered.map((c) => `${file} at ${width}px: ${c}`));
          }
        }
        assert.deepEqual(problems, []);
      });

      await t.step(
        "on a phone, props tables fit: no sideways scroll, no word-per-line defaults",
        async () => {
          await tab.setViewport({ width: 390, height: 844, isMobile: true });
          // Each component's reference page, in both languages, has its props table.
          const guides = pages.filter((f) => /guide\/[^/]+\/index\.html$/.test(f));
          assert.ok(guides.length >= 26, `${guides.length} component pages`);
          for (const file of guides) {
            await tab.goto(url(file), { waitUntil: "load" });
            const tables = await tab.$$eval(".props-table", (regions) =>
              regions.map((r) => ({
                name: r.getAttribute("aria-label"),
                scrolls: r.scrollWidth > r.clientWidth + 1,
                // An inline code wrapped over n lines has n boxes; a few words to a line is fine.
                wordPerLine: [...r.querySelectorAll("td:nth-child(3) code")].some((c) =>
                  c.getClientRects().length > Math.ceil((c.textContent ?? "").split(" ").length / 3)
                ),
              })));
            assert.equal(tables.length, 1, `${file}: ${tables.length} props tables`);
            for (const table of tables) {
              assert.equal(table.scrolls, false, `${file}: ${table.name} scrolls sideways`);
              assert.equal(table.wordPerLine, false, `${file}: ${table.name} wraps its defaults`);
            }
          }
        },
      );

      await t.step("on a phone, whatever scrolls sideways shows an edge shadow", async () => {
        await tab.setViewport({ width: 390, height: 844, isMobile: true });
        let scrolling = 0;
        for (const file of pages) {
          await tab.goto(url(file), { waitUntil: "load" });
          const found = await tab.$$eval(
            ".math-display, pre, table, .table-scroll",
            (els) =>
              els.filter((e) =>
                e.scrollWidth > e.clientWidth + 1 &&
                ["auto", "scroll"].includes(getComputedStyle(e).overflowX)
              )
                .map((e) => ({
                  what: `${e.tagName.toLowerCase()}.${e.className}`,
                  cue: getComputedStyle(e).backgroundImage.includes("radial-gradient"),
                })),
          );
          scrolling += found.length;
          for (const f of found) assert.ok(f.cue, `${file}: ${f.what} scrolls with no cue`);
        }
        assert.ok(scrolling > 0, "some formula or code block is wider than a phone");
      });

      await t.step(
        "print: long code and tables may break across pages, copy buttons don't print",
        async () => {
          await tab.setViewport({ width: 1280, height: 900 });
          await tab.emulateMediaType("print");
          for (const file of pages.filter((f) => f.includes("lectures/"))) {
            await tab.goto(url(file), { waitUntil: "load" });
            const look = await tab.evaluate(() => ({
              breaks: [...document.querySelectorAll("pre, main table")].map((e) =>
                getComputedStyle(e).breakInside
              ),
              copies: [...document.querySelectorAll("button.copy")].filter((b) =>
                (b as HTMLElement).offsetWidth > 0
              ).length,
              wraps: [...document.querySelectorAll("pre")].every((p) =>
                getComputedStyle(p).whiteSpace === "pre-wrap"
              ),
            }));
            assert.ok(
              look.breaks.every((b) =>
                b !== "avoid"
              ),
              `${file}: ${look.breaks}`,
            );
            assert.equal(look.copies, 0, `${file}: copy buttons print`);
            assert.ok(look.wraps, `${file}: long code lines are cut off in print`);
          }
          await tab.emulateMediaType("screen");
        },
      );
    } finally {
      await chromium.close();
      await server.shutdown();
    }
  },
});
