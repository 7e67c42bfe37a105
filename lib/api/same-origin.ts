/**
 * The guard every mutating route runs first: the request must come from a page of this workbook.
 * Browsers send Origin on every POST, PUT, PATCH and DELETE (and Sec-Fetch-Site where supported);
 * a request from another site, or one that says nothing about where it comes from, is refused, so
 * a page elsewhere cannot drive the student's AWS account through their browser.
 *
 * Behind a proxy that rewrites Host, list the public origin in MESSAGING_LABS_ALLOWED_ORIGINS
 * (comma-separated).
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

export function checkSameOrigin(request: Request, env: Record<string, string | undefined> = process.env): OriginCheck {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { ok: true };
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
  if (allowedOrigins(env).includes(originUrl.origin)) return { ok: true };
  const host = request.headers.get("host") ?? new URL(request.url).host;
  if (originUrl.host === host) return { ok: true };
  return { ok: false, reason: `Requests from ${originUrl.origin} are refused; only this workbook's own pages may change things.` };
}
