/** A debounced recursive watcher: many events from one save become one call. */
export interface Watcher {
  close(): void;
}

export interface WatchOptions {
  /** Absolute paths whose events are dropped (output, .git, node_modules). */
  ignore: string[];
  /** Called with the changed paths, at most once per quiet period. */
  onChange(paths: string[]): void;
  /** Quiet period in ms. */
  debounce?: number;
}

export function watch(dirs: string[], options: WatchOptions): Watcher {
  const fsw = Deno.watchFs([...new Set(dirs)], { recursive: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = new Set<string>();
  const skip = (p: string) =>
    options.ignore.some((i) => p === i || p.startsWith(i + "/") || p.startsWith(i + ".")) ||
    /\/\.[^/]*$|~$|\.swp$/.test(p);
  (async () => {
    try {
      for await (const event of fsw) {
        // Editors save through temp files and renames: take every kind, then settle.
        const paths = event.paths.filter((p) => !skip(p));
        if (!paths.length) continue;
        paths.forEach((p) => changed.add(p));
        clearTimeout(timer);
        timer = setTimeout(() => {
          const list = [...changed];
          changed.clear();
          options.onChange(list);
        }, options.debounce ?? 30);
      }
    } catch { /* closed */ }
  })();
  return {
    close() {
      clearTimeout(timer);
      fsw.close();
    },
  };
}
