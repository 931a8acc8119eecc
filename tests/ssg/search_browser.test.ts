/**
 * Search on the built course in Chromium, served under a sub-path as a static
 * host would: Chinese words find the Chinese lectures, English words the
 * English ones, results link to the heading whose section holds the words,
 * and neither the search engine nor the index loads before the reader opens search. Skipped, with
 * a message, when Chromium is missing.
 */
import assert from "node:assert/strict";
import type { Page } from "../deps.ts";
import { serve } from "../../ssg/server/server.ts";
import { launch, staticServer, watchProblems } from "../browser.ts";
import {
  buildSite,
  CHROMIUM,
  CONFIG,
  hasChromium,
  listFiles,
  ROOT,
  withTimeout,
} from "../helpers.ts";

if (!hasChromium) {
  console.warn(
    `search_browser.test.ts: SKIPPED — ${CHROMIUM} not found (apt-get install chromium)`,
  );
}

const WAIT = 20_000;
const PREFIX = "/course/";

/** A search result as the dialog shows it: the page title and its section links. */
interface Hit {
  page: string;
  links: Array<{ href: string; heading: string; excerpt: string }>;
}

/** Types `query` into the open search dialog and returns the results once they show. */
async function query(page: Page, q: string): Promise<Hit[]> {
  await page.$eval("dialog.search input", (i) => ((i as HTMLInputElement).value = ""));
  await page.type("dialog.search input", q);
  // The results of the whole query: typing shows those of its first letters on the way.
  await page.waitForFunction(
    (q) => {
      const list = document.querySelector<HTMLElement>("dialog.search .results");
      const marks = [...document.querySelectorAll("dialog.search .results mark")];
      const status = document.querySelector("dialog.search .status")?.textContent ?? "";
      return list?.dataset.query === q && (marks.length > 0 || status.includes(q));
    },
    { timeout: WAIT },
    q,
  );
  return await page.$$eval("dialog.search .results li", (items) =>
    items.map((li) => ({
      page: li.querySelector(".page")?.textContent ?? "",
      links: [...li.querySelectorAll("a")].map((a) => ({
        href: a.getAttribute("href") ?? "",
        heading: a.querySelector(".heading")?.textContent ?? "",
        excerpt: a.querySelector(".excerpt")?.textContent ?? "",
      })),
    })));
}

/**
 * Searches `q` from the home page of `lang` ("" or "en/"): a result links into `lecture` of that
 * language, and none into the other language's pages.
 */
async function assertFinds(page: Page, base: string, lang: string, q: string, lecture: string) {
  await page.goto(`${base}${lang}`, { waitUntil: "load" });
  await page.click(".search-toggle");
  const hits = await query(page, q);
  const links = hits.flatMap((h) => h.links);
  const link = links.find((l) => l.href.startsWith(`${PREFIX}${lang}lectures/${lecture}/`));
  assert.ok(link, `${q}: ${lecture} among ${links.map((l) => l.href).join(", ")}`);
  assert.ok(
    links.every((l) => l.href.startsWith(`${PREFIX}${lang}`)),
    `${q}: pages of the other language listed: ${links.map((l) => l.href)}`,
  );
}

/**
 * A word that no page holds, not even in part: search matches words by their beginnings, so a
 * made-up Latin word can still hit a lone letter ("zyzzyva" found "z" in a formula). This one is
 * made of letters (Georgian) that occur nowhere in the built site.
 */
async function absentWord(dest: string): Promise<string> {
  let corpus = "";
  for (const f of await listFiles(dest)) {
    if (f.endsWith(".html")) corpus += await Deno.readTextFile(`${dest}/${f}`);
  }
  const word = [..."ჟღჭწძყფქ"].filter((c) => !corpus.includes(c)).slice(0, 6).join("");
  assert.equal(word.length, 6, `the site uses the letters of the made-up word; pick others`);
  return word;
}

/** Text of the section a URL's fragment points at: its heading up to the next heading. */
async function sectionText(page: Page, href: string): Promise<string> {
  await page.goto(new URL(href, page.url()).href, { waitUntil: "load" });
  return await page.evaluate(() => {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target || !/^H[1-6]$/.test(target.tagName)) return "";
    let text = target.textContent ?? "";
    for (
      let e = target.nextElementSibling;
      e && !/^H[1-6]$/.test(e.tagName);
      e = e.nextElementSibling
    ) {
      text += e.textContent;
    }
    return text;
  });
}

/**
 * The course built for `PREFIX` (with `config`, else the course's own), served there and opened
 * in Chromium: `fn` gets the build, the served base URL and a tab; all of it ends after.
 */
async function withServedCourse(
  config: string | undefined,
  fn: (built: Awaited<ReturnType<typeof buildSite>>, base: string, page: Page) => Promise<void>,
): Promise<void> {
  const built = await buildSite({ src: ROOT, location: `https://example.org${PREFIX}` }, config);
  const server = staticServer(built.dest, PREFIX);
  let chromium: Awaited<ReturnType<typeof launch>> | undefined;
  try {
    chromium = await launch();
    const page = await chromium.browser.newPage();
    await fn(built, `http://127.0.0.1:${server.addr.port}${PREFIX}`, page);
  } finally {
    await chromium?.close();
    await server.shutdown();
    await Deno.remove(built.dir, { recursive: true });
  }
}

Deno.test({
  name: "search: Chinese and English queries find their lectures, under a sub-path",
  ignore: !hasChromium,
  // puppeteer keeps its websocket and child process handles until close(); closed in finally.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    await withServedCourse(undefined, async (built, base, page) => {
      const problems = watchProblems(page);
      const requests: string[] = [];
      page.on("request", (r) => requests.push(r.url()));

      await t.step("the engine and the index load only when search opens (the / key)", async () => {
        await page.goto(base, { waitUntil: "networkidle0" });
        assert.ok(await page.$eval(".search-toggle", (b) => !(b as HTMLButtonElement).hidden));
        assert.deepEqual(requests.filter((u) => /\/assets\/search\/|search_engine/.test(u)), []);
        await page.keyboard.press("/");
        await page.waitForSelector("dialog.search[open]", { timeout: WAIT });
        assert.equal(
          await page.evaluate(() => document.activeElement?.matches("dialog.search input")),
          true,
          "the query field has the focus",
        );
        await page.waitForFunction(
          () => document.querySelector("dialog.search .status")?.textContent === "",
          { timeout: WAIT },
        );
        assert.ok(requests.includes(`${base}assets/search_engine.js`), requests.join(" "));
        assert.ok(requests.includes(`${base}assets/search/zh.json`), "the page's language's index");
        assert.ok(!requests.includes(`${base}assets/search/en.json`), "and not the other's");
      });

      await t.step("均方误差 finds lecture 2, linked to the section that says it", async () => {
        const hits = await query(page, "均方误差");
        // Later lectures say 均方误差 too; lecture 2, which defines it, must be among the hits.
        const hit = hits.find((h) => /线性模型/.test(h.page));
        assert.ok(hit, `lecture 2 among ${hits.map((h) => h.page).join(", ")}`);
        const link = hit.links[0];
        assert.match(link.href, new RegExp(`^${PREFIX}lectures/02-linear-model/#.+`));
        assert.match(link.excerpt, /均方误差/);
        assert.match(await sectionText(page, link.href), /均方误差/);
      });

      await t.step("a Chinese word counts whole, not character by character", async () => {
        // Each of these words' characters also occurs apart elsewhere (方向, 平方, 指).
        for (const [q, words] of [["均方误差", /均方|误差/], ["作者指南", /作者|指南/]] as const) {
          await page.goto(base, { waitUntil: "load" });
          await page.click(".search-toggle");
          const hits = await query(page, q);
          assert.ok(hits.length > 0, `${q}: results`);
          const marks = await page.$$eval(
            "dialog.search .results mark",
            (ms) => ms.map((m) => m.textContent ?? ""),
          );
          assert.ok(marks.every((m) => words.test(m)), `${q}: fragments marked: ${marks}`);
          for (const hit of hits) {
            assert.ok(
              hit.links.some((l) => words.test(l.excerpt)),
              `${q}: ${hit.page} is listed for fragments only`,
            );
          }
        }
      });

      await t.step("the home page is found, and formulas read as text in excerpts", async () => {
        await page.goto(base, { waitUntil: "load" });
        await page.click(".search-toggle");
        const guide = await query(page, "作者指南");
        assert.match(guide[0].page, /指南/, "the guide is found first");
        await page.goto(base, { waitUntil: "load" });
        await page.click(".search-toggle");
        const home = await query(page, "刘二大人");
        assert.ok(
          home.some((h) =>
            h.links.some((l) => l.href === PREFIX || l.href.startsWith(`${PREFIX}#`))
          ),
          JSON.stringify(home),
        );
        await page.goto(base, { waitUntil: "load" });
        await page.click(".search-toggle");
        const hits = await query(page, "模型仍是");
        const excerpt = hits.flatMap((h) => h.links.map((l) => l.excerpt)).find((e) =>
          e.includes("模型仍是")
        );
        assert.ok(excerpt, "an excerpt with the words");
        assert.doesNotMatch(
          excerpt,
          /[，,]\s*[，,]|是\s*[，,]/,
          `holes where formulas stood: ${excerpt}`,
        );
        assert.match(excerpt, /ŷ|·|=/, `the formula's text: ${excerpt}`);
      });

      await t.step("梯度 finds lecture 3 first", async () => {
        await page.goto(base, { waitUntil: "load" });
        await page.click(".search-toggle");
        const hits = await query(page, "梯度");
        assert.match(hits[0].page, /梯度下降/);
        const link = hits[0].links[0];
        assert.match(link.href, new RegExp(`^${PREFIX}lectures/03-gradient-descent/#.+`));
        assert.match(await sectionText(page, link.href), /梯度/);
      });

      await t.step("gradient, on an English page, finds the English lecture 3", async () => {
        await page.goto(`${base}en/`, { waitUntil: "load" });
        await page.click(".search-toggle");
        const hits = await query(page, "gradient");
        assert.match(hits[0].page, /Gradient descent/i);
        const link = hits[0].links[0];
        assert.match(link.href, new RegExp(`^${PREFIX}en/lectures/03-gradient-descent/#.+`));
        assert.match(await sectionText(page, link.href), /gradient/i);
      });

      await t.step("each lecture's key terms find it, in Chinese and in English", async () => {
        const terms: Array<[string, string, string]> = [
          ["", "反向传播", "04-backpropagation"],
          ["", "计算图", "04-backpropagation"],
          ["", "交叉熵", "09-softmax-classifier"],
          ["", "小批量", "08-dataset-dataloader"],
          ["en/", "backpropagation", "04-backpropagation"],
          ["en/", "cross-entropy", "09-softmax-classifier"],
          ["en/", "mini-batch", "08-dataset-dataloader"],
        ];
        for (const [lang, q, lecture] of terms) await assertFinds(page, base, lang, q, lecture);
      });

      await t.step("a word that is nowhere says so", async () => {
        await page.goto(`${base}en/`, { waitUntil: "load" });
        await page.click(".search-toggle");
        const hits = await query(page, await absentWord(built.dest));
        assert.deepEqual(hits, []);
      });

      await t.step("the dialog follows the light and dark theme", async () => {
        const colours = [];
        for (const scheme of ["light", "dark"]) {
          await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
          await page.goto(base, { waitUntil: "load" });
          await page.click(".search-toggle");
          colours.push(
            await page.$eval("dialog.search", (d) => {
              const body = getComputedStyle(document.body);
              const box = getComputedStyle(d);
              return { bg: box.backgroundColor, fg: box.color, page: body.backgroundColor };
            }),
          );
        }
        assert.equal(colours[0].bg, colours[0].page);
        assert.equal(colours[1].bg, colours[1].page);
        assert.notEqual(colours[0].bg, colours[1].bg);
        assert.notEqual(colours[0].fg, colours[1].fg);
      });

      assert.deepEqual(problems, []);
      assert.deepEqual(
        requests.filter((u) => !u.startsWith(base) && !u.startsWith("data:")),
        [],
        "every request under /course/",
      );
    });
  },
});

Deno.test({
  name: "search: with the pages' texts bundled in a few fragment files, results and excerpts hold",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const config = `${ROOT}/tests/fixtures/search.config.ts?maxFragments=2`;
    await withServedCourse(config, async (built, base, page) => {
      for (const lang of ["zh", "en"]) {
        const meta = JSON.parse(
          await Deno.readTextFile(`${built.dest}/assets/search/${lang}.json`),
        );
        assert.equal(meta.fragments.length, 2, `two fragment files for ${lang}`);
        assert.ok(meta.pages.length > 8, "more pages than fragment files");
      }
      const problems = watchProblems(page);
      await page.goto(base, { waitUntil: "load" });
      await page.click(".search-toggle");
      const mse = await query(page, "均方误差");
      const hit = mse.find((h) => /线性模型/.test(h.page));
      assert.ok(hit, `lecture 2 among ${mse.map((h) => h.page).join(", ")}`);
      assert.match(hit.links[0].href, new RegExp(`^${PREFIX}lectures/02-linear-model/#.+`));
      assert.match(hit.links[0].excerpt, /均方误差/);
      assert.match(await sectionText(page, hit.links[0].href), /均方误差/);
      await page.goto(base, { waitUntil: "load" });
      await page.click(".search-toggle");
      assert.match((await query(page, "梯度"))[0].page, /梯度下降/);
      await page.goto(`${base}en/`, { waitUntil: "load" });
      await page.click(".search-toggle");
      const gradient = await query(page, "gradient");
      assert.match(gradient[0].page, /Gradient descent/i);
      assert.match(gradient[0].links[0].href, new RegExp(`^${PREFIX}en/lectures/03-gradient`));
      assert.deepEqual(problems, []);
    });
  },
});

Deno.test({
  name: "search: deno task serve serves the index too",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const server = serve(CONFIG, { port: 0, drafts: true }, { quiet: true });
    let chromium: Awaited<ReturnType<typeof launch>> | undefined;
    try {
      await withTimeout(server.ready, WAIT, "first build");
      chromium = await launch();
      const page = await chromium.browser.newPage();
      const problems = watchProblems(page);
      await page.goto(`${server.url}lectures/02-linear-model/`, { waitUntil: "load" });
      await page.click(".search-toggle");
      const hits = await query(page, "梯度");
      assert.match(hits[0].links[0].href, /^\/lectures\/03-gradient-descent\/#/);
      assert.deepEqual(problems, []);
    } finally {
      await chromium?.close();
      await server.close();
    }
  },
});
