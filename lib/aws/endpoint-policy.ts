/**
 * Which endpoint URLs the Endpoint connection may point at. Loopback only by default, so a
 * workbook shared on a network cannot be turned into a proxy that signs requests to any host;
 * an operator opts in to other hosts with MESSAGING_LABS_ALLOW_REMOTE_ENDPOINTS=1.
 */
export const ALLOW_REMOTE_ENDPOINTS_ENV = "MESSAGING_LABS_ALLOW_REMOTE_ENDPOINTS";

export type EndpointCheck = { ok: true; endpoint: string } | { ok: false; reason: string };

export function remoteEndpointsAllowed(env: Record<string, string | undefined> = process.env): boolean {
  const value = env[ALLOW_REMOTE_ENDPOINTS_ENV];
  return value === "1" || value === "true";
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (host === "::1" || host === "0:0:0:0:0:0:0:1") return true;
  return /^127(\.\d{1,3}){3}$/.test(host);
}

/** Normalises an endpoint to `scheme://host[:port]` and applies the loopback rule. */
export function checkEndpoint(value: string, allowRemote = remoteEndpointsAllowed()): EndpointCheck {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { ok: false, reason: "Enter a full URL such as http://127.0.0.1:4566." };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, reason: "The endpoint must start with http:// or https://." };
  }
  if (url.username || url.password) {
    return { ok: false, reason: "Leave user names and passwords out of the endpoint URL." };
  }
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) {
    return { ok: false, reason: "Give only the scheme, host and port, without a path or query." };
  }
  if (!allowRemote && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      reason: `Only endpoints on this machine (localhost, 127.0.0.1, ::1) are allowed. The operator can allow others with ${ALLOW_REMOTE_ENDPOINTS_ENV}=1.`,
    };
  }
  return { ok: true, endpoint: url.origin };
}
