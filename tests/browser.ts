/**
 * Chromium for the browser tests: launch flags that keep it off the network, a static host
 * for a built folder, and a watch on a page's console errors and failed requests.
 */
import { type Browser, type Page, puppeteer } from "./deps.ts";
import { CHROMIUM } from "./helpers.ts";

/** Flags that work on a closed network (no background requests, no first-run UI). */
export const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches Chromium with a fresh profile; `close()` also removes the profile. */
export async function launch(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const profile = await Deno.makeTempDir({ prefix: "ssg-chromium-" });
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    userDataDir: profile,
  });
  return {
    browser,
    async close() {
      await browser.close().catch(() => {});
      await Deno.remove(profile, { recursive: true }).catch(() => {});
    },
  };
}

/**
 * Serves a built folder as a static host would: `/a/` → `a/index.html`, else 404.html.
 * With a `prefix` (`/course/`), the site lives under that sub-path and nothing outside it exists.
 */
export function staticServer(root: string, prefix = "/") {
  const types: Record<string, string> = {
    html: "text/html; charset=utf-8",
    css: "text/css",
    js: "text/javascript",
    svg: "image/svg+xml",
    woff2: "font/woff2",
    xml: "application/xml",
    json: "application/json",
  };
  return Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    let path = decodeURIComponent(new URL(req.url).pathname);
    if (path.split("/").includes("..") || !path.startsWith(prefix)) {
      return new Response("no", { status: 404 });
    }
    path = path.slice(prefix.length - 1);
    if (path.endsWith("/")) path += "index.html";
    try {
      const body = await Deno.readFile(`${root}${path}`);
      const ext = path.slice(path.lastIndexOf(".") + 1);
      return new Response(body, {
        headers: { "content-type": types[ext] ?? "application/octet-stream" },
      });
    } catch {
      return new Response(await Deno.readFile(`${root}/404.html`), {
        status: 404,
        headers: { "content-type": types.html },
      });
    }
  });
}

/** Console errors, failed requests and HTTP errors a page produced. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e}`));
  page.on("requestfailed", (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
  });
  return problems;
}

/**
 * Scrolls a page to its end a screen at a time and back to the top, as a reader would, so every
 * chart has come near the viewport and set itself up (charts wake as they approach it, those
 * whose data is in a file beside the page once it has come).
 */
export async function wakeCharts(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) {
      scrollTo(0, y);
      await frames();
    }
    scrollTo(0, 0);
    // Charts whose data is in a file beside the page set up once it has come.
    const empty = () =>
      [...document.querySelectorAll("[data-chart] script.chart-data[data-src]")]
        .some((s) => !s.textContent);
    for (let waited = 0; empty() && waited < 10_000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r));
    await frames();
  });
}
