import { layers, type Site } from "../core/site.ts";
import { siteScript } from "../core/bundle.ts";
import { LayeredLoader } from "../core/template_loader.ts";

export interface Options {
  /** Files in `_includes/` copied to the same path in the output (CSS, icons). */
  files?: string[];
  /** Stylesheets (among `files`) that every page links. */
  styles?: string[];
}

export const defaults = {
  files: ["assets/site.css", "assets/favicon.svg"],
  styles: ["assets/site.css"],
} satisfies Required<Options>;

/**
 * The look of the site: its stylesheet and icon from `_includes/assets/`, and
 * the small page script (theme toggle, copy buttons) every page loads.
 */
export default function theme(userOptions: Options = {}) {
  const options = { ...defaults, ...userOptions };
  return (site: Site) => {
    site.styles.push(...options.styles);
    site.scripts.push("assets/page.js");
    site.finish(async (output) => {
      const includes = new LayeredLoader(layers(site, site.options.includes));
      for (const file of options.files) {
        let from: string;
        try {
          from = includes.resolve("", file);
        } catch (error) {
          throw new Error(`theme: ${(error as Error).message}`);
        }
        output.set(file, await Deno.readFile(from));
      }
      const code = await Deno.readTextFile(new URL("../client/page.js", import.meta.url));
      output.set("assets/page.js", await siteScript(site, code, "page.js"));
    });
  };
}
