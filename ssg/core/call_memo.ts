// Component calls remembered across builds in one page sandbox. Under `deno task serve` an edit
// to one component renders again every page that calls it, and with them every other chart on
// those pages; those calls' results cannot have changed when the component's module, its props,
// the page, the call's place on it and the site's data are all the same. Such a call is answered
// with the HTML it gave last time. A call that reads `components` (the site's documentation of
// every component) is never remembered: another component's edit can change its answer.

/** One call's answer, and what it was given. */
interface Answer {
  props: string;
  data: number;
  html: string;
  /** The call typeset TeX: the page links KaTeX's stylesheet. */
  tex: boolean;
}

/** Answers by component render function (a new module, a new function), then by page and id. */
const answers = new WeakMap<object, Map<string, Answer>>();

let lastData: Record<string, unknown> | undefined;
let version = 0;

/**
 * A number that changes whenever the site's data (`ctx.data`) does: a value is the same if it is
 * the very object (a `site.data()` value) or has the same JSON (a YAML or JSON file, read anew).
 * `_data` code modules are not in it: a call gets their values as props, compared on their own.
 */
export function dataVersion(data: Record<string, unknown>): number {
  if (!lastData || !sameData(lastData, data)) version++;
  lastData = data;
  return version;
}

function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => k in b && (a[k] === b[k] || sameJson(a[k], b[k])));
}

function sameJson(a: unknown, b: unknown): boolean {
  const x = json(a);
  return x !== undefined && x === json(b);
}

/** JSON of plain data; undefined for anything else (functions, class instances, cycles). */
export function json(value: unknown): string | undefined {
  try {
    return JSON.stringify(value, (_k, v) => {
      if (typeof v === "function" || typeof v === "symbol" || typeof v === "bigint") throw 0;
      if (v && typeof v === "object" && !Array.isArray(v)) {
        const proto = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) throw 0;
      }
      return v;
    });
  } catch {
    return undefined;
  }
}

/** The HTML `render` gave at `where` for the same props and data, if it did. */
export function recall(
  render: object,
  where: string,
  props: string,
  data: number,
): Answer | undefined {
  const a = answers.get(render)?.get(where);
  return a && a.props === props && a.data === data ? a : undefined;
}

/** Remembers `render`'s answer at `where` (one per place: the newest replaces the one before). */
export function remember(render: object, where: string, answer: Answer): void {
  let m = answers.get(render);
  if (!m) answers.set(render, m = new Map());
  m.set(where, answer);
}
