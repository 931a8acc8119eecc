// Site search. The header's search button (or the "/" key) opens a dialog;
// pagefind and the index of the page's language load on the first open only.
// Interface strings come from the button's data attributes (the theme's ui.yaml).

const button = document.querySelector(".search-toggle");
// Beside this script, wherever the site is served from (a sub-path, or a folder on disk).
const self = document.querySelector('script[src$="assets/search.js"]');
const bundle = new URL("../pagefind/pagefind.js", self?.src ?? location.href).href;
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
  const pages = await Promise.all(search.results.slice(0, 8).map((r) => r.data()));
  if (id !== shown) return;
  list.replaceChildren(...pages.map(item));
  status.textContent = pages.length ? "" : button.dataset.none.replace("{q}", query.trim());
}

/** One page of results: its best sections, each linking to its heading. */
function item(page) {
  const li = document.createElement("li");
  const sections = [...(page.sub_results ?? [])]
    .sort((a, b) => (b.locations?.length ?? 0) - (a.locations?.length ?? 0))
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
    excerpt.innerHTML = s.excerpt ?? "";
    a.append(heading, excerpt);
    a.addEventListener("click", () => dialog.close());
    li.append(a);
  }
  return li;
}
