/// <reference lib="deno.worker" />
/**
 * Inside the page sandbox (sandbox.ts): loads the site's config, layouts, components and
 * data, and renders the pages it is sent. This thread may only read.
 */
import "./sandbox_env.ts";
import { SiteError } from "./errors.ts";
import { createRenderer, renderPages } from "./renderer.ts";
import type { Renderer } from "./render.ts";
import { AHEAD, type SandboxJob, type SandboxReply } from "./sandbox.ts";
import { unpackPage } from "./sent_pages.ts";
import type { Site } from "./site.ts";

let site: Site | undefined;
/** URLs to import components' main files by, set by the dev server (see loadComponents). */
let modules: Record<string, string> = {};
/**
 * The renderer for the first render after `load`, made as soon as the site loads: the build's
 * thread is then still reading the pages it will send.
 */
let early: Promise<Renderer> | undefined;
/** The last page the build's thread has taken in (SandboxJob `taken`), and who waits for it. */
let taken = -1;
let waitingFor = 0;
let caughtUp: (() => void) | undefined;

const reply = (message: SandboxReply, transfer: Transferable[] = []) =>
  self.postMessage(message, transfer);

self.onmessage = async (e: MessageEvent<SandboxJob>) => {
  try {
    if ("load" in e.data) {
      const { configUrl, options } = e.data.load;
      site = (await import(configUrl)).default as Site;
      site.options = options;
      site.configUrl = configUrl;
      reply({ loaded: true });
      early = createRenderer(site, modules);
      early.catch(() => {}); // told by the render that takes it
    } else if ("taken" in e.data) {
      taken = e.data.taken;
      if (taken >= waitingFor) caughtUp?.();
    } else if ("modules" in e.data) {
      modules = e.data.modules;
      early = undefined;
      reply({ modules: true });
    } else {
      if (!site) throw new Error("page sandbox: render before load");
      // Layouts, components and data are read afresh for every build (the first after `load`
      // takes the renderer made then).
      const renderer = await (early ?? createRenderer(site, modules));
      early = undefined;
      taken = -1;
      const sent = e.data.render;
      await renderPages(
        renderer,
        sent.pages.length,
        (i) => unpackPage(sent, i),
        (i) => reply({ rendering: i }),
        (i, rendered) => {
          reply({ page: i, rendered }, [rendered.html.buffer]);
          // At most AHEAD pages wait for the build's thread: a slow disk holds no more.
          if (i - taken > AHEAD) {
            waitingFor = i - AHEAD;
            return new Promise<void>((resolve) => (caughtUp = resolve));
          }
        },
      );
      reply({ done: true });
    }
  } catch (error) {
    reply({
      error: error instanceof SiteError
        ? { message: error.message, location: error.location }
        : { message: error instanceof Error ? error.message : String(error) },
    });
  }
};

// A config to import at once (startThread's `preload`), while the build's thread loads the
// site: `load` imports it again, and tells what went wrong if it failed.
const preload = new URL(import.meta.url).searchParams.get("preload");
if (preload) import(preload).catch(() => {});

// Messages sent before this module finished loading can be lost: say when it has.
reply({ ready: true });
