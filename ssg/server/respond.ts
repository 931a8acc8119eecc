import type { Output } from "../core/site.ts";
import { refusal } from "./host_check.ts";

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  json: "application/json",
  svg: "image/svg+xml",
  xml: "application/xml",
  png: "image/png",
  jpg: "image/jpeg",
  woff2: "font/woff2",
  txt: "text/plain; charset=utf-8",
};

/** What the dev server serves now: the last good build's output, its base path and version. */
export interface Served {
  output: Output;
  basePath: string;
  version: number;
}

/** Where the server listens, for the host check, and the page's event stream. */
export interface Endpoint {
  hostname: string;
  port: number;
  events(): Response;
}

/**
 * The dev server's answer to a request: the built file from memory (pages with the reload
 * script), the event stream, a redirect to a folder's slash, or the site's 404 page. A request
 * for another host, or any `..` segment however encoded, is refused before lookup.
 */
export function respond(req: Request, served: Served, at: Endpoint): Response {
  const refused = refusal(req, { hostname: at.hostname, port: at.port });
  if (refused) {
    return new Response(refused.reason + "\n", {
      status: refused.status,
      headers: { "content-type": TYPES.txt, ...refused.headers },
    });
  }
  const { pathname } = new URL(req.url);
  if (pathname === "/_ssg/events") return at.events();
  if (pathname === "/_ssg/reload.js") {
    return new Response(reloadScript, { headers: { "content-type": TYPES.js } });
  }
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return notFound(served);
  }
  if (path.split(/[\\/]/).includes("..") || path.includes("\0")) return notFound(served);
  if (!path.startsWith(served.basePath)) {
    return path === "/" ? redirect(served.basePath, 302) : notFound(served);
  }
  let key = path.slice(served.basePath.length);
  if (key === "" || key.endsWith("/")) key += "index.html";
  let body = served.output.get(key);
  if (body === undefined && served.output.has(`${key}/index.html`)) {
    return redirect(`/${pathname.replace(/^\/+/, "")}/`, 301);
  }
  if (body === undefined) return notFound(served);
  const ext = key.slice(key.lastIndexOf(".") + 1);
  if (ext === "html") body = inject(body, served.version, key, served.basePath);
  return new Response(body as BodyInit, {
    headers: {
      "content-type": TYPES[ext] ?? "application/octet-stream",
      "cache-control": "no-store",
    },
  });
}

/**
 * A page with the reload script, which knows the version it was served at and the output file
 * it is (to tell, after a rebuild, whether it changed).
 */
function inject(html: string | Uint8Array, version: number, key: string, base: string): string {
  const text = typeof html === "string" ? html : new TextDecoder().decode(html);
  const attr = (s: string) => s.replaceAll("&", "&amp;").replaceAll('"', "&quot;");
  const tag = `<script type="module" src="/_ssg/reload.js" data-page="${attr(key)}" ` +
    `data-base="${attr(base)}" data-version="${version}"></script>`;
  return text.includes("</body>") ? text.replace("</body>", `${tag}</body>`) : text + tag;
}

/** Relative, so a forged Host never ends up in a Location header. */
function redirect(location: string, status: number): Response {
  return new Response(null, { status, headers: { location } });
}

function notFound(served: Served): Response {
  const page = served.output.get("404.html");
  return new Response(
    page === undefined ? "Not found" : inject(page, served.version, "404.html", served.basePath),
    {
      status: 404,
      headers: { "content-type": TYPES.html },
    },
  );
}

// No top-level await: the dev server's modules load in its build thread too, and a worker
// drops messages that arrive before its onmessage is set.
const reloadScript = Deno.readTextFileSync(new URL("../client/reload.js", import.meta.url));
