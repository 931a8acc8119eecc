// Site search. The header's search button (or the "/" key) opens a dialog; the search engine
// and the index of the page's language load on the first open only, and the index's other
// files as queries need them. Interface strings come from the button's data attributes (the
// theme's ui.yaml).

const button = document.querySelector(".search-toggle");
// Beside this script, wherever the site is served from (a sub-path too): the index is in
// search/ here, and the site's root is the parent folder (results link from there).
const self = document.querySelector('script[src$="assets/search.js"]');
const here = self?.src ?? location.href;
const root = new URL("../", here);
let dialog, input, status, list, engine;

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
    const { SearchIndex } = await import(new URL("search_engine.js", here).href);
    // The index's name for the page's language (search_index.ts: langKey).
    const key = document.documentElement.lang.toLowerCase().replace(/_/g, "-");
    const lang = /^[a-z0-9-]+$/.test(key) ? key : "unknown";
    const index = await SearchIndex.open(lang, async (name) => {
      const response = await fetch(new URL(`search/${name}`, here));
      if (!response.ok) throw new Error(`${response.status} ${name}`);
      return await response.json();
    });
    if (!index) throw new Error(`no index for ${lang}`);
    status.textContent = "";
    if (input.value.trim()) run(input.value);
    return index;
  } catch {
    status.textContent = button.dataset.unavailable;
    return null;
  }
}

/** Waits `ms`, and says whether `id` is still the latest query then. */
const settled = (id, ms) => new Promise((resolve) => setTimeout(() => resolve(id === asked), ms));
let asked = 0;

async function run(query) {
  const id = ++asked;
  const index = await engine;
  if (!index || !(await settled(id, 80))) return;
  if (!query.trim()) {
    list.replaceChildren();
    delete list.dataset.query;
    status.textContent = "";
    return;
  }
  const pages = await index.search(query, { limit: 8, sectionsPerPage: 3 });
  if (id !== asked) return; // a newer query superseded this one
  list.replaceChildren(...pages.map(item));
  // The query these results are for: a slow device can show a word's first letters' results first.
  list.dataset.query = query;
  status.textContent = pages.length ? "" : button.dataset.none.replace("{q}", () => query.trim());
}

/** One page of results: its best sections, each linking to its heading. */
function item(page) {
  const li = document.createElement("li");
  const title = document.createElement("p");
  title.className = "page";
  title.textContent = page.title;
  li.append(title);
  for (const s of page.sections) {
    const a = document.createElement("a");
    // "./": a URL whose first part holds a colon is still a path here, not a scheme.
    const target = new URL(`./${s.url}`, root);
    a.href = target.pathname + target.hash;
    const heading = document.createElement("span");
    heading.className = "heading";
    heading.textContent = s.heading;
    const excerpt = document.createElement("span");
    excerpt.className = "excerpt";
    // The engine's excerpts are the page's own text, escaped, with <mark> around the matches.
    excerpt.innerHTML = s.excerpt;
    a.append(heading, excerpt);
    a.addEventListener("click", () => dialog.close());
    li.append(a);
  }
  return li;
}
