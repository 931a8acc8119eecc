/**
 * Which requests the dev server answers: GET and HEAD only, and only when the
 * `Host` header names the address being served, so a page on another site
 * cannot reach it through a rebound DNS name.
 */

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);
const HOST = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/;
const IP = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\])$/;

/** Why a request is refused, as a status and a one-line reason; undefined if it is served. */
export function refusal(
  req: Request,
  served: { hostname: string; port: number },
): { status: number; reason: string; headers?: Record<string, string> } | undefined {
  if (req.method !== "GET" && req.method !== "HEAD") {
    return {
      status: 405,
      reason: `${req.method} is not allowed: the dev server only reads`,
      headers: { allow: "GET, HEAD" },
    };
  }
  const host = req.headers.get("host") ?? "";
  const m = host.match(HOST);
  if (!m) return { status: 400, reason: "bad Host header" };
  const name = m[1].toLowerCase();
  // Browsers always send a port that is not the default; the name is what rebinding forges.
  const port = m[2] === undefined ? served.port : Number(m[2]);
  const wildcard = served.hostname === "0.0.0.0" || served.hostname === "::";
  const known = LOOPBACK.has(name) || name === served.hostname.toLowerCase() ||
    name === `[${served.hostname.toLowerCase()}]` || (wildcard && IP.test(name));
  if (!known || port !== served.port) {
    return { status: 421, reason: `not serving ${host}: use the address the server printed` };
  }
}
