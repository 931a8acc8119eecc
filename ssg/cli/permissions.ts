/**
 * What `deno task build` and `deno task serve` may do, worked out from their flags: the one
 * place these rules live. The launcher (launch.ts) starts the command with exactly these
 * permissions; pages, layouts and components get less still (sandbox.ts: reading only).
 */
import type { Flags } from "./flags.ts";
import { defaults, resolvePath } from "../core/options.ts";

/** Environment variables the build passes on; every other one is left out of its process. */
export const PASSED_ENV = [
  "PATH",
  "HOME",
  "DENO_DIR",
  "NPM_CONFIG_REGISTRY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "NO_COLOR",
];

/** The permissions of one command, as absolute paths and host names. */
export interface TaskPermissions {
  read: string[];
  write: string[];
  /** Programs it may run: the bundler's own binary. */
  run: string[];
  /** Addresses it may listen on (serve only). */
  net: string[];
}

/** esbuild's binary for this platform, at the version `deno.json` imports. */
export function toolBinaries(
  root: string,
  imports: Record<string, string>,
  platform = `${Deno.build.os}-${Deno.build.arch === "aarch64" ? "arm64" : "x64"}`,
): string[] {
  const version = (name: string) => {
    const m = imports[name]?.match(/^npm:[^@]+@(\d[\w.-]*)$/);
    if (!m) throw new Error(`deno.json: imports must pin "${name}" to an exact version`);
    return m[1];
  };
  const at = (pkg: string, v: string, bin: string) =>
    `${root}/node_modules/.deno/${pkg.replace("/", "+")}@${v}/node_modules/${pkg}/bin/${bin}`;
  return [
    at(`@esbuild/${platform}`, version("esbuild"), "esbuild"),
  ];
}

/**
 * The permissions of `flags.command` run from `root`: read the project, the source folder
 * and the config; `build` writes only its destination and the temporary sibling it swaps
 * in from (and reads them, to check that an existing folder is an earlier output); `serve`
 * listens only on the address it serves, and writes nothing.
 */
export function taskPermissions(
  flags: Flags,
  root: string,
  imports: Record<string, string>,
): TaskPermissions {
  const read = [root];
  const add = (path: string) => {
    if (!read.some((d) => path === d || path.startsWith(d + "/"))) read.push(path);
  };
  add(resolvePath(root, flags.options.src ?? defaults.src));
  add(resolvePath(root, flags.config));
  const write: string[] = [];
  if (flags.command === "build") {
    const dest = resolvePath(root, flags.options.dest ?? defaults.dest);
    write.push(dest, `${dest}.tmp`);
    write.forEach(add);
  }
  const host = flags.options.hostname ?? defaults.hostname;
  const net = flags.command === "serve"
    ? host === defaults.hostname ? ["127.0.0.1", "localhost", "[::1]"] : [host]
    : [];
  return { read, write, run: toolBinaries(root, imports), net };
}

/** The `deno run` flags that grant `p` and nothing more. */
export function denoFlags(p: TaskPermissions): string[] {
  const list = (flag: string, items: string[]) =>
    items.length ? [`${flag}=${items.join(",")}`] : [];
  return [
    ...list("--allow-read", p.read),
    ...list("--allow-write", p.write),
    ...list("--allow-run", p.run),
    ...list("--allow-net", p.net),
    // The process's environment holds PASSED_ENV alone (the launcher clears the rest):
    // esbuild hands its binary the whole of it, which needs --allow-env.
    "--allow-env",
  ];
}
