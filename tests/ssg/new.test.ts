/**
 * `deno task new`: a scaffolded lecture gets the next number, builds, and shows
 * in the navigation and on the home page; `--en` adds the translation, linked
 * by the language switch; nothing is ever overwritten.
 */
import assert from "node:assert/strict";
import { checkListing, extractListings } from "../../ssg/listings.ts";
import { hasLossCurve, newLecture } from "../../ssg/new.ts";
import { copyDir, hasPython, renderSite, ROOT, tempDir, text } from "../helpers.ts";

const chart = hasLossCurve(`${ROOT}/_components`);

Deno.test("newLecture() adds lecture 4 after the course's last; it builds and is linked", async () => {
  await using tmp = await tempDir();
  const dir = `${tmp.path}/lectures`;
  await copyDir(`${ROOT}/lectures`, dir);
  const made = await newLecture({ title: "反向传播", slug: "back-propagation", dir, chart });
  assert.deepEqual(made, { path: `${dir}/04-back-propagation.md`, order: 4 });

  const { output } = await renderSite({ src: tmp.path });
  const page = text(output, "lectures/04-back-propagation/index.html");
  assert.match(page, /<h1>反向传播<\/h1>/);
  assert.match(page, /第 4 讲/);
  assert.match(page, /class="katex-display"/, "the formula example renders");
  if (chart) assert.match(page, /<figure class="chart loss-curve"/, "the chart example renders");
  else assert.match(page, /<!-- 图表：/, "the chart's place is marked");
  const home = text(output, "index.html");
  assert.match(home, /href="\/lectures\/04-back-propagation\/"[^]*?反向传播/);
  const lecture3 = text(output, "lectures/03-gradient-descent/index.html");
  assert.match(lecture3, /rel="next" href="\/lectures\/04-back-propagation\/"/);
});

Deno.test("newLecture({ lang: 'en' }) adds the translation of the last lecture, linked both ways", async () => {
  await using tmp = await tempDir();
  const dir = `${tmp.path}/lectures`;
  await copyDir(`${ROOT}/lectures`, dir);
  await newLecture({ title: "反向传播", slug: "back-propagation", dir, chart });
  const made = await newLecture({ title: "Back Propagation", lang: "en", dir, chart });
  assert.deepEqual(made, { path: `${dir}/04-back-propagation.en.md`, order: 4 });

  const { output } = await renderSite({ src: tmp.path });
  const en = text(output, "en/lectures/04-back-propagation/index.html");
  assert.match(en, /<h1>Back Propagation<\/h1>/);
  assert.match(en, /hreflang="zh"[^>]*>中文</);
  assert.match(text(output, "en/index.html"), /href="\/en\/lectures\/04-back-propagation\/"/);
  assert.match(
    text(output, "lectures/04-back-propagation/index.html"),
    /href="\/en\/lectures\/04-back-propagation\/" hreflang="en"/,
  );
});

Deno.test("newLecture() never overwrites, and says why it refuses", async () => {
  await using tmp = await tempDir();
  const dir = `${tmp.path}/lectures`;
  await copyDir(`${ROOT}/lectures`, dir);
  const { path } = await newLecture({ title: "Back propagation", dir });
  assert.ok(path.endsWith("/04-back-propagation.md"));
  await Deno.writeTextFile(path, "mine");
  await assert.rejects(
    newLecture({ title: "Back propagation", order: 4, dir }),
    /04-back-propagation\.md already has order 4/,
  );
  await assert.rejects(
    newLecture({ title: "Back propagation", order: 5, slug: "x", dir }).then(() =>
      newLecture({ title: "Other", order: 5, slug: "x", dir })
    ),
    /already has order 5/,
  );
  await newLecture({ title: "Translation", lang: "en", order: 4, dir });
  await assert.rejects(
    newLecture({ title: "Translation", lang: "en", order: 4, dir }),
    /04-back-propagation\.en\.md already exists; it was left as it is/,
  );
  await assert.rejects(
    newLecture({ title: "No such", lang: "en", order: 9, dir }),
    /no lecture numbered 9/,
  );
  await assert.rejects(newLecture({ title: "Bad", order: 0, dir }), /--order must be a positive/);
  assert.equal(await Deno.readTextFile(path), "mine");
});

Deno.test("deno task new: the command line creates, then refuses a second time with status 1", async () => {
  await using tmp = await tempDir();
  const run = (...args: string[]) =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--config", `${ROOT}/deno.json`, `${ROOT}/ssg/new.ts`, ...args],
      cwd: tmp.path,
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  const first = await run("Linear Model", "--order", "2");
  assert.equal(first.code, 0, decode(first.stderr));
  assert.match(decode(first.stdout), /created lectures\/02-linear-model\.md \(lecture 2\)/);
  const again = await run("Linear Model", "--order", "2");
  assert.equal(again.code, 1);
  assert.match(decode(again.stderr), /already has order 2/);
  const usage = await run();
  assert.equal(usage.code, 2);
  assert.match(decode(usage.stderr), /usage: deno task new "<title>"/);
});

Deno.test({
  name: "newLecture(): the scaffold's runnable listing prints what its output block says",
  ignore: !hasPython().ok,
  async fn() {
    await using tmp = await tempDir();
    const { path } = await newLecture({ title: "Listing", dir: tmp.path });
    const [listing] = extractListings(await Deno.readTextFile(path), path);
    assert.ok(listing.output);
    assert.equal(await checkListing(listing, { cwd: ROOT }), null);
  },
});
