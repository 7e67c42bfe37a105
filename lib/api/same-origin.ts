/**
 * The guard every mutating route runs first: the request must come from a page of this workbook.
 * Browsers send Origin on every POST, PUT, PATCH and DELETE (and Sec-Fetch-Site where supported);
 * a request from another site, or one that says nothing about where it comes from, is refused, so
 * a page elsewhere cannot drive the student's AWS account through their browser.
 *
 * The request's own Host is not enough: a page on evil.example whose name an attacker points at
 * this machine (DNS rebinding) sends `Host: evil.example` and a matching Origin. So a mutation is
 * accepted only when its Host is one this workbook knows: a loopback name (localhost), an IP
 * address (a browser's page at an IP address really is that origin), or the host of an origin
 * listed in MESSAGING_LABS_ALLOWED_ORIGINS (comma-separated: the public address behind a proxy or
 * a domain name). Its Origin must then be that Host, with the port, or a listed origin.
 */
export const ALLOWED_ORIGINS_ENV = "MESSAGING_LABS_ALLOWED_ORIGINS";

export type OriginCheck = { ok: true } | { ok: false; reason: string };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function allowedOrigins(env: Record<string, string | undefined>): string[] {
  return (env[ALLOWED_ORIGINS_ENV] ?? "")
    .split(",")
    .map((o) => o.trim().replace(/\/+$/, ""))
    .filter(Boolean);
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Loopback names and IP literals need no configuration; any other name must be listed. */
function isKnownHost(host: string, allowed: string[]): boolean {
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (hostname === "localhost" || hostname.endsWith(".localhost") || IPV4.test(hostname) || hostname.startsWith("[")) return true;
  return allowed.some((origin) => {
    try {
      return new URL(origin).host.toLowerCase() === host.toLowerCase();
    } catch {
      return false;
    }
  });
}

export function checkSameOrigin(request: Request, env: Record<string, string | undefined> = process.env): OriginCheck {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { ok: true };
  const allowed = allowedOrigins(env);
  const host = request.headers.get("host") ?? new URL(request.url).host;
  if (!isKnownHost(host, allowed)) {
    return {
      ok: false,
      reason: `This workbook was reached as ${host}, a name it does not know, so changes are refused. If that is its address, start the server with ${ALLOWED_ORIGINS_ENV} set to that origin (such as https://${host}).`,
    };
  }
  const origin = request.headers.get("origin");
  const fetchSite = request.headers.get("sec-fetch-site");
  if (!origin || origin === "null") {
    if (fetchSite === "same-origin") return { ok: true };
    return { ok: false, reason: "The request does not say which page sent it, so it is refused." };
  }
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
    return { ok: false, reason: "Requests from other sites are refused." };
  }
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    return { ok: false, reason: "The request's Origin is not a URL." };
  }
  if (allowed.includes(originUrl.origin)) return { ok: true };
  if (originUrl.host.toLowerCase() === host.toLowerCase()) return { ok: true };
  return { ok: false, reason: `Requests from ${originUrl.origin} are refused; only this workbook's own pages may change things.` };
}
