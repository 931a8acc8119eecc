/**
 * The linked selection of a page: charts that show the same data set form a group and share
 * one selected (w, b), and charts of a training run share the selected epoch. The selection
 * lives in the URL's hash (`#linear.w=2.5&affine.b=1&fit.epoch=120`), so a reader can link to
 * a state and loading that URL restores it. Only what differs from the page as it loads is
 * written there.
 */

/** A group's selected parameters, the selected epoch of a training run, a learning rate. */
export interface Selection {
  w?: number;
  b?: number;
  /** Epoch chosen on a training curve (0 = before training); w and b follow it there. */
  epoch?: number;
  /** Learning rate chosen among a chart's precomputed descent runs. */
  lr?: number;
}

/** The values a key can take in a chart, in increasing order (its axis). */
export type Axes = { [K in keyof Selection]?: ArrayLike<number> };

type Key = keyof Selection;
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

interface State {
  value: Selection;
  /** The selection as the page loads (the server render's), before the hash or the reader. */
  initial: Selection;
  /** The first axis a chart of the group gave for each key: values are snapped to it. */
  axes: Axes;
  /** Keys whose value came from the hash and still waits for an axis to snap it to. */
  unsnapped: Set<Key>;
  listeners: Set<Listener>;
}

const groups = new Map<string, State>();
const KEYS: readonly Key[] = ["w", "b", "epoch", "lr"];

/**
 * Parses `#linear.w=2.5&b=1`: a bare key applies to every group. Each part is decoded on its own,
 * so a hash that is not a selection (`#50%`, a heading's id) is ignored, not an error.
 */
export function parseHash(hash: string): Map<string, Selection> {
  const out = new Map<string, Selection>();
  for (const part of hash.replace(/^#/, "").split("&")) {
    const m = part.match(/^(?:([^=]+)\.)?(w|b|epoch|lr)=(-?[\d.]+(?:e[-+]?\d+)?)$/);
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
    sel[m[2] as Key] = Number(m[3]);
    out.set(name, sel);
  }
  return out;
}

/** A value as the hash writes it: 10 significant digits, and no float noise around zero. */
export function hashNumber(v: number): string {
  return String(Math.abs(v) < 1e-9 ? 0 : Number(v.toPrecision(10)));
}

/** The value of `axis` nearest to `v` (axes increase). */
function snap(axis: ArrayLike<number>, v: number): number {
  let best = axis[0];
  for (let i = 1; i < axis.length; i++) {
    if (Math.abs(axis[i] - v) < Math.abs(best - v)) best = axis[i];
  }
  return best;
}

/** Whether two selections' values differ by more than rounding. */
function differs(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return a !== b;
  return Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * What the URL said as the page loaded (or at its last hashchange), for groups whose charts have
 * not set up yet: charts wake as they near the viewport, and a group that wakes late still finds
 * its part of the link, which the hash keeps until then.
 */
let pending = parseHash(location.hash);

function fromHash(name: string): Selection {
  return { ...pending.get("*"), ...pending.get(name) };
}

/** The parts of `pending` for groups no chart has joined yet, as the hash writes them. */
function pendingParts(): string[] {
  const parts: string[] = [];
  for (const [name, sel] of pending) {
    if (groups.has(name)) continue;
    const prefix = name === "*" ? "" : `${encodeURIComponent(name)}.`;
    for (const k of KEYS) {
      if (sel[k] !== undefined) parts.push(`${prefix}${k}=${hashNumber(sel[k]!)}`);
    }
  }
  return parts;
}

/** The hash for the state of every group: the keys that differ from the page as it loaded. */
export function hashOf(states: Iterable<[string, { value: Selection; initial: Selection }]>) {
  const parts: string[] = [];
  for (const [name, g] of states) {
    for (const k of KEYS) {
      const v = g.value[k];
      if (v !== undefined && differs(v, g.initial[k])) {
        parts.push(`${encodeURIComponent(name)}.${k}=${hashNumber(v)}`);
      }
    }
  }
  return parts.length ? "#" + parts.join("&") : "";
}

let writing = 0;
function writeHash() {
  cancelAnimationFrame(writing);
  writing = requestAnimationFrame(() => {
    const parts = [hashOf(groups).slice(1), ...pendingParts()].filter(Boolean);
    const hash = parts.length ? "#" + parts.join("&") : "";
    if (hash === location.hash) return;
    // Leave an anchor that is not a selection (a heading's id) alone until there is a state.
    if (!hash && parseHash(location.hash).size === 0) return;
    history.replaceState(history.state, "", hash || location.pathname + location.search);
  });
}

/** Snaps the keys of `state` that have an axis now; returns whether a value moved. */
function snapAll(state: State): boolean {
  let moved = false;
  for (const k of state.unsnapped) {
    const axis = state.axes[k];
    if (!axis || axis.length === 0) continue;
    const v = snap(axis, state.value[k]!);
    if (v !== state.value[k]) moved = true;
    state.value[k] = v;
    state.unsnapped.delete(k);
  }
  return moved;
}

/**
 * The group `name`, created on first use with the selection in the URL's hash, if any.
 * `initial` is used for what the hash does not say (the first chart to join sets it); `axes`
 * are the values each key can take in a chart that selects from a grid: a value from the hash
 * is snapped to the first axis given for its key, once, so every chart of the group shows the
 * same point. Values the charts set are theirs to choose and are taken as they are.
 */
export function group(name: string, initial: Selection = {}, axes: Axes = {}): Group {
  let g = groups.get(name);
  if (!g) {
    const hashed = fromHash(name);
    g = {
      value: { ...initial, ...hashed },
      initial: { ...initial },
      axes: {},
      unsnapped: new Set(Object.keys(hashed) as Key[]),
      listeners: new Set(),
    };
    groups.set(name, g);
  } else {
    for (const k of KEYS) {
      if (g.value[k] === undefined && initial[k] !== undefined) g.value[k] = initial[k];
      if (g.initial[k] === undefined && initial[k] !== undefined) g.initial[k] = initial[k];
    }
  }
  for (const k of KEYS) if (!g.axes[k] && axes[k]?.length) g.axes[k] = axes[k];
  if (snapAll(g)) {
    for (const fn of g.listeners) fn(g.value, null);
    writeHash();
  }
  const state = g;
  return {
    name,
    get: () => state.value,
    set(change, source) {
      let changed = false;
      for (const k of KEYS) {
        const v = change[k];
        if (v === undefined) continue;
        if (v !== state.value[k]) {
          state.value[k] = v;
          state.unsnapped.delete(k);
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
  pending = parsed;
  for (const [name, state] of groups) {
    const sel = { ...parsed.get("*"), ...parsed.get(name) };
    // What the new hash leaves out is back to the page's own state.
    for (const k of KEYS) {
      const axis = state.axes[k], v = sel[k];
      if (v === undefined) sel[k] = state.initial[k];
      else if (axis?.length) sel[k] = snap(axis, v);
    }
    if (KEYS.some((k) => sel[k] !== undefined)) group(name).set(sel, null);
  }
});
