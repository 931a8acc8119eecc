/**
 * A build as `deno task build` makes it: the site rendered (build.ts) and written to its
 * dest (write_output.ts). Each page is written as soon as it renders, beside dest, and
 * kept on disk rather than in memory; the rest of the output is written once the finishers
 * ran, and the folder then takes dest's place. A build that fails leaves dest as it was.
 */
import { render, type RenderOptions } from "./build.ts";
import type { BuildResult } from "./build.ts";
import { Sandbox, type SandboxThread } from "./sandbox.ts";
import type { Site } from "./site.ts";
import { Staging } from "./write_output.ts";

export interface DiskBuildOptions extends Omit<RenderOptions, "write" | "late"> {
  /** Told the folder the build writes into before dest, before the first page renders. */
  staging?: (folder: string) => void;
  /** Told when the render is done, before the output is written (the build's clock stops). */
  rendered?: () => void;
  /** A sandbox thread started before the site was loaded, for the first sandbox to take over. */
  thread?: SandboxThread;
}

/** Builds `site` into `site.options.destDir`. */
export async function buildToDisk(
  site: Site,
  options: DiskBuildOptions = {},
): Promise<BuildResult> {
  const start = performance.now();
  const staging = new Staging(site.options.destDir);
  options.staging?.(staging.folder);
  const sandboxes = [
    new Sandbox(site, options.thread),
    ...Array.from({ length: site.options.workers }, () => new Sandbox(site)),
  ];
  try {
    const result = await render(site, {
      ...options,
      sandboxes,
      late: true,
      write: (path, html) => staging.writePage(path, html),
    });
    options.rendered?.();
    // The rest is written while the search index is finished.
    await staging.commit(result.output, result.late);
    result.ms = performance.now() - start;
    return result;
  } catch (error) {
    await staging.abort();
    throw error;
  } finally {
    for (const sandbox of sandboxes) sandbox.close();
  }
}
