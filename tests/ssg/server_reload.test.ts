/**
 * The dev server's updates as an author sees them in Chromium: a content edit swaps the page's
 * content in place (no navigation; the charts' scripts run on the new content), a component
 * edit shows its new markup, a page whose file did not change is left alone, a stylesheet the
 * page loads reloads it, and a fixed build error goes away with the fix shown.
 */
import assert from "node:assert/strict";
import { serve } from "../../ssg/server/server.ts";
import { launch } from "../browser.ts";
import { CONFIG, copyDir, fixture, hasChromium, withTimeout } from "../helpers.ts";

const WAIT = 30_000;

/** What the test leaves on the page's window: gone after a navigation. */
type Marked = { same?: boolean; updates?: number };

Deno.test({
  name: "serve + Chromium: edits update the open page in place, or reload it when they must",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const dir = await Deno.makeTempDir({ prefix: "ssg-serve-reload-" });
    await copyDir(fixture("sites", "components"), dir);
    const uses = `${dir}/uses.md`;
    const original = Deno.readTextFileSync(uses);
    const server = serve(CONFIG, { src: dir, dest: `${dir}/_site`, port: 0, drafts: true }, {
      quiet: true,
    });
    let chromium: Awaited<ReturnType<typeof launch>> | undefined;
    try {
      await withTimeout(server.ready, WAIT, "first build");
      chromium = await launch();
      const page = await chromium.browser.newPage();
      await page.evaluateOnNewDocument(() => {
        const w = globalThis as unknown as Marked;
        w.updates = 0;
        document.addEventListener("ssg:updated", () => w.updates!++);
      });
      await page.goto(`${server.url}uses/`, { waitUntil: "load" });
      await page.waitForFunction(
        () => document.querySelector<HTMLElement>(".callout")?.dataset.ready === "1",
        { timeout: WAIT },
      );
      const mark = () => page.evaluate(() => ((globalThis as unknown as Marked).same = true));
      const marked = () => page.evaluate(() => (globalThis as unknown as Marked).same === true);
      const updates = () => page.evaluate(() => (globalThis as unknown as Marked).updates);
      await mark();

      await t.step(
        "a text edit swaps only the changed block; the components around stay",
        async () => {
          await page.evaluate(() => document.querySelector(".callout")!.classList.add("old"));
          await Deno.writeTextFile(uses, original.replace("Before.", "After the edit."));
          await page.waitForFunction(
            () => document.body.textContent!.includes("After the edit."),
            { timeout: WAIT },
          );
          assert.equal(await marked(), true, "the page did not navigate");
          assert.equal(await updates(), 1);
          const seen = await page.evaluate(() => ({
            before: document.body.textContent!.includes("Before."),
            callout: document.querySelector(".callout")!.className,
            ready: document.querySelector<HTMLElement>(".callout")!.dataset.ready,
            mains: document.querySelectorAll("main").length,
            title: document.title.startsWith("Uses components"),
          }));
          assert.deepEqual(seen, {
            before: false,
            callout: "callout old",
            ready: "1",
            mains: 1,
            title: true,
          });
        },
      );

      await t.step(
        "a change in a component's output swaps the content and runs its script again",
        async () => {
          await Deno.writeTextFile(
            uses,
            original.replace("Before.", "After the edit.")
              .replace("title: Uses components", "title: Uses components, retitled"),
          );
          await page.waitForFunction(
            () => {
              const callout = document.querySelector<HTMLElement>(".callout");
              return !!callout?.textContent?.includes("retitled") &&
                !callout.classList.contains("old") && callout.dataset.ready === "1";
            },
            { timeout: WAIT },
          );
          assert.equal(await marked(), true, "the page did not navigate");
          assert.equal(await updates(), 2);
          assert.equal(await page.evaluate(() => document.querySelectorAll(".callout").length), 1);
        },
      );

      await t.step("an edit to another page leaves this one as it is", async () => {
        const built = server.nextBuild();
        await Deno.writeTextFile(
          `${dir}/plain.md`,
          Deno.readTextFileSync(`${dir}/plain.md`).replace("Nothing to see.", "Still nothing."),
        );
        assert.equal((await withTimeout(built, WAIT, "rebuild")).ok, true);
        await new Promise((r) => setTimeout(r, 500));
        assert.equal(await marked(), true, "the page did not navigate");
        assert.equal(await updates(), 2, "nor was it updated");
      });

      await t.step("a component edit shows the component's new markup", async () => {
        const badge = `${dir}/_components/badge.ts`;
        await Deno.writeTextFile(
          badge,
          Deno.readTextFileSync(badge).replace('class="badge"', 'class="badge badge-edited"'),
        );
        await page.waitForSelector(".badge-edited", { timeout: WAIT });
        assert.equal(await marked(), true, "in place: only the page's HTML changed");
      });

      await t.step("a stylesheet the page loads changed: the page reloads", async () => {
        const css = `${dir}/_components/callout/style.css`;
        await Deno.writeTextFile(css, Deno.readTextFileSync(css) + "\n.callout { order: 1 }\n");
        await page.waitForFunction(
          () => !(globalThis as unknown as Marked).same && document.readyState === "complete",
          { timeout: WAIT },
        );
        await page.waitForSelector(".badge-edited", { timeout: WAIT });
        await mark();
      });

      await t.step(
        "a build error shows over the page; its fix removes it and shows the fix",
        async () => {
          await page.waitForFunction(
            () => [...document.scripts].some((s) => s.src.endsWith("/_ssg/reload.js")),
          );
          // The reload script reads the page it was served with once the page has loaded.
          await new Promise((r) => setTimeout(r, 300));
          await Deno.writeTextFile(uses, original + "\nBroken $\\frac{1}{$ formula.\n");
          await page.waitForSelector("#ssg-error", { timeout: WAIT });
          await Deno.writeTextFile(uses, original + "\nFixed now.\n");
          await page.waitForFunction(
            () =>
              !document.getElementById("ssg-error") &&
              document.body.textContent!.includes("Fixed now."),
            { timeout: WAIT },
          );
          assert.equal(await marked(), true, "the fix was swapped in place");
        },
      );
    } finally {
      await chromium?.close();
      await server.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
