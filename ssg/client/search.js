// Site search. The header's search button (or the "/" key) opens a dialog;
// pagefind and the index of the page's language load on the first open only.
// Interface strings come from the button's data attributes (the theme's ui.yaml).

const button = document.querySelector(".search-toggle");
// Beside this script, wherever the site is served from (a sub-path, or a folder on disk).
const self = document.querySelector('script[src$="assets/search.js"]');
const bundle = new URL("../pagefind/pagefind.js", self?.src ?? location.href).href;
// A large site's index is in parts: pagefind/ (every language), then pagefind/1/, 2/…, whose
// languages the build writes here; search joins those that hold the page's language.
const PARTS = [];
let dialog, input, status, list, engine;
let shown = 0;

// Pages read from disk (`file://`) cannot fetch the index: the button stays hidden there.
if (button && location.protocol !== "file:") {
  // The header's button, and any other `.search-open` (the home page has one).
  for (const b of document.querySelectorAll(".search-toggle, .search-open")) {
    b.hidden = false;
    b.addEventListener("click", open);
  }
  document.addEventListener("keydown", (e) => {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || dialog?.open) return;
    const t = e.target;
    if (
      t instanceof HTMLElement &&
      (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))
    ) return;
    e.preventDefault();
    open();
  });
}

function open() {
  if (!dialog) create();
  dialog.showModal();
  input.select();
  engine ??= load();
}

function create() {
  const t = button.dataset;
  dialog = document.createElement("dialog");
  dialog.className = "search";
  dialog.setAttribute("aria-label", button.getAttribute("aria-label"));
  dialog.innerHTML = `<form role="search" method="dialog">
<input type="search" autocomplete="off" spellcheck="false">
<button type="button" class="close"></button>
</form>
<p class="status" role="status" aria-live="polite"></p>
<ol class="results"></ol>`;
  input = dialog.querySelector("input");
  input.placeholder = t.placeholder;
  input.setAttribute("aria-label", t.placeholder);
  const close = dialog.querySelector(".close");
  close.textContent = t.close;
  close.addEventListener("click", () => dialog.close());
  status = dialog.querySelector(".status");
  list = dialog.querySelector(".results");
  // A click on the backdrop (outside the box) closes.
  dialog.addEventListener("click", (e) => e.target === dialog && dialog.close());
  dialog.querySelector("form").addEventListener("submit", (e) => {
    e.preventDefault();
    list.querySelector("a")?.click();
  });
  input.addEventListener("input", () => run(input.value));
  document.body.append(dialog);
}

async function load() {
  status.textContent = button.dataset.loading;
  try {
    const pagefind = await import(bundle);
    await pagefind.options({ excerptLength: 22 });
    await pagefind.init();
    const lang = (document.documentElement.lang || "unknown").toLowerCase();
    for (const [k, langs] of PARTS.entries()) {
      if (!langs.includes(lang) && !langs.includes(lang.split("-")[0])) continue;
      // A path, as pagefind takes the part's results' URLs from it (an origin would stay in them).
      const part = new URL(`${k + 1}/`, bundle).pathname;
      await pagefind.mergeIndex(part, { excerptLength: 22, language: lang });
    }
    status.textContent = "";
    if (input.value.trim()) run(input.value);
    return pagefind;
  } catch {
    status.textContent = button.dataset.unavailable;
    return null;
  }
}

async function run(query) {
  const pagefind = await engine;
  if (!pagefind) return;
  const search = await pagefind.debouncedSearch(query, {}, 120);
  if (search === null) return; // a newer query superseded this one
  const id = ++shown;
  if (!query.trim()) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  const words = wholeWords(query);
  // Read more pages than are shown: those matching only fragments of a word drop out below.
  const found = await Promise.all(
    search.results.slice(0, words.length ? 24 : 8).map((r) => r.data()),
  );
  if (id !== shown) return;
  const pages = words.length ? byWholeWords(found, words) : found;
  list.replaceChildren(...pages.slice(0, 8).map((p) => item(p, words)));
  // The query these results are for: a slow device can show a word's first letters' results first.
  list.dataset.query = query;
  status.textContent = pages.length ? "" : button.dataset.none.replace("{q}", query.trim());
}

const HAN = /\p{Script=Han}/u;

/**
 * The query's words of two or more Chinese characters. pagefind also matches each of their
 * characters on its own (均方误差 would find 方向), so these words decide what counts as a match.
 */
function wholeWords(query) {
  if (!HAN.test(query)) return [];
  const segments = typeof Intl.Segmenter === "function"
    ? [...new Intl.Segmenter("zh", { granularity: "word" }).segment(query)]
      .filter((s) => s.isWordLike).map((s) => s.segment)
    : query.split(/\s+/);
  return [...new Set(segments.filter((w) => HAN.test(w) && [...w].length > 1))];
}

/** Pages holding the most of `words` first (pagefind's order among equals); none of them, dropped. */
function byWholeWords(pages, words) {
  return pages
    .map((page, rank) => ({
      page,
      rank,
      hits: words.filter((w) => page.content.includes(w)).length,
    }))
    .filter((p) => p.hits > 0)
    .sort((a, b) => b.hits - a.hits || a.rank - b.rank)
    .map((p) => p.page);
}

/** An excerpt (pagefind's escaped text) with only the whole words marked, when there are any. */
function marked(excerpt, words) {
  if (!words.length) return excerpt;
  const plain = excerpt.replace(/<\/?mark>/g, "");
  const pattern = new RegExp(
    words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"),
    "g",
  );
  return plain.replace(pattern, (w) => `<mark>${w}</mark>`);
}

/** One page of results: its best sections (those with the whole words first), each linking to its heading. */
function item(page, words) {
  const li = document.createElement("li");
  const whole = (s) =>
    words.filter((w) => (s.excerpt ?? "").replace(/<\/?mark>/g, "").includes(w)).length;
  const sections = [...(page.sub_results ?? [])]
    .sort((a, b) => whole(b) - whole(a) || (b.locations?.length ?? 0) - (a.locations?.length ?? 0))
    .slice(0, 3);
  if (!sections.length) sections.push(page);
  const title = document.createElement("p");
  title.className = "page";
  title.textContent = page.meta?.title ?? page.url;
  li.append(title);
  for (const s of sections) {
    const a = document.createElement("a");
    a.href = s.url;
    const heading = document.createElement("span");
    heading.className = "heading";
    heading.textContent = s.title ?? page.meta?.title ?? "";
    const excerpt = document.createElement("span");
    excerpt.className = "excerpt";
    // pagefind's excerpts are the page's own text, escaped, with <mark> around the matches.
    excerpt.innerHTML = marked(s.excerpt ?? "", words);
    a.append(heading, excerpt);
    a.addEventListener("click", () => dialog.close());
    li.append(a);
  }
  return li;
}
