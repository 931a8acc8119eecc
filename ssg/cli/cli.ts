/**
 * `deno task build` / `deno task serve`, with Lume's flags (flags.ts), as the launcher
 * (launch.ts) starts them: with the permissions their flags need and no more.
 */
// Only what starting the page sandbox needs is imported up front: the build's own modules
// (and node:zlib and yaml with them) load once its thread is on its way (buildCommand).
import { removeStaging } from "../core/fs.ts";
import { parseFlags, TIMEOUT, usage } from "./flags.ts";
import { defaults, type Options, resolvePath } from "../core/options.ts";
import { permissionsFor, type SandboxThread, startThread } from "../core/sandbox.ts";
import { configUrl, formatError, loadSite } from "../core/load_site.ts";
import { watchdog } from "../server/watchdog.ts";

export { formatError, loadSite, TIMEOUT };

/**
 * Builds into dest; exits 1 on error and leaves the previous dest as it was.
 * A build still running after `timeout` seconds is stopped (watchdog.ts).
 */
export async function buildCommand(
  config: string,
  options: Options,
  timeout = TIMEOUT.build,
): Promise<boolean> {
  const clock = watchdog(timeout);
  let staging: string | undefined;
  /** The page sandbox's thread, started first: it loads its code while this thread loads the site. */
  let thread: SandboxThread | undefined;
  // Ctrl-C: the folder the pages were being written to goes too.
  const interrupted = () => {
    if (staging) removeStaging(staging);
    Deno.exit(130);
  };
  Deno.addSignalListener("SIGINT", interrupted);
  try {
    clock.tell(`loading ${config}`);
    const url = configUrl(config);
    thread = startThread(guessPermissions(url, options), url);
    const [{ summary }, { buildToDisk }, { checkDest, checkSourceFolder, checkWritable }] =
      await Promise.all([
        import("../core/build.ts"),
        import("../core/build_to_disk.ts"),
        import("../core/dest.ts"),
      ]);
    const site = await loadSite(config, options);
    checkSourceFolder(site.options.srcDir);
    checkDest(site.options, site.ignored);
    checkWritable(site.options.destDir);
    const result = await buildToDisk(site, {
      thread,
      progress: (what, page) => clock.tell(what, page?.path),
      staging: (folder) => clock.cleanup(staging = folder),
      rendered: () => clock.stop(),
    });
    console.log(`built ${site.options.dest}/: ${summary(result)}`);
    return true;
  } catch (error) {
    console.error(formatError(error));
    console.error("build failed; the previous output is untouched");
    return false;
  } finally {
    clock.stop();
    Deno.removeSignalListener("SIGINT", interrupted);
    thread?.worker.terminate(); // if the site never loaded; ended already otherwise
  }
}

/**
 * The page sandbox's permissions as the flags tell them, before the config is read: a config
 * that sets `src` itself gets a sandbox of its own (Sandbox compares the two).
 */
function guessPermissions(configUrl: string, options: Options): Deno.PermissionOptionsObject {
  const root = Deno.cwd();
  return permissionsFor(root, resolvePath(root, options.src ?? defaults.src), configUrl);
}

if (import.meta.main) {
  let parsed;
  try {
    parsed = parseFlags(Deno.args);
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    Deno.exit(1);
  }
  if (parsed.help) {
    console.log(usage(parsed.command));
  } else if (parsed.command === "build") {
    Deno.exit((await buildCommand(parsed.config, parsed.options, parsed.timeout)) ? 0 : 1);
  } else {
    // The dev server's code is loaded only for serve: a build starts sooner without it.
    const { serve } = await import("../server/server.ts");
    try {
      serve(parsed.config, parsed.options, { buildTimeout: parsed.timeout * 1000 });
    } catch (error) {
      // Start-up problems (port taken, missing --src…) are one line, not a stack trace.
      console.error(formatError(error));
      Deno.exit(1);
    }
  }
}
