import { type Cell, lectureCells, notebook, script } from "../core/notebook.ts";
import type { Page } from "../core/page.ts";
import type { Site } from "../core/site.ts";
import { SiteError } from "../core/errors.ts";

export interface Options {
  /** Front matter key the layout reads: `{ py, ipynb }` (URLs) or null for a page without listings. */
  key?: string;
}

export const defaults = { key: "downloads" } satisfies Required<Options>;

/** The files of one page: where they go and what goes in them. */
interface Planned {
  page: Page;
  cells: Cell[];
  py: string;
  ipynb: string;
}

/**
 * Each page with runnable listings (```python run) offers them as one `.py`
 * script and one Jupyter notebook, written beside the page
 * (`lectures/02-linear-model/02-linear-model.ipynb`) when the site is built.
 * The page's data gets `downloads: { py, ipynb }` (site URLs) for the layout to
 * link, or null. The notebook's headings come from the rendered page, so a
 * heading that shows a computed value shows it there too.
 */
export default function downloads(userOptions: Options = {}) {
  const options = { ...defaults, ...userOptions };
  return (site: Site) => {
    let planned: Planned[] = [];
    // Kept between the dev server's builds, where most pages are as they were.
    const cellsOf = new Map<string, { body: string; line: number; cells: Cell[] }>();
    const made = new WeakMap<Uint8Array, { cells: Cell[]; py: string; ipynb: string }>();
    site.preprocess((pages) => {
      planned = [];
      for (const page of pages) {
        page.data[options.key] = null;
        if (page.type !== "md" || !page.file) continue;
        const known = cellsOf.get(page.path);
        const cells = known?.body === page.body && known.line === page.bodyLine
          ? known.cells
          : lectureCells(page.body, page.path, page.bodyLine);
        cellsOf.set(page.path, { body: page.body, line: page.bodyLine, cells });
        if (cells.length === 0) continue;
        const dir = page.output.slice(0, page.output.lastIndexOf("/") + 1);
        const name = page.url.replace(/\/$/, "").split("/").at(-1) || "index";
        const files = { py: `${dir}${name}.py`, ipynb: `${dir}${name}.ipynb` };
        page.data[options.key] = { py: `/${files.py}`, ipynb: `/${files.ipynb}` };
        planned.push({ page, cells, ...files });
      }
    });
    site.finish((output) => {
      for (const { page, cells, py, ipynb } of planned) {
        const html = output.get(page.output);
        if (html === undefined) continue;
        const done = typeof html === "string" ? undefined : made.get(html);
        if (done?.cells === cells) {
          output.set(py, done.py);
          output.set(ipynb, done.ipynb);
          continue;
        }
        const headings = headingsOf(
          typeof html === "string" ? html : new TextDecoder().decode(html),
        );
        const wanted = Math.max(-1, ...cells.flatMap((c) => c.headings));
        if (wanted >= headings.length) {
          throw new SiteError(
            `downloads: the page renders ${headings.length} headings, its source has more`,
            { file: page.path, source: page.source },
          );
        }
        const lecture = {
          title: page.data.title,
          description: page.data.description,
          url: site.absoluteUrl(encodeURI(page.url)),
          lang: page.data.lang,
        };
        const files = {
          cells,
          py: script(lecture, cells, headings),
          ipynb: notebook(lecture, cells, headings),
        };
        if (typeof html !== "string") made.set(html, files);
        output.set(py, files.py);
        output.set(ipynb, files.ipynb);
      }
    });
  };
}

/** The h2–h4 headings of a rendered page's body, as text (formulas as `$TeX$`), in order. */
export function headingsOf(html: string): Array<{ level: number; text: string }> {
  const main = html.match(/<main\b[\s\S]*<\/main>/)?.[0] ?? html;
  return [...main.matchAll(/<h([2-4])\b[^>]*\bid="[^"]*"[^>]*>([\s\S]*?)<\/h\1>/g)]
    .map((m) => ({ level: Number(m[1]), text: textOf(m[2]) }));
}

/** Inline HTML as Markdown-ish text: KaTeX back to `$TeX$`, code to backticks, tags dropped. */
function textOf(html: string): string {
  let s = html.replace(/<a class="anchor"[\s\S]*?<\/a>/g, "");
  for (
    let at = s.indexOf('<span class="katex">');
    at >= 0;
    at = s.indexOf('<span class="katex">')
  ) {
    let depth = 0, end = s.length;
    for (const m of s.slice(at).matchAll(/<span\b|<\/span>/g)) {
      depth += m[0] === "</span>" ? -1 : 1;
      if (depth === 0) {
        end = at + m.index! + m[0].length;
        break;
      }
    }
    const tex =
      s.slice(at, end).match(/<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/)
        ?.[1] ?? "";
    s = s.slice(0, at) + `$${tex}$` + s.slice(end);
  }
  return s.replace(/<code[^>]*>([\s\S]*?)<\/code>/g, "`$1`").replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&").replace(/\s+/g, " ").trim();
}
