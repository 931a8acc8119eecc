// Test-only: run tests/engine/torch_runs.py with the listings' interpreter ($PYTHON, else
// Debian's /usr/bin/python3, the one that has PyTorch; the python3 first on PATH may not).
import { pythonProbe, ROOT } from "../helpers.ts";

const PYTHON = pythonProbe().python ?? "/usr/bin/python3";

/** Whether PyTorch can be imported by the listings' interpreter, and if not, why. */
export function hasTorch(): { ok: boolean; why: string } {
  const probe = pythonProbe();
  const why = probe.broken ||
    (probe.missing.includes("torch") ? `torch is not installed for ${probe.python}` : "");
  return { ok: !why, why };
}

/** Sends `input` as JSON to `script` (under tests/engine/) and parses what it prints. */
export async function runPython<T>(script: string, input: unknown): Promise<T> {
  const child = new Deno.Command(PYTHON, {
    args: [`${ROOT}/tests/engine/${script}`],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(input)));
  await writer.close();
  const { success, stdout, stderr } = await child.output();
  if (!success) throw new Error(`${script} failed: ${new TextDecoder().decode(stderr)}`);
  return JSON.parse(new TextDecoder().decode(stdout));
}
