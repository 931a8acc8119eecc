/**
 * Eleventy 3 with KaTeX, the anchor the search benchmark measures a build against: the same
 * Markdown corpus, `$…$` and `$$…$$` typeset by the same KaTeX through the same markdown-it
 * plugin (@mdit/plugin-tex), one layout, no index. Eleventy, KaTeX and the plugin are installed
 * from npm into a folder of the system's temporary folder the first time (versions of KaTeX and
 * the plugin as deno.json imports them), then reused.
 */
const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

/** The anchor's version: Eleventy's major version the figures are compared with. */
export const ELEVENTY = "@11ty/eleventy@3";

const CONFIG = `import katex from "katex";
import { tex } from "@mdit/plugin-tex";

export default function (config) {
  config.amendLibrary("md", (md) =>
    md.use(tex, {
      delimiters: "dollars",
      render: (content, display) =>
        katex.renderToString(content, { displayMode: display, throwOnError: false }),
    }));
  config.addGlobalData("layout", "page.njk");
  config.setQuietMode(true);
  return { dir: { includes: "_eleventy_includes" } };
}
`;

const LAYOUT = `<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>{{ title }}</title>
<meta name="description" content="{{ description }}">
<link rel="stylesheet" href="/assets/katex/katex.min.css"></head>
<body><main>{{ content | safe }}</main></body></html>
`;

/** The folder Eleventy is installed in; installs it when it is not there yet. */
export async function installEleventy(): Promise<string> {
  const imports = JSON.parse(await Deno.readTextFile(`${root}/deno.json`)).imports;
  const pin = (name: string) => `${name}@${imports[name].replace(/^npm:.*@/, "")}`;
  const packages = [ELEVENTY, pin("katex"), pin("@mdit/plugin-tex")];
  const tmp = Deno.env.get("TMPDIR") ?? "/tmp";
  const dir = `${tmp}/ssg-bench-eleventy-${packages.join("-").replace(/[@/]/g, "_")}`;
  const marker = `${dir}/node_modules/@11ty/eleventy/cmd.cjs`;
  try {
    await Deno.stat(marker);
    return dir;
  } catch { /* not installed yet */ }
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(`${dir}/package.json`, '{ "private": true, "type": "module" }\n');
  console.error(`installing ${packages.join(", ")} from npm into ${dir}…`);
  const { success } = await new Deno.Command("npm", {
    args: ["install", "--no-audit", "--no-fund", "--loglevel=error", ...packages],
    cwd: dir,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (!success) throw new Error(`npm install ${packages.join(" ")} failed in ${dir}`);
  return dir;
}

/**
 * The command that builds `src` (a corpus from synthetic.ts) into `dest` with Eleventy; its
 * config and layout are written into the install folder and `src`.
 */
export async function eleventyCommand(
  install: string,
  src: string,
  dest: string,
): Promise<string[]> {
  await Deno.writeTextFile(`${install}/eleventy.config.js`, CONFIG);
  await Deno.mkdir(`${src}/_eleventy_includes`, { recursive: true });
  await Deno.writeTextFile(`${src}/_eleventy_includes/page.njk`, LAYOUT);
  return [
    "node",
    `${install}/node_modules/@11ty/eleventy/cmd.cjs`,
    `--config=${install}/eleventy.config.js`,
    `--input=${src}`,
    `--output=${dest}`,
    "--formats=md",
  ];
}
