// Test-only: run tests/engine/torch_runs.py with Debian's /usr/bin/python3 (the interpreter
// that has PyTorch; the python3 first on PATH may not).
import { ROOT } from "../helpers.ts";

const PYTHON = "/usr/bin/python3";

/** Whether PyTorch can be imported by /usr/bin/python3, and if not, why. */
export function hasTorch(): { ok: boolean; why: string } {
  try {
    const { success } = new Deno.Command(PYTHON, {
      args: ["-c", "import torch"],
      stdout: "null",
      stderr: "null",
    }).outputSync();
    return { ok: success, why: success ? "" : `torch is not installed for ${PYTHON}` };
  } catch {
    return { ok: false, why: `${PYTHON} is not installed` };
  }
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
