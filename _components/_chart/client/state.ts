/**
 * The linked selection of a page: charts that show the same data set form a group and share
 * one selected (w, b), and charts of a training run share the selected epoch. The selection
 * lives in the URL's hash (`#linear.w=2.5&affine.b=1&fit.epoch=120`), so a reader can link to
 * a state and loading that URL restores it.
 */

/** A group's selected parameters, and the selected epoch of a training run. */
export interface Selection {
  w?: number;
  b?: number;
  /** Epoch chosen on a training curve (0 = before training); w and b follow it there. */
  epoch?: number;
}

type Listener = (value: Selection, source: unknown) => void;

/** One group of linked charts. */
export interface Group {
  readonly name: string;
  get(): Selection;
  /** Merges `change` into the selection and tells every listener but `source`. */
  set(change: Selection, source?: unknown): void;
  /** Calls `fn` on every change; returns a function that stops it. */
  subscribe(fn: Listener): () => void;
}

const groups = new Map<string, { value: Selection; listeners: Set<Listener>; fromHash: boolean }>();
const KEYS = ["w", "b", "epoch"] as const;

/**
 * Parses `#linear.w=2.5&b=1`: a bare key applies to every group. Each part is decoded on its own,
 * so a hash that is not a selection (`#50%`, a heading's id) is ignored, not an error.
 */
function parseHash(hash: string): Map<string, Selection> {
  const out = new Map<string, Selection>();
  for (const part of hash.replace(/^#/, "").split("&")) {
    const m = part.match(/^(?:([^=]+)\.)?(w|b|epoch)=(-?[\d.]+(?:e-?\d+)?)$/);
    if (!m || !Number.isFinite(Number(m[3]))) continue;
    let name = "*";
    if (m[1] !== undefined) {
      try {
        name = decodeURIComponent(m[1]);
      } catch {
        continue;
      }
    }
    const sel = out.get(name) ?? {};
    sel[m[2] as (typeof KEYS)[number]] = Number(m[3]);
    out.set(name, sel);
  }
  return out;
}

function fromHash(name: string): Selection {
  const parsed = parseHash(location.hash);
  return { ...parsed.get("*"), ...parsed.get(name) };
}

let writing = 0;
function writeHash() {
  cancelAnimationFrame(writing);
  writing = requestAnimationFrame(() => {
    const parts: string[] = [];
    for (const [name, g] of groups) {
      for (const k of KEYS) {
        const v = g.value[k];
        if (v !== undefined) {
          parts.push(`${encodeURIComponent(name)}.${k}=${Number(v.toPrecision(10))}`);
        }
      }
    }
    const hash = "#" + parts.join("&");
    if (hash !== location.hash) history.replaceState(history.state, "", hash);
  });
}

/**
 * The group `name`, created on first use with the selection in the URL's hash, if any.
 * `initial` is used for what the hash does not say (the first chart to join sets it).
 */
export function group(name: string, initial: Selection = {}): Group {
  let g = groups.get(name);
  if (!g) {
    const hashed = fromHash(name);
    g = {
      value: { ...initial, ...hashed },
      listeners: new Set(),
      fromHash: Object.keys(hashed).length > 0,
    };
    groups.set(name, g);
  } else {
    for (const k of KEYS) {
      if (g.value[k] === undefined && initial[k] !== undefined) g.value[k] = initial[k];
    }
  }
  const state = g;
  return {
    name,
    get: () => state.value,
    set(change, source) {
      let changed = false;
      for (const k of KEYS) {
        const v = change[k];
        if (v !== undefined && v !== state.value[k]) {
          state.value[k] = v;
          changed = true;
        }
      }
      if (!changed) return;
      for (const fn of state.listeners) if (fn !== source) fn(state.value, source);
      writeHash();
    },
    subscribe(fn) {
      state.listeners.add(fn);
      return () => state.listeners.delete(fn);
    },
  };
}

// A link followed within the page (or the back button) restores that state.
addEventListener("hashchange", () => {
  const parsed = parseHash(location.hash);
  if (parsed.size === 0) return;
  for (const name of groups.keys()) {
    const sel = { ...parsed.get("*"), ...parsed.get(name) };
    if (Object.keys(sel).length) group(name).set(sel, null);
  }
});
