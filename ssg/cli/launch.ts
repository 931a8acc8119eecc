/**
 * `deno task build` and `deno task serve` start here. The launcher reads the flags, works
 * out what the command may do (permissions.ts), and starts it (cli.ts) in a process with
 * those permissions only and an environment of the variables it needs, so `--dest
 * ../public` or `--src ~/notes` work and nothing gets more access than its flags ask for.
 * It evaluates no page, layout, component or config code itself.
 */
import { parseFlags, usage } from "./flags.ts";
import { denoFlags, PASSED_ENV, taskPermissions } from "./permissions.ts";

/** The `deno` arguments that run `args` (a command and its flags) as the launcher would. */
export function childArgs(args: string[], root: string): string[] {
  const flags = parseFlags(args);
  const imports = JSON.parse(Deno.readTextFileSync(`${root}/deno.json`)).imports ?? {};
  const permissions = taskPermissions(flags, root, imports);
  return [
    "run",
    "--no-prompt",
    // Per-worker permissions, which the page sandbox is made of (sandbox.ts).
    "--unstable-worker-options",
    // A small young generation keeps a build's peak memory down at the same speed.
    ...(flags.command === "build" ? ["--v8-flags=--max-semi-space-size=4"] : []),
    ...denoFlags(permissions),
    `${root}/ssg/cli/cli.ts`,
    ...args,
  ];
}

if (import.meta.main) {
  const args = Deno.args.map((a) => (a === "-h" ? "--help" : a));
  let deno: string[];
  try {
    const flags = parseFlags(args);
    if (flags.help) {
      console.log(usage(flags.command));
      Deno.exit(0);
    }
    deno = childArgs(args, Deno.cwd());
  } catch (error) {
    const command = args[0] === "serve" ? "serve" : "build";
    console.error(
      `error: ${(error as Error).message}\nrun deno task ${command} --help for the options`,
    );
    Deno.exit(1);
  }
  const env: Record<string, string> = { RUST_BACKTRACE: "0" };
  for (const name of PASSED_ENV) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  // By name, as the task's own permission (--allow-run=deno) names it: the deno on PATH.
  const child = new Deno.Command("deno", {
    args: deno,
    clearEnv: true,
    env,
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  // Ctrl-C reaches both processes; a signal sent to this one alone is passed on.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    Deno.addSignalListener(signal, () => {
      try {
        child.kill(signal);
      } catch { /* already ended */ }
    });
  }
  const status = await child.status;
  Deno.exit(status.signal ? 128 + (status.signal === "SIGTERM" ? 15 : 2) : status.code);
}
