/** A page's text as the site's search reads it, its sections joined: for search_input.test.ts, and a worker it starts. */
import { defaults } from "../../ssg/plugins/search.ts";
import { formulasAsText } from "../../ssg/plugins/search_text.ts";
import { pageText } from "../../ssg/plugins/search_html.ts";
import { reader } from "../../ssg/plugins/search_index.ts";

const read = reader(defaults.root, defaults.exclude);

export function textOf(html: string): string {
  const t = pageText(formulasAsText(html), read.root, read.exclude);
  return t.sections.map(([, , body]) => body).join(" | ");
}
