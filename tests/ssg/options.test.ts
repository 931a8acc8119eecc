import assert from "node:assert/strict";
import { parseFlags, usage } from "../../ssg/cli/flags.ts";
import { defaults, resolveOptions, resolvePath } from "../../ssg/core/options.ts";

const locations: Array<[string, string, string]> = [
  ["https://example.org", "https://example.org/", "/"],
  ["https://example.org/course", "https://example.org/course/", "/course/"],
  ["https://example.org/course/", "https://example.org/course/", "/course/"],
  ["http://127.0.0.1:3000/", "http://127.0.0.1:3000/", "/"],
  ["https://example.org/a/b/?q=1#x", "https://example.org/a/b/", "/a/b/"],
];
for (const [location, resolved, basePath] of locations) {
  Deno.test(`resolveOptions({ location: "${location}" }) has basePath ${basePath}`, () => {
    const o = resolveOptions({ location }, "/root");
    assert.equal(o.location, resolved);
    assert.equal(o.basePath, basePath);
  });
}

Deno.test("resolveOptions({}, root) fills every default and makes paths absolute", () => {
  const o = resolveOptions({}, "/root/project");
  assert.equal(o.srcDir, "/root/project");
  assert.equal(o.destDir, "/root/project/_site");
  assert.equal(o.port, defaults.port);
  assert.equal(o.hostname, "127.0.0.1");
  assert.equal(o.drafts, false);
  assert.deepEqual(o.languages, ["zh", "en"]);
});

Deno.test("resolveOptions({ src: undefined }) keeps defaults for undefined flags", () => {
  const o = resolveOptions({ src: undefined, dest: "out", port: undefined }, "/r");
  assert.equal(o.srcDir, "/r");
  assert.equal(o.destDir, "/r/out");
  assert.equal(o.port, 3000);
});

Deno.test("resolveOptions({ port: 0 }) accepts 0 (any free port)", () => {
  assert.equal(resolveOptions({ port: 0 }, "/r").port, 0);
});

const bad: Array<[string, Parameters<typeof resolveOptions>[0], RegExp]> = [
  ["a relative location", { location: "/course/" }, /location must be an absolute URL/],
  ["a negative port", { port: -1 }, /port must be an integer 0–65535, got -1/],
  ["a port too large", { port: 70000 }, /port must be an integer/],
  ["a fractional port", { port: 1.5 }, /port must be an integer/],
  ["NaN port (from --port abc)", { port: NaN }, /port must be an integer/],
  ["no languages", { languages: [] }, /languages must be a non-empty list/],
];
for (const [name, options, message] of bad) {
  Deno.test(`resolveOptions() rejects ${name}`, () => {
    assert.throws(() => resolveOptions(options, "/r"), message);
  });
}

const paths: Array<[string, string, string]> = [
  ["/a/b", "c", "/a/b/c"],
  ["/a/b", "./c/", "/a/b/c"],
  ["/a/b", "../c", "/a/c"],
  ["/a/b", "/abs/path", "/abs/path"],
  ["/a/b", ".", "/a/b"],
  ["/a", "../../..", "/"],
];
for (const [base, path, out] of paths) {
  Deno.test(`resolvePath("${base}", "${path}") is ${out}`, () => {
    assert.equal(resolvePath(base, path), out);
  });
}

Deno.test("parseFlags(['build', ...]) passes --src, --dest, --location through", () => {
  const { command, config, options } = parseFlags([
    "build",
    "--src",
    "notes",
    "--dest",
    "out",
    "--location",
    "https://example.org/course/",
  ]);
  assert.equal(command, "build");
  assert.equal(config, "_config.ts");
  assert.equal(options.src, "notes");
  assert.equal(options.dest, "out");
  assert.equal(options.location, "https://example.org/course/");
  assert.equal(options.drafts, undefined, "a build leaves drafts out unless told");
});

Deno.test("parseFlags([]) defaults to build and leaves location to _config.ts", () => {
  const { command, options } = parseFlags([]);
  assert.equal(command, "build");
  assert.equal(options.location, undefined);
});

Deno.test("parseFlags(['serve', '--port', '8080']) serves drafts on loopback at that port", () => {
  const { command, options } = parseFlags(["serve", "--port", "8080"]);
  assert.equal(command, "serve");
  assert.equal(options.port, 8080);
  assert.equal(options.drafts, true);
  assert.equal(options.location, "http://127.0.0.1:8080/");
});

Deno.test("parseFlags(['serve', '--hostname', '0.0.0.0']) puts the host in the location", () => {
  assert.equal(
    parseFlags(["serve", "--hostname", "0.0.0.0"]).options.location,
    "http://0.0.0.0:3000/",
  );
});

Deno.test("parseFlags(['deploy']) rejects an unknown command", () => {
  assert.throws(() => parseFlags(["deploy"]), /unknown command "deploy"/);
});

Deno.test("parseFlags(['build', '--dset', 'x']) names the flag it was likely meant to be", () => {
  assert.throws(
    () => parseFlags(["build", "--dset", "x"]),
    /unknown option "--dset" \(did you mean --dest\?\)/,
  );
  assert.throws(() => parseFlags(["serve", "--dest", "x"]), /serve has no --dest/);
  assert.throws(() => parseFlags(["build", "--nope"]), /unknown option "--nope"/);
});

Deno.test("parseFlags: a bad value is echoed as typed", () => {
  assert.throws(() => parseFlags(["build", "--workers", "abc"]), /--workers must be .*got "abc"/);
  assert.throws(() => parseFlags(["serve", "--port", "x1"]), /--port must be .*got "x1"/);
  assert.throws(() => parseFlags(["build", "--timeout", "soon"]), /got "soon"/);
  assert.throws(() => parseFlags(["build", "--dest"]), /--dest needs a value: --dest DIR/);
});

Deno.test("parseFlags(['build', '--help']) asks for help, and usage() has one line per option", () => {
  assert.equal(parseFlags(["build", "--help"]).help, true);
  for (const command of ["build", "serve"] as const) {
    const text = usage(command);
    for (const flag of ["--src", "--config", "--timeout", "--workers", "--help"]) {
      assert.equal(
        text.split("\n").filter((l) => l.trimStart().startsWith(flag + " ")).length,
        1,
        `${command} ${flag}`,
      );
    }
    assert.equal(/--dest /.test(text), command === "build");
    assert.equal(/--port /.test(text), command === "serve");
  }
});
