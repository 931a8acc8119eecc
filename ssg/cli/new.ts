/**
 * `deno task new "<title>"`: starts a lecture in `lectures/` with front matter,
 * the next order number, and short examples of a formula, a runnable listing
 * and a chart. `--en` starts the English translation of an existing lecture
 * (the one numbered `--order`, else the last one); `--slug` names the file.
 * Never overwrites a file.
 */
import { parseArgs } from "node:util";
import { splitFrontMatter } from "../core/front_matter.ts";
import { isFile } from "../core/fs.ts";
import { pageData } from "../core/page.ts";
import { slugify } from "../plugins/markdown.ts";

const USAGE = `usage: deno task new "<title>" [--en] [--order N] [--slug NAME]
  --en        the English translation of the lecture numbered --order (default: the last one)
  --order N   the lecture's number (default: one past the last)
  --slug NAME the file name after the number (default: from the title)
  --help      print this help`;

/** What to create. */
export interface NewLecture {
  title: string;
  /** `en` for a translation; default the course's first language. */
  lang?: string;
  order?: number;
  slug?: string;
  /** Folder of the lectures. */
  dir?: string;
  /** Whether `_components/` has the LossCurve chart: the example calls it, else points at it. */
  chart?: boolean;
}

/** A lecture file as this command sees it. */
interface Existing {
  name: string;
  order: number;
  lang: string;
}

const LANGUAGES = ["zh", "en"];

/** Creates the lecture file; returns its path. Errors are plain messages for the terminal. */
export async function newLecture(options: NewLecture): Promise<{ path: string; order: number }> {
  const { title, lang = LANGUAGES[0], dir = "lectures" } = options;
  if (!title.trim()) throw new Error("a title is needed");
  if (!LANGUAGES.includes(lang)) throw new Error(`lang must be one of ${LANGUAGES.join(", ")}`);
  if (options.order !== undefined && !(Number.isInteger(options.order) && options.order > 0)) {
    throw new Error(`--order must be a positive whole number, got ${options.order}`);
  }
  const existing = await readLectures(dir);
  const originals = existing.filter((e) => e.lang === LANGUAGES[0] && Number.isFinite(e.order));
  let name: string;
  let order: number;
  if (lang === LANGUAGES[0]) {
    order = options.order ?? Math.max(0, ...originals.map((e) => e.order)) + 1;
    const taken = originals.find((e) => e.order === order);
    if (taken) throw new Error(`${dir}/${taken.name} already has order ${order}`);
    const slug = options.slug ?? slugify(title);
    name = `${String(order).padStart(2, "0")}-${slug}.md`;
  } else {
    const last = originals.toSorted((a, b) => a.order - b.order).at(-1);
    order = options.order ?? last?.order ?? NaN;
    const original = originals.find((e) => e.order === order);
    if (!original) {
      throw new Error(
        `no lecture numbered ${order} to translate in ${dir}/; ` +
          `lectures: ${originals.map((e) => e.name).join(", ") || "none"}`,
      );
    }
    name = original.name.replace(/\.md$/, `.${lang}.md`);
  }
  const path = `${dir}/${name}`;
  const text = template(lang, title, order, options.chart ?? false);
  try {
    await Deno.writeTextFile(path, text, { createNew: true });
  } catch (error) {
    if (error instanceof Deno.errors.AlreadyExists) {
      throw new Error(`${path} already exists; it was left as it is`);
    }
    throw error;
  }
  return { path, order };
}

async function readLectures(dir: string): Promise<Existing[]> {
  const out: Existing[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      if (!e.isFile || !e.name.endsWith(".md")) continue;
      const source = await Deno.readTextFile(`${dir}/${e.name}`);
      const file = `${dir}/${e.name}`;
      const data = pageData(splitFrontMatter(source, file).data, e.name, source, file, LANGUAGES);
      out.push({ name: e.name, order: data.order, lang: data.lang });
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    await Deno.mkdir(dir, { recursive: true });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

const yamlString = (s: string) => JSON.stringify(s);

function template(lang: string, title: string, order: number, chart: boolean): string {
  const zh = lang === "zh";
  const call = `comp.LossCurve({ data: "linear", w: { start: 0, stop: 4.1, step: 0.1 } })`;
  const chartLine = chart
    ? `{{ ${call} }}`
    : zh
    ? `<!-- 图表：在这里调用组件，例如 ${call}，两边加上双花括号。 -->`
    : `<!-- Chart: call a component here, e.g. ${call}, wrapped in double curly braces. -->`;
  return `---
title: ${yamlString(title)}
description: ${
    yamlString(
      zh
        ? "用一句话说明这一讲讲什么（显示在首页的讲义目录里）。"
        : "One sentence on what this lecture covers (shown in the list on the home page).",
    )
  }
order: ${order}
---

${
    zh
      ? "开头一段：这一讲要解决什么问题，和上一讲有什么联系。"
      : "An opening paragraph: the question this lecture answers, and how it follows the last one."
  }

## ${zh ? "公式" : "A formula"}

${zh ? "行内公式" : "Inline math"} $\\hat{y} = x \\cdot w$${
    zh ? "，独立公式：" : ", and display math:"
  }

$$
\\text{MSE} = \\frac{1}{N} \\sum_{n=1}^{N} (\\hat{y}_n - y_n)^2
$$

## ${zh ? "代码" : "Code"}

${
    zh
      ? "标成 `python run` 的代码会在测试里运行，下面 `text output` 块写的就是它必须打印的内容。"
      : "A listing marked `python run` runs in the tests, and must print what the `text output` block below it says."
  }

\`\`\`python run
x_data = [1.0, 2.0, 3.0]
print(sum(x * x for x in x_data) / len(x_data))
\`\`\`

\`\`\`text output
4.666666666666667
\`\`\`

## ${zh ? "图表" : "A chart"}

${chartLine}
`;
}

/** Whether the project has the LossCurve chart component the example uses. */
export function hasLossCurve(
  components = decodeURIComponent(new URL("../../_components", import.meta.url).pathname),
): boolean {
  return [`${components}/loss_curve.ts`, `${components}/loss_curve/mod.ts`].some(isFile);
}

if (import.meta.main) {
  let parsed;
  try {
    parsed = parseArgs({
      args: Deno.args,
      allowPositionals: true,
      options: {
        en: { type: "boolean" },
        order: { type: "string" },
        slug: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (parsed.values.help) {
      console.log(USAGE);
      Deno.exit(0);
    }
    if (parsed.positionals.length !== 1) throw new Error("give the title as one argument");
    const order = parsed.values.order;
    if (order !== undefined && !/^[1-9]\d*$/.test(order)) {
      throw new Error(`--order must be a positive whole number, got "${order}"`);
    }
  } catch (error) {
    console.error(`error: ${(error as Error).message}\n${USAGE}`);
    Deno.exit(2);
  }
  const { values, positionals } = parsed;
  try {
    const { path, order } = await newLecture({
      title: positionals[0],
      lang: values.en ? "en" : undefined,
      order: values.order === undefined ? undefined : Number(values.order),
      slug: values.slug,
      chart: hasLossCurve(),
    });
    console.log(`created ${path} (lecture ${order}); preview it with: deno task serve`);
    if (!values.slug && !values.en && /[^ -~]/.test(path)) {
      console.log("tip: --slug NAME gives the file, and so the URL, a plain ASCII name");
    }
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    Deno.exit(1);
  }
}
