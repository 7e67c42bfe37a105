/**
 * Which address a request comes from, for the classroom's guessing limits.
 *
 * X-Forwarded-For is whatever the client wrote unless a proxy of the operator's own rewrote it, and
 * Next.js keeps a client's header as it is (it adds the socket's address only when the header is
 * missing). So by default the address is the TCP peer's: the server records it on every request in
 * a header of its own, overwriting whatever a client sent under that name. With
 * TRUSTED_PROXY_HOPS=N (N proxies of the operator in front, each appending the address it saw),
 * the address is the N-th from the right of X-Forwarded-For: the one the outermost trusted proxy saw.
 */
import { Server as HttpServer, type IncomingMessage } from "node:http";
import { Server as HttpsServer } from "node:https";

export const TRUSTED_PROXY_HOPS_ENV = "TRUSTED_PROXY_HOPS";
export const PEER_ADDRESS_HEADER = "x-messaging-labs-peer";

const INSTALLED = Symbol.for("messaging-labs.peer-address-header");

type Holder = typeof globalThis & { [INSTALLED]?: boolean };

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

function recordPeer(prototype: { emit: Emit }): void {
  const emit = prototype.emit;
  prototype.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      request.headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  };
}

/** Once per process, before requests are served (instrumentation.ts): every HTTP(S) request carries its peer's address. */
export function installPeerAddressHeader(): void {
  const holder = globalThis as Holder;
  if (holder[INSTALLED]) return;
  holder[INSTALLED] = true;
  recordPeer(HttpServer.prototype as unknown as { emit: Emit });
  recordPeer(HttpsServer.prototype as unknown as { emit: Emit });
}

/** How many proxies of the operator's own stand in front (0 unless TRUSTED_PROXY_HOPS says so). */
export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const hops = Number.parseInt(env[TRUSTED_PROXY_HOPS_ENV]?.trim() ?? "", 10);
  return Number.isFinite(hops) && hops > 0 ? Math.min(hops, 16) : 0;
}

/** The client's address as this server can vouch for it, or null when it cannot tell. */
export function clientAddress(request: Request, env: Record<string, string | undefined> = process.env): string | null {
  const hops = trustedProxyHops(env);
  if (hops > 0) {
    const chain = (request.headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean);
    if (chain.length) return chain[Math.max(0, chain.length - hops)];
  }
  if (!(globalThis as Holder)[INSTALLED]) return null;
  return request.headers.get(PEER_ADDRESS_HEADER) || null;
}
