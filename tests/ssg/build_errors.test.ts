/**
 * Failed builds: each kind of author mistake names file:line:col and says what
 * is wrong, and a failed build leaves the previous output as it was.
 */
import assert from "node:assert/strict";
import { render } from "../../ssg/core/build.ts";
import { buildCommand } from "../../ssg/cli/cli.ts";
import { MARKER, MARKER_TEXT } from "../../ssg/core/dest.ts";
import { SiteError } from "../../ssg/core/errors.ts";
import {
  captureConsole,
  CONFIG,
  fixture,
  fixturePath,
  freshSite,
  readTree,
  ROOT,
  tempDir,
} from "../helpers.ts";

interface Case {
  /** Folder under tests/fixtures/errors/ holding one page.md. */
  name: string;
  message: RegExp;
  /** Text on the line the error must point at (the first line containing it). */
  line: string;
  /** Where on that line the column must fall: the start of `at`, or anywhere within it. */
  at: string;
  within?: boolean;
}

const cases: Case[] = [
  {
    name: "unknown_component",
    message: /unknown component "comp\.NoSuchThing" \(components: /,
    line: "{{ comp.NoSuchThing",
    at: "{{",
  },
  {
    name: "bad_yaml",
    message: /^bad YAML front matter: Map keys must be unique/,
    line: "title: Again",
    at: "title",
  },
  {
    name: "unclosed_front_matter",
    message: /front matter starts with --- but has no closing ---/,
    line: "---",
    at: "---",
  },
  { name: "vento_syntax", message: /Unexpected token/, line: "{{ if }}", at: "{{ if }}" },
  { name: "vento_unclosed", message: /Unclosed tag/, line: "Second {{ title", at: "{{" },
  {
    name: "undefined_name",
    message: /"nobody_defined_this" is not defined/,
    line: "{{ nobody_defined_this }}",
    at: "{{",
  },
  {
    name: "undefined_near",
    message: /^"tittle" is not defined \(did you mean "title"\?\)$/,
    line: "{{ tittle }}",
    at: "{{",
  },
  {
    name: "undefined_member",
    message:
      /^"lecture4\.sgd\.predcit" is undefined: lecture4\.sgd has no "predcit" \(did you mean "lecture4\.sgd\.predict"\?\)$/,
    line: "{{ lecture4.sgd.predcit }}",
    at: "{{ lecture4.sgd",
  },
  {
    name: "undefined_member_tex",
    message:
      /^"lecture4\.sgd\.fnal" is undefined: lecture4\.sgd has no "fnal" \(did you mean "lecture4\.sgd\.final"\?\)$/,
    line: "$w = {{",
    at: "{{",
  },
  {
    name: "undefined_parent",
    message:
      /^"lecture4\.adam\.final" is undefined: lecture4 has no "adam" \(lecture4 has sgd, epochs\)$/,
    line: "Loss {{",
    at: "{{",
  },
  {
    name: "bad_tex",
    message: /^bad TeX: .*expected '\}'/,
    line: "that spans lines",
    at: "\\frac{1}{ broken$",
    within: true,
  },
  {
    name: "bad_tex_display",
    message: /^bad TeX: Undefined control sequence: \\badmacro/,
    line: "\\badmacro",
    at: "\\badmacro",
  },
  {
    name: "bad_tex_display_inner",
    message: /^bad TeX: Undefined control sequence: \\badinner$/,
    line: "c &= \\badinner{d}",
    at: "\\badinner",
  },
  {
    name: "bad_yaml_indent",
    message: /^bad YAML front matter: "description:" is indented/,
    line: "  description: mis-indented",
    at: "description",
  },
  {
    name: "bad_tex_late",
    message: /^bad TeX: Undefined control sequence: \\oops/,
    line: "continuation and",
    at: "\\oops{3}",
    within: true,
  },
  {
    name: "wrong_type",
    message: /front matter "order" must be a number, got "two"/,
    line: 'order: "two"',
    at: '"two"',
  },
  {
    name: "missing_layout",
    message: /layout "layouts\/nope.vto" not found/,
    line: "layout: layouts/nope.vto",
    at: "layout",
  },
];

for (const c of cases) {
  const file = fixturePath("errors", c.name, "page.md");
  Deno.test(`render(site) with ${c.name} fails at ${file}:line:col`, async () => {
    const source = Deno.readTextFileSync(`${ROOT}/${file}`);
    const lines = source.split("\n");
    const line = lines.findIndex((l) => l.includes(c.line)) + 1;
    assert.ok(line > 0, `fixture has a line with ${c.line}`);
    const start = lines[line - 1].indexOf(c.at) + 1;
    const site = await freshSite({ src: fixture("errors", c.name) });
    const error = await render(site).then(() => null, (e) => e);
    assert.ok(error, "the build fails");
    assert.ok(error instanceof SiteError, `a SiteError, got ${error}`);
    assert.match(error.message, c.message);
    assert.doesNotMatch(error.message, /\u0332/, "no KaTeX underline marks in the message");
    assert.equal(error.location.file, file);
    assert.equal(error.location.line, line, `line of "${c.line}": ${error.format()}`);
    const column = error.location.column!;
    if (c.within) {
      assert.ok(
        column >= start && column <= start + c.at.length,
        `column ${column} within ${start}..${start + c.at.length}: ${error.format()}`,
      );
    } else {
      assert.equal(column, start, error.format());
    }
    const printout = error.format();
    assert.ok(printout.startsWith(`${file}:${line}:${column}: `), printout);
    assert.ok(printout.includes(` ${line} | ${lines[line - 1]}`), "excerpt shows the line");
  });
}

Deno.test("render(site) names the line of a bad formula even when it repeats an earlier good one's text", async () => {
  await using tmp = await tempDir();
  await Deno.writeTextFile(
    `${tmp.path}/page.md`,
    "---\ntitle: T\n---\n\nOK $\\frac{1}{2}$.\n\nText.\n\nBad $\\frac{1}{2}\\oops$.\n",
  );
  const error = await render(await freshSite({ src: tmp.path })).then(() => null, (e) => e);
  assert.ok(error instanceof SiteError, String(error));
  assert.equal(error.location.line, 9, error.format());
});

Deno.test("buildCommand(config, options) after a good build: a failing build returns false, prints file:line and leaves dest untouched", async () => {
  await using tmp = await tempDir();
  const dest = `${tmp.path}/site`;
  const good = await captureConsole(() =>
    buildCommand(CONFIG, { src: fixture("sites", "basic"), dest })
  );
  assert.equal(good.value, true, good.out);
  const before = await readTree(dest);
  assert.ok(before.has("index.html"));

  const bad = await captureConsole(() =>
    buildCommand(CONFIG, { src: fixture("errors", "bad_tex"), dest })
  );
  assert.equal(bad.value, false);
  assert.match(bad.out, /error: tests\/fixtures\/errors\/bad_tex\/page.md:8:\d+: bad TeX/);
  assert.match(bad.out, /the previous output is untouched/);

  const after = await readTree(dest);
  assert.deepEqual([...after.keys()], [...before.keys()]);
  for (const [path, bytes] of before) assert.deepEqual(after.get(path), bytes, path);
  assert.deepEqual(
    [...Deno.readDirSync(tmp.path)].map((e) => e.name),
    ["site"],
    "no temp or old folders left beside dest",
  );
});

Deno.test("ssg/cli/cli.ts build on a broken page exits 1 and leaves the previous dest untouched", async () => {
  await using tmp = await tempDir();
  const dest = `${tmp.path}/site`;
  await Deno.mkdir(dest);
  await Deno.writeTextFile(`${dest}/index.html`, "previous build");
  await Deno.writeTextFile(`${dest}/${MARKER}`, MARKER_TEXT);
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--unstable-worker-options",
      "ssg/cli/cli.ts",
      "build",
      "--src",
      fixturePath("errors", "wrong_type"),
      "--dest",
      dest,
    ],
    cwd: ROOT,
    env: { RUST_BACKTRACE: "0", NO_COLOR: "1" },
    stdout: "null",
    stderr: "piped",
  }).output();
  const err = new TextDecoder().decode(stderr);
  assert.equal(code, 1, err);
  assert.match(
    err,
    /tests\/fixtures\/errors\/wrong_type\/page.md:4:8: front matter "order" must be a number/,
  );
  assert.equal(Deno.readTextFileSync(`${dest}/index.html`), "previous build");
  assert.deepEqual([...Deno.readDirSync(dest)].map((e) => e.name).sort(), [MARKER, "index.html"]);
});

Deno.test("render(site) with a broken _data file names it relative to the project, with its line", async () => {
  const site = await freshSite({ src: fixture("errors", "bad_data") });
  const error = await render(site).then(() => null, (e) => e);
  assert.ok(error instanceof SiteError, String(error));
  assert.equal(error.location.file, fixturePath("errors", "bad_data", "_data", "broken.yaml"));
  assert.equal(error.location.line, 2);
});

Deno.test("render(site) with two lectures numbered 3 names both files; translations may share it", async () => {
  await using tmp = await tempDir();
  await Deno.mkdir(`${tmp.path}/lectures`);
  const page = (title: string, extra = "") => `---\ntitle: ${title}\n${extra}---\n\nText.\n`;
  await Deno.writeTextFile(`${tmp.path}/lectures/03-a.md`, page("A"));
  await Deno.writeTextFile(`${tmp.path}/lectures/03-a.en.md`, page("A en"));
  await Deno.writeTextFile(`${tmp.path}/lectures/04-b.md`, page("B"));
  assert.ok((await render(await freshSite({ src: tmp.path }))).output.size > 0);

  await Deno.writeTextFile(`${tmp.path}/lectures/03-c.md`, page("C"));
  const error = await render(await freshSite({ src: tmp.path })).then(() => null, (e) => e);
  assert.ok(error instanceof SiteError, String(error));
  assert.match(error.location.file, /lectures\/03-c\.md$/);
  assert.match(error.message, /lecture number 3 is also the number of .*lectures\/03-a\.md/);

  await Deno.writeTextFile(`${tmp.path}/lectures/03-c.md`, page("C", "order: 4\n"));
  const again = await render(await freshSite({ src: tmp.path })).then(() => null, (e) => e);
  assert.ok(again instanceof SiteError, String(again));
  assert.match(again.message, /lecture number 4 is also the number of .*lectures\/03-c\.md/);
  assert.match(again.location.file, /lectures\/04-b\.md$/);
});

Deno.test("render(site) with a broken component names its file relative to the project", async () => {
  const site = await freshSite({ src: fixture("errors", "bad_component") });
  const error = await render(site).then(() => null, (e) => e);
  assert.ok(error instanceof SiteError, String(error));
  assert.equal(
    error.location.file,
    fixturePath("errors", "bad_component", "_components", "no_default.ts"),
  );
  assert.match(error.message, /must export a default function/);
});
