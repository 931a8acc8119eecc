import type { Site } from "../core/site.ts";

/**
 * Prefixes every root-relative URL in `href`, `src`, `action` and `poster`
 * with the base path of `location`, so the site works under a sub-path:
 * `href="/lectures/"` → `href="/course/lectures/"`.
 */
export default function basePath() {
  return (site: Site) => {
    site.process((html) => {
      const base = site.options.basePath;
      if (base === "/") return html;
      return html.replace(
        /(\s(?:href|src|action|poster)=")\/(?!\/)/g,
        (_, attr) => `${attr}${base}`,
      );
    });
  };
}
