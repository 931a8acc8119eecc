/**
 * A page's text as a reader sees it with JavaScript off (and in print): what shows only once a
 * chart's script has run is left out, namely spans marked `hidden` or with a `hint`, `keys`,
 * `chart-hint` (a chart's hint prop) or `live-only` class, and so are scripts and code blocks.
 */

/** Removes each element whose opening tag matches `open`, nested tags and all. */
function without(html: string, open: RegExp): string {
  let out = html;
  for (let m = out.match(open); m; m = out.match(open)) {
    const at = m.index!, tag = m[0].slice(1).match(/^\w+/)![0];
    let depth = 0, end = out.length;
    for (const t of out.slice(at).matchAll(new RegExp(`<${tag}\\b|</${tag}>`, "g"))) {
      depth += t[0] === `</${tag}>` ? -1 : 1;
      if (depth === 0) {
        end = at + t.index! + t[0].length;
        break;
      }
    }
    out = out.slice(0, at) + out.slice(end);
  }
  return out;
}

const SCRIPT_ONLY =
  /<span\b[^>]*(?:\shidden\b|class="(?:hint|keys|chart-hint|live-only)\b[^"]*")[^>]*>/;

/** `html`'s text with JavaScript off, tags dropped (each tag leaves a space). */
export function scriptOffText(html: string): string {
  return without(without(html, SCRIPT_ONLY), /<(?:script|pre)\b[^>]*>/).replace(/<[^>]+>/g, " ");
}
