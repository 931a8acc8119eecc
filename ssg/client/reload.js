// Dev server client: brings the page up to date after a rebuild and shows build errors in an
// overlay. Injected by `deno task serve` only; never part of a build.
//
// After a rebuild the server lists the output files that changed. A page whose own file did
// not change stays as it is. One whose content changed, and nothing else, fetches its new HTML
// and swaps the content in place (the lecture and its table of contents, with the charts' data
// inside), then runs the charts' scripts again: no navigation, no reloading of styles and
// scripts, the scroll position kept. Anything else (the layout, a stylesheet or script the
// page loads, a missed rebuild) reloads the page.
const me = document.querySelector('script[src$="/_ssg/reload.js"]');
let version = Number(me?.dataset.version ?? -1);
const page = me?.dataset.page ?? "";
const base = me?.dataset.base ?? "/";
const source = new EventSource("/_ssg/events");

/** What an update replaces; everything else of the page must be unchanged. */
const SWAPPED = ["#main", "nav.toc"];
/** The scripts that make charts interactive: run again on the swapped content. */
const CHARTS = /\/components\/[^/]+\.js$/;

source.addEventListener("hello", (e) => {
  // Reconnected after a rebuild we missed: catch up.
  if (JSON.parse(e.data).version !== version) location.reload();
});
let queue = Promise.resolve();
source.addEventListener("reload", (e) => {
  const data = JSON.parse(e.data);
  queue = queue.then(() => update(data)).catch(() => location.reload());
});
source.addEventListener("build-error", (e) => show(JSON.parse(e.data)));

/**
 * This page's HTML as the server sent it: its shell (see split) and the blocks of its content
 * (the HTML of each child of #main, before any script touched them); null if unknown.
 */
let served = new Promise((resolve) => {
  const at = version;
  const start = () =>
    setTimeout(() =>
      fetchPage((v) => v === at).then(
        (doc) => resolve(doc && served_(split(doc))),
        () => resolve(null),
      )
    );
  if (document.readyState === "complete") start();
  else addEventListener("load", start, { once: true });
});

/** This page as the server has it now, if its version (the reload script's) is `wanted`. */
async function fetchPage(wanted) {
  const res = await fetch(location.href, { cache: "no-store" });
  const doc = new DOMParser().parseFromString(await res.text(), "text/html");
  const v = Number(doc.querySelector('script[src$="/_ssg/reload.js"]')?.dataset.version);
  return wanted(v) ? doc : null;
}

async function update({ version: next, changed }) {
  if (!Array.isArray(changed)) return location.reload();
  if (changed.some((file) => !file.endsWith(".html") && loads(file))) return location.reload();
  if (!changed.includes(page)) {
    version = next;
    return document.getElementById("ssg-error")?.remove();
  }
  const [before, after] = await Promise.all([served, fetchPage((v) => v >= next)]);
  if (!before || !after) return location.reload();
  const description = after.querySelector('meta[name="description"]')?.getAttribute("content");
  const title = after.title;
  const newVersion = Number(after.querySelector('script[src$="/_ssg/reload.js"]').dataset.version);
  const fresh = split(after);
  if (fresh.shell !== before.shell) return location.reload();
  const kept = served_(fresh);
  // Only the blocks that changed, when no chart is among them: the charts stay as they are.
  const patched = patch(before.blocks, fresh.parts[0]);
  SWAPPED.forEach((selector, i) => {
    const now = document.querySelector(selector);
    if (now && fresh.parts[i] && !(i === 0 && patched)) {
      now.replaceWith(document.adoptNode(fresh.parts[i]));
    }
  });
  document.title = title;
  document.querySelector('meta[name="description"]')?.setAttribute("content", description ?? "");
  served = Promise.resolve(kept);
  version = newVersion;
  document.getElementById("ssg-error")?.remove();
  if (!patched) await rerun();
  document.dispatchEvent(new CustomEvent("ssg:updated"));
}

/** What `served` keeps of a split page. */
function served_({ shell, parts }) {
  return { shell, blocks: parts[0] ? [...parts[0].children].map((e) => e.outerHTML) : null };
}

/**
 * Replaces, in the live #main, the blocks between the first and the last that differ from the
 * served page's (`blocks`) with those of `main`, the new content. False, changing nothing, when
 * a script has changed one of the blocks to replace (what it set up would be lost), a new block
 * holds a chart or a script (its script would have to run again on every chart), or the live
 * #main no longer has the served page's blocks.
 */
function patch(blocks, main) {
  const live = document.querySelector("#main");
  if (!blocks || !main || !live || live.children.length !== blocks.length) return false;
  const next = [...main.children];
  const html = next.map((e) => e.outerHTML);
  let start = 0;
  while (start < blocks.length && start < html.length && blocks[start] === html[start]) start++;
  let end = 0;
  while (
    end < blocks.length - start && end < html.length - start &&
    blocks[blocks.length - 1 - end] === html[html.length - 1 - end]
  ) end++;
  const old = [...live.children].slice(start, live.children.length - end);
  const added = next.slice(start, next.length - end);
  const lively = (e) =>
    e.matches("[data-chart], script") || !!e.querySelector("[data-chart], script");
  const touched = old.some((e, i) => e.outerHTML !== blocks[start + i]);
  if (touched || added.some(lively)) return false;
  const before = live.children[start] ?? null;
  for (const e of added) live.insertBefore(document.adoptNode(e), before);
  for (const e of old) e.remove();
  return true;
}

/** Whether this page loads the output file `file` (a stylesheet, script, image…). */
function loads(file) {
  const path = base + file;
  for (const el of document.querySelectorAll("link[href], [src], image[href], use[href]")) {
    const url = el.getAttribute("src") ?? el.getAttribute("href");
    if (decodeURIComponent(new URL(url, location.href).pathname) === path) return true;
  }
  return false;
}

/**
 * Takes what an update swaps out of a parsed page (`parts`, in SWAPPED's order, each left as an
 * empty element) and gives the rest as text (`shell`): equal shells mean a swap is correct.
 */
function split(doc) {
  const parts = SWAPPED.map((selector) => {
    const part = doc.querySelector(selector);
    if (!part) return null;
    part.replaceWith(part.cloneNode(false));
    return part;
  });
  doc.querySelector("title")?.replaceChildren();
  doc.querySelector('meta[name="description"]')?.removeAttribute("content");
  doc.querySelector('script[src$="/_ssg/reload.js"]')?.remove();
  return { shell: doc.documentElement.outerHTML, parts };
}

let runs = 0;
/** Runs the charts' scripts again (a module loads anew under another URL) on the new content. */
function rerun() {
  runs++;
  const scripts = [...document.querySelectorAll("script[src]")]
    .filter((s) => CHARTS.test(new URL(s.src).pathname));
  return Promise.all(scripts.map((old) =>
    new Promise((resolve) => {
      const s = document.createElement("script");
      if (old.type) s.type = old.type;
      s.src = `${old.src}?update=${runs}`;
      s.onload = s.onerror = () => {
        s.remove();
        resolve();
      };
      document.body.append(s);
    })
  ));
}

// The box sets every colour it uses, so the page's theme (light or dark) cannot reach it.
const BOX = "all:initial;position:fixed;inset:0;z-index:2147483647;display:block;overflow:auto;" +
  "box-sizing:border-box;padding:2rem;background:#16161c;color:#f0f0f0;color-scheme:dark;" +
  "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace";
const TEXT = "all:revert;display:block;margin:0 0 1rem;color:#f0f0f0;background:none;" +
  "font:inherit;white-space:pre-wrap;overflow-wrap:anywhere";

function show(error) {
  let host = document.getElementById("ssg-error");
  if (!host) {
    host = document.createElement("div");
    host.id = "ssg-error";
    host.setAttribute("role", "alert");
    host.style.cssText = BOX;
    document.body.append(host);
  }
  host.replaceChildren();
  const title = document.createElement("h2");
  title.style.cssText = TEXT + ";color:#ff8f87;font:600 18px/1.4 system-ui,sans-serif";
  title.textContent = "Build failed / 构建失败";
  const where = document.createElement("p");
  where.className = "where";
  where.style.cssText = TEXT + ";color:#9ecbff";
  where.textContent = error.where ?? "";
  const message = document.createElement("p");
  message.className = "message";
  message.style.cssText = TEXT;
  message.textContent = error.message;
  const excerpt = document.createElement("pre");
  excerpt.className = "excerpt";
  excerpt.style.cssText = TEXT +
    ";white-space:pre;overflow:auto;padding:1rem;background:#0b0b0f;border:1px solid #3a3a44";
  excerpt.textContent = error.excerpt;
  const hint = document.createElement("p");
  hint.style.cssText = TEXT + ";color:#c8c8d0";
  hint.textContent =
    "Fix the file and save: the page reloads by itself. / 修改并保存后页面会自动刷新。";
  host.append(title, where, message, excerpt, hint);
}
