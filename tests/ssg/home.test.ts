/**
 * The course's home pages: what the course is and who it is for, every
 * lecture of the language with its description, the way to the other
 * language, the search field, and a lecture's preview image where its front
 * matter names one.
 */
import assert from "node:assert/strict";
import { copyDir, renderSite, ROOT, tempDir, text } from "../helpers.ts";
import { SiteError } from "../../ssg/errors.ts";

Deno.test("home: the course, its readers, each lecture with its description, search, the other language", async () => {
  const { output, pages } = await renderSite({ src: ROOT });
  for (const [lang, path, other] of [["zh", "index.html", "/en/"], ["en", "en/index.html", "/"]]) {
    const home = text(output, path);
    assert.match(
      home,
      lang === "zh" ? /<h1>PyTorch 深度学习实践/ : /<h1>PyTorch Deep Learning Practice/,
    );
    assert.match(
      home,
      lang === "zh"
        ? /<h2>适合谁<\/h2>\s*<p>写给正在跟着视频/
        : /<h2>Who it is for<\/h2>\s*<p>For students/,
    );
    assert.match(home, /<button type="button" class="search-open" hidden>/);
    assert.match(home, new RegExp(`<a class="read-in" href="${other}"`));
    const lectures = pages.filter((p) => p.data.lang === lang && p.data.listed)
      .sort((a, b) => a.data.order - b.data.order);
    assert.ok(lectures.length >= 2);
    let at = 0;
    for (const l of lectures) {
      const item = home.indexOf(`<li><a href="${l.url}">`, at);
      assert.ok(item > at, `${path}: ${l.url} listed, in order`);
      const li = home.slice(item, home.indexOf("</li>", item));
      assert.ok(li.includes(`<span class="t">${l.data.title}</span>`), `${l.url} title`);
      assert.ok(l.data.description && li.includes(l.data.description), `${l.url} description`);
      // Without a front matter image, the picture is drawn from the engine (_data/previews.ts).
      assert.match(li, /<span class="preview"><svg class="thumb" [^>]*aria-hidden="true"/, l.url);
      assert.match(li, /<path class="curve" d="M[\d.,L]+"\/>/, `${l.url}: the loss curve`);
      at = item;
    }
  }
});

Deno.test("home: a lecture's front matter preview replaces the drawn one, under the sub-path", async () => {
  await using tmp = await tempDir();
  await copyDir(`${ROOT}/lectures`, `${tmp.path}/lectures`);
  const file = `${tmp.path}/lectures/02-linear-model.md`;
  const source = await Deno.readTextFile(file);
  await Deno.writeTextFile(
    file,
    source.replace("\norder: 2\n", "\norder: 2\npreview: /assets/favicon.svg\n"),
  );
  const { output } = await renderSite({ src: tmp.path, location: "https://example.org/course/" });
  const home = text(output, "index.html");
  const li = home.slice(home.indexOf('<li><a href="/course/lectures/02-linear-model/">'));
  assert.match(
    li.slice(0, li.indexOf("</li>")),
    /<img class="preview" src="\/course\/assets\/favicon\.svg" alt="" loading="lazy">/,
  );
  assert.doesNotMatch(
    text(output, "en/index.html"),
    /<img class="preview"/,
    "the translation keeps its drawn preview",
  );
});

Deno.test("home: a preview that is not a string is an error at its line", async () => {
  await using tmp = await tempDir();
  await copyDir(`${ROOT}/lectures`, `${tmp.path}/lectures`);
  const file = `${tmp.path}/lectures/03-gradient-descent.md`;
  const source = await Deno.readTextFile(file);
  await Deno.writeTextFile(file, source.replace("\norder: 3\n", "\norder: 3\npreview: 3\n"));
  await assert.rejects(renderSite({ src: tmp.path }), (e: unknown) => {
    assert.ok(e instanceof SiteError);
    assert.match(e.message, /front matter "preview" must be a string, got 3/);
    assert.equal(e.location.line, source.split("\n").indexOf("order: 3") + 2);
    return true;
  });
});
