/**
 * The command line of `deno task build` and `deno task serve`, with Lume's flags. The
 * launcher (launch.ts) and the command it starts (cli.ts) read the same flags through
 * parseFlags(), so the permissions always follow what the build will do.
 */
import { parseArgs } from "node:util";
import type { Options } from "../core/options.ts";
import { didYouMean } from "../core/props.ts";

/** Seconds a build may run before it is stopped, by default: `build`, and each rebuild of `serve`. */
export const TIMEOUT = { build: 120, serve: 30 };

/** Each flag: its value's name (none for a switch), what it does, and which commands take it. */
const FLAGS: Record<
  string,
  { value?: string; help: string; commands: Array<"build" | "serve"> }
> = {
  src: {
    value: "DIR",
    help: "folder of the pages (default: the project)",
    commands: ["build", "serve"],
  },
  dest: { value: "DIR", help: "output folder (default: _site)", commands: ["build"] },
  location: {
    value: "URL",
    help: "public address; its path prefixes every URL (https://example.org/course/)",
    commands: ["build", "serve"],
  },
  config: {
    value: "FILE",
    help: "the site's config (default: _config.ts)",
    commands: ["build", "serve"],
  },
  drafts: {
    help: "include draft: true pages (always on under serve)",
    commands: ["build", "serve"],
  },
  port: { value: "N", help: "port to serve on (default: 3000)", commands: ["serve"] },
  hostname: {
    value: "HOST",
    help: "address to serve on (default: 127.0.0.1, loopback only)",
    commands: ["serve"],
  },
  timeout: {
    value: "SECONDS",
    help:
      `stop a build still running after this long (build ${TIMEOUT.build}, serve ${TIMEOUT.serve}; 0: no limit)`,
    commands: ["build", "serve"],
  },
  workers: {
    value: "N",
    help: "extra page-rendering threads (default: 0; helps only sites of thousands of pages)",
    commands: ["build", "serve"],
  },
  help: { help: "print this help", commands: ["build", "serve"] },
};

const ABOUT = {
  build: "Builds the site into --dest (default _site/); a failed build leaves it untouched.",
  serve: "Serves the site from memory, rebuilding and reloading the page on every save.",
};

/** The usage text of `command`, one line per option. */
export function usage(command: "build" | "serve"): string {
  const rows = Object.entries(FLAGS).filter(([, f]) => f.commands.includes(command))
    .map(([name, f]) => [`--${name}${f.value ? ` ${f.value}` : ""}`, f.help]);
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    `usage: deno task ${command} [options]`,
    ABOUT[command],
    "",
    ...rows.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`),
    "",
    "Pages, layouts and components render with read access to the project and nothing else;",
    `see README.md, "Safety", for what the ${command} task itself may do.`,
  ].join("\n");
}

/** What the command line asks for. */
export interface Flags {
  command: "build" | "serve";
  config: string;
  options: Options;
  timeout: number;
  help: boolean;
}

/** Reads the flags of `build` or `serve`; a bad one throws an error that says what was typed. */
export function parseFlags(args: string[]): Flags {
  // No command, or flags only: build, as `deno run ssg/cli/cli.ts` alone does.
  const named = args.length > 0 && !args[0].startsWith("-");
  const command = named ? args[0] : "build";
  if (command !== "build" && command !== "serve") {
    throw new TypeError(`unknown command "${command}": use build or serve`);
  }
  const rest = named ? args.slice(1) : args;
  const known = Object.entries(FLAGS).filter(([, f]) => f.commands.includes(command));
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const name = arg.match(/^--?([^=]+)/)?.[1];
    if (name === undefined) {
      throw new TypeError(`unexpected argument "${arg}" (options start with --)`);
    }
    const flag = known.find(([k]) => k === name)?.[1];
    if (!flag) {
      const hint = didYouMean(name, known.map(([k]) => k));
      const other = FLAGS[name] ? ` (${command} has no --${name})` : "";
      throw new TypeError(
        `unknown option "${arg}"${other}${hint && !other ? ` (did you mean --${hint}?)` : ""}`,
      );
    }
    if (flag.value && !arg.includes("=")) {
      if (i + 1 >= rest.length) {
        throw new TypeError(`--${name} needs a value: --${name} ${flag.value}`);
      }
      i++;
    }
  }
  const { values } = parseArgs({
    args: rest,
    allowPositionals: false,
    options: Object.fromEntries(
      known.map(([name, f]) => [name, { type: f.value ? "string" : "boolean" }] as const),
    ) as Record<string, { type: "string" | "boolean" }>,
  });
  const text = (name: string) => values[name] as string | undefined;
  const port = text("port") === undefined ? undefined : Number(text("port"));
  if (port !== undefined && (!/^\d+$/.test(text("port")!) || port > 65535)) {
    throw new TypeError(`--port must be a number from 0 to 65535, got "${text("port")}"`);
  }
  const workers = text("workers") === undefined ? undefined : Number(text("workers"));
  if (workers !== undefined && (!/^\d+$/.test(text("workers")!) || workers > 16)) {
    throw new TypeError(`--workers must be a whole number from 0 to 16, got "${text("workers")}"`);
  }
  if (text("timeout") !== undefined && !/^\d+(\.\d+)?$/.test(text("timeout")!)) {
    throw new TypeError(
      `--timeout must be a number of seconds (0 for no limit), got "${text("timeout")}"`,
    );
  }
  const timeout = text("timeout") === undefined ? TIMEOUT[command] : Number(text("timeout"));
  const hostname = text("hostname");
  return {
    command,
    config: text("config") ?? "_config.ts",
    timeout,
    help: values.help === true,
    options: {
      src: text("src"),
      dest: text("dest"),
      location: text("location") ??
        (command === "serve" ? `http://${hostname ?? "127.0.0.1"}:${port ?? 3000}/` : undefined),
      port,
      hostname,
      drafts: (values.drafts as boolean | undefined) ?? (command === "serve" ? true : undefined),
      workers,
    },
  };
}
