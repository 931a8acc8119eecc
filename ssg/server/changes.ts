/** What a batch of saved files asks of the dev server's next build. */
export interface Change {
  /** Build every page anew (data, layouts, static files or code changed), not only those saved. */
  fresh: boolean;
  /** Start a new build thread: code it imported (engine, config, data modules) changed. */
  restart: boolean;
  /** Only components changed: the running build thread imports them anew. */
  components: boolean;
}

/** Browser code: bundled afresh by every build, never imported by the build thread. */
const BROWSER = /\/client\/|\/client\.(?:ts|js)$/;
const CODE = /\.(?:ts|js|mjs|tsx)$/;
/** A page, unless it lives in a `_` folder (layouts, components, data). */
const PAGE = /\.(?:md|vto)$/;

/**
 * What saving `paths` means, given the folders components live in (each ending in `/`):
 * a page alone rebuilds what changed, components alone reload in the running thread, other
 * code restarts it, anything else rebuilds every page.
 */
export function whatChanged(paths: string[], componentDirs: string[]): Change {
  const code = paths.filter((p) => CODE.test(p) && !BROWSER.test(p));
  const components = code.length > 0 &&
    code.every((p) => componentDirs.some((d) => p.startsWith(d)));
  const restart = code.length > 0 && !components;
  const fresh = restart ||
    paths.some((p) => !code.includes(p) && (!PAGE.test(p) || p.includes("/_")));
  return { fresh, restart, components };
}
