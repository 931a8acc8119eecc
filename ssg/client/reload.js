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

function show(error) {
  let host = document.getElementById("ssg-error");
  if (!host) {
    host = document.createElement("div");
    host.id = "ssg-error";
    host.setAttribute("role", "alert");
    host.style.cssText =
      "position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,24,.92);" +
      "color:#f6f6f6;padding:2rem;overflow:auto;font:14px/1.5 ui-monospace,monospace";
    document.body.append(host);
  }
  host.replaceChildren();
  const title = document.createElement("h2");
  title.style.cssText = "color:#ff7b72;font:600 18px/1.4 system-ui,sans-serif;margin:0 0 1rem";
  title.textContent = "Build failed / 构建失败";
  const where = document.createElement("p");
  where.className = "where";
  where.textContent = error.where ?? "";
  const message = document.createElement("p");
  message.className = "message";
  message.textContent = error.message;
  const excerpt = document.createElement("pre");
  excerpt.textContent = error.excerpt;
  const hint = document.createElement("p");
  hint.style.opacity = ".7";
  hint.textContent =
    "Fix the file and save: the page reloads by itself. / 修改并保存后页面会自动刷新。";
  host.append(title, where, message, excerpt, hint);
}
