/**
 * A chart's data island may be in its own page (`<script class="chart-data">{…}</script>`) or,
 * as the islands() plugin builds a served site, in a file beside the page that the empty island
 * names (`data-src`, `data-index`). `loadIslands` fills a figure's islands from that file, fetched
 * once per page however many charts use it, so `readIsland` finds them as if inline.
 */
const files = new Map<string, Promise<unknown[]>>();

export async function loadIslands(figure: Element): Promise<void> {
  const empty = [...figure.querySelectorAll<HTMLScriptElement>("script.chart-data[data-src]")]
    .filter((s) => !s.textContent);
  await Promise.all(empty.map(async (script) => {
    const url = new URL(script.dataset.src!, document.baseURI).href;
    let file = files.get(url);
    if (!file) {
      file = fetch(url).then((r) => {
        if (!r.ok) throw new Error(`chart data ${url}: HTTP ${r.status}`);
        return r.json();
      });
      files.set(url, file);
      file.catch(() => files.delete(url)); // a later chart tries again
    }
    script.textContent = JSON.stringify((await file)[Number(script.dataset.index)]);
  }));
}
