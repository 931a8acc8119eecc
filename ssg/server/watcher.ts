/** A debounced watcher of whole folder trees: many events from one save become one call. */
export interface Watcher {
  close(): void;
}

export interface WatchOptions {
  /** Absolute paths whose events are dropped and which are never watched (output, .git, node_modules). */
  ignore: string[];
  /** Called with the changed paths, at most once per quiet period. */
  onChange(paths: string[]): void;
  /** Quiet period in ms. */
  debounce?: number;
}

/**
 * Watches every file and folder under `roots`, including ones created or
 * renamed later, except ignored paths and dot-entries at the top. Each root
 * itself is watched shallowly; its entries recursively, re-listed whenever
 * the top level changes (so `node_modules`' many folders cost no watches).
 */
export function watchTree(roots: string[], options: WatchOptions): Watcher {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const changed = new Set<string>();
  const skip = (p: string) =>
    options.ignore.some((i) => p === i || p.startsWith(i + "/")) ||
    /\/\.[^/]*$|~$|\.swp$/.test(p);
  const report = (paths: string[]) => {
    paths.forEach((p) => changed.add(p));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const list = [...changed];
      changed.clear();
      options.onChange(list);
    }, options.debounce ?? 30);
  };
  const pump = async (fsw: Deno.FsWatcher, onEvent?: () => void) => {
    try {
      for await (const event of fsw) {
        // Editors save through temp files and renames: take every kind, then settle.
        const paths = event.paths.filter((p) => !skip(p));
        if (!paths.length) continue;
        onEvent?.();
        report(paths);
      }
    } catch { /* closed */ }
  };

  let deep: Deno.FsWatcher | undefined;
  let listed = "";
  const relist = () => {
    if (closed) return;
    const targets: string[] = [];
    for (const root of roots) {
      try {
        for (const e of Deno.readDirSync(root)) {
          const path = `${root}/${e.name}`;
          if (!e.name.startsWith(".") && !skip(path)) targets.push(path);
        }
      } catch { /* root gone: the shallow watcher reports it */ }
    }
    targets.sort();
    const key = targets.join("\n");
    if (key === listed) return;
    listed = key;
    deep?.close();
    deep = undefined;
    if (!targets.length) return;
    try {
      deep = Deno.watchFs(targets, { recursive: true });
      pump(deep);
    } catch {
      // An entry vanished between listing and watching: list again shortly.
      listed = "";
      setTimeout(relist, 50);
    }
  };
  const shallow = Deno.watchFs(roots, { recursive: false });
  pump(shallow, relist);
  relist();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      shallow.close();
      deep?.close();
    },
  };
}
