// Dev server client: reloads the page after a rebuild and shows build errors
// in an overlay. Injected by `deno task serve` only; never part of a build.
const me = document.querySelector('script[src$="/_ssg/reload.js"]');
const version = Number(me?.dataset.version ?? -1);
const source = new EventSource("/_ssg/events");

source.addEventListener("hello", (e) => {
  // Reconnected after a rebuild we missed: catch up.
  if (JSON.parse(e.data).version !== version) location.reload();
});
source.addEventListener("reload", () => location.reload());
source.addEventListener("build-error", (e) => show(JSON.parse(e.data)));

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
