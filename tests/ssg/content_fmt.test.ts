/**
 * Lecture content is the build's to check, not the code formatter's: a new
 * lecture that `deno fmt` would rewrap does not fail `deno task check`.
 */
import assert from "node:assert/strict";
import { ROOT, tempDir } from "../helpers.ts";

Deno.test("deno fmt --check (the check task's first step) leaves lectures/ alone", async () => {
  await using dir = await tempDir();
  await Deno.copyFile(`${ROOT}/deno.json`, `${dir.path}/deno.json`);
  await Deno.mkdir(`${dir.path}/lectures`);
  const lecture = "---\ntitle:   四\n---\n\n| a | b |\n|-|-|\n|1|22|\n\n*   item\n";
  await Deno.writeTextFile(`${dir.path}/lectures/04-new.md`, lecture);
  await Deno.writeTextFile(`${dir.path}/code.ts`, "export const x = 1;\n");
  const run = (args: string[]) =>
    new Deno.Command(Deno.execPath(), { args, cwd: dir.path, stdout: "piped", stderr: "piped" })
      .output();
  const check = await run(["fmt", "--check"]);
  assert.equal(check.code, 0, new TextDecoder().decode(check.stderr));
  // The same file outside lectures/ is still formatted: the exclusion is not global.
  await Deno.writeTextFile(`${dir.path}/notes.md`, lecture);
  assert.notEqual((await run(["fmt", "--check"])).code, 0);
});
