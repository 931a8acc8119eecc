/** Options of the site, as given to `lume()`-style `site(options)` in `_config.ts`. */
export interface Options {
  /** Folder of source pages, relative to the working directory. */
  src?: string;
  /** Output folder, relative to the working directory. */
  dest?: string;
  /**
   * Public base URL. Its path is the sub-path the site is served under:
   * `https://example.org/course/` makes every internal URL start with `/course/`.
   */
  location?: string;
  /** Languages of the site; the first is the default and gets no URL prefix. */
  languages?: string[];
  /** Folder (inside `src`) of layouts and partials. */
  includes?: string;
  /** Folder (inside `src`) of components. */
  components?: string;
  /** Folder (inside `src`) of shared data files. */
  data?: string;
  /** Dev server port. */
  port?: number;
  /** Dev server host name; loopback unless told otherwise. */
  hostname?: string;
  /** Show `draft: true` pages (on in `serve`, off in `build`). */
  drafts?: boolean;
  /**
   * Extra worker threads rendering pages in a build. Off by default: with the
   * formula and listing caches, a worker's start-up costs more than it saves
   * below several thousand pages (see `deno task bench`).
   */
  workers?: number;
}

export type Resolved = Required<Options> & {
  /** Absolute paths. */
  root: string;
  srcDir: string;
  destDir: string;
  /** Path prefix of every URL, always starting and ending with `/`. */
  basePath: string;
};

export const defaults = {
  src: ".",
  dest: "_site",
  location: "http://127.0.0.1:3000/",
  languages: ["zh", "en"],
  includes: "_includes",
  components: "_components",
  data: "_data",
  port: 3000,
  hostname: "127.0.0.1",
  drafts: false,
  workers: 0,
} satisfies Required<Options>;

/** Checks options once at the boundary and fills in defaults. */
export function resolveOptions(options: Options, root: string): Resolved {
  const o = { ...defaults, ...stripUndefined(options) };
  let url: URL;
  try {
    url = new URL(o.location);
  } catch {
    throw new TypeError(`site: location must be an absolute URL, got "${o.location}"`);
  }
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) {
    throw new RangeError(`site: port must be an integer 0–65535, got ${o.port}`);
  }
  if (!Array.isArray(o.languages) || o.languages.length === 0) {
    throw new TypeError('site: languages must be a non-empty list such as ["zh", "en"]');
  }
  const basePath = url.pathname.endsWith("/") ? url.pathname : url.pathname + "/";
  return {
    ...o,
    location: url.origin + basePath,
    root,
    srcDir: resolvePath(root, o.src),
    destDir: resolvePath(root, o.dest),
    basePath,
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Joins a path onto a folder unless it is absolute; no trailing slash. */
export function resolvePath(base: string, path: string): string {
  const joined = path.startsWith("/") ? path : `${base}/${path}`;
  const parts: string[] = [];
  for (const p of joined.split("/")) {
    if (p === "" || p === ".") continue;
    if (p === "..") parts.pop();
    else parts.push(p);
  }
  return "/" + parts.join("/");
}
