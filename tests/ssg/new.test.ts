/**
 * `deno task new`: a scaffolded lecture gets the next number, builds, and shows
 * in the navigation and on the home page; `--en` adds the translation, linked
 * by the language switch; nothing is ever overwritten.
 */
import assert from "node:assert/strict";
import { extractListings } from "../../ssg/core/listings.ts";
import { hasLossCurve, newLecture } from "../../ssg/cli/new.ts";
import { checkListings, copyDir, renderSite, ROOT, tempDir, text } from "../helpers.ts";

const chart = hasLossCurve(`${ROOT}/_components`);

/** The course's last lecture (in its first language): its number and its page's output path. */
function lastLecture(): { order: number; page: string } {
  const [name] = [...Deno.readDirSync(`${ROOT}/lectures`)]
    .map((e) => e.name).filter((n) => /^\d+-.*(?<!\.en)\.md$/.test(n))
    .sort((a, b) => parseInt(b) - parseInt(a));
  return { order: parseInt(name), page: `lectures/${name.replace(/\.md$/, "")}/index.html` };
}
const last = lastLecture();
const next = last.order + 1;
const file = (order: number, slug: string) => `${String(order).padStart(2, "0")}-${slug}`;

Deno.test("newLecture() adds the lecture after the course's last; it builds and is linked", async () => {
  await using tmp = await tempDir();
  const dir = `${tmp.path}/lectures`;
  await copyDir(`${ROOT}/lectures`, dir);
  const made = await newLecture({ title: "新的一讲", slug: "new-lecture", dir, chart });
  assert.deepEqual(made, { path: `${dir}/${file(next, "new-lecture")}.md`, order: next });

  const { output } = await renderSite({ src: tmp.path });
  const url = `/lectures/${file(next, "new-lecture")}/`;
  const page = text(output, `${url.slice(1)}index.html`);
  assert.match(page, /<h1>新的一讲<\/h1>/);
  assert.match(page, new RegExp(`第 ${next} 讲`));
  assert.match(page, /class="katex-display"/, "the formula example renders");
  if (chart) assert.match(page, /<figure class="chart loss-curve"/, "the chart example renders");
  else assert.match(page, /<!-- 图表：/, "the chart's place is marked");
  const home = text(output, "index.html");
  assert.match(home, new RegExp(`href="${url}"[^]*?新的一讲`));
  assert.match(text(output, last.page), new RegExp(`rel="next" href="${url}"`));
});

Deno.test("newLecture({ lang: 'en' }) adds the translation of the last lecture, linked both ways", async () => {
  await using tmp = await tempDir();
  const dir = `${tmp.path}/lectures`;
  await copyDir(`${ROOT}/lectures`, dir);
  await newLecture({ title: "新的一讲", slug: "new-lecture", dir, chart });
  const made = await newLecture({ title: "A New Lecture", lang: "en", dir, chart });
  assert.deepEqual(made, { path: `${dir}/${file(next, "new-lecture")}.en.md`, order: next });

  const { output } = await renderSite({ src: tmp.path });
  const path = `lectures/${file(next, "new-lecture")}/`;
  const en = text(output, `en/${path}index.html`);
  assert.match(en, /<h1>A New Lecture<\/h1>/);
  assert.match(en, /hreflang="zh"[^>]*>中文</);
  assert.match(text(output, "en/index.html"), new RegExp(`href="/en/${path}"`));
  assert.match(text(output, `${path}index.html`), new RegExp(`href="/en/${path}" hreflang="en"`));
});

Deno.test("newLecture() never overwrites, and says why it refuses", async () => {
  await using tmp = await tempDir();
  const dir = `${tmp.path}/lectures`;
  await copyDir(`${ROOT}/lectures`, dir);
  const { path } = await newLecture({ title: "Back propagation", dir });
  assert.ok(path.endsWith(`/${file(next, "back-propagation")}.md`));
  await Deno.writeTextFile(path, "mine");
  await assert.rejects(
    newLecture({ title: "Back propagation", order: next, dir }),
    new RegExp(`${file(next, "back-propagation")}\\.md already has order ${next}`),
  );
  await assert.rejects(
    newLecture({ title: "Back propagation", order: next + 1, slug: "x", dir }).then(() =>
      newLecture({ title: "Other", order: next + 1, slug: "x", dir })
    ),
    new RegExp(`already has order ${next + 1}`),
  );
  await newLecture({ title: "Translation", lang: "en", order: next, dir });
  await assert.rejects(
    newLecture({ title: "Translation", lang: "en", order: next, dir }),
    new RegExp(`${file(next, "back-propagation")}\\.en\\.md already exists; it was left as it is`),
  );
  await assert.rejects(
    newLecture({ title: "No such", lang: "en", order: next + 2, dir }),
    new RegExp(`no lecture numbered ${next + 2}`),
  );
  await assert.rejects(newLecture({ title: "Bad", order: 0, dir }), /--order must be a positive/);
  assert.equal(await Deno.readTextFile(path), "mine");
});

Deno.test("deno task new: the command line creates, then refuses a second time with status 1", async () => {
  await using tmp = await tempDir();
  const run = (...args: string[]) =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--config", `${ROOT}/deno.json`, `${ROOT}/ssg/cli/new.ts`, ...args],
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
  async fn() {
    await using tmp = await tempDir();
    const { path } = await newLecture({ title: "Listing", dir: tmp.path });
    const [listing] = extractListings(await Deno.readTextFile(path), path);
    assert.ok(listing.output);
    assert.deepEqual(await checkListings([listing]), []);
  },
});
