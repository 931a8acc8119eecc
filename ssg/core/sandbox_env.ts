/**
 * The page sandbox has no environment. Libraries it loads read `process.env` as they start
 * or parse (esbuild's binary path, yaml's debug switches); denied, those reads would throw,
 * so the sandbox sees an empty environment instead, as a process started with `env -i` does.
 * `Deno.env` stays denied: a page that asks for a variable gets a permission error.
 */
import process from "node:process";

Object.defineProperty(process, "env", { value: {}, configurable: true, writable: true });
