/**
 * Guessing limits for the instructor secret and the join codes, per client and never global, so
 * no stranger can lock the instructor or a class out: each client has its own count of wrong
 * attempts, which drains by one every `forgiveMs`. Past `free` wrong attempts, every further one
 * makes that client wait before its next attempt, twice as long each time (up to `maxDelayMs`);
 * attempts during the wait are refused unread (429, Retry-After), so a wait cannot be used to test
 * guesses. A right answer clears the client's count. Other clients are never affected.
 *
 * A client is its address (lib/api/client-address: the TCP peer, or X-Forwarded-For behind
 * TRUSTED_PROXY_HOPS proxies), IPv6 addresses by their /64, since one machine usually holds a
 * whole /64. Time is passed in, so tests move it instead of waiting.
 */
import { clientAddress } from "@/lib/api/client-address";

export interface BackoffPolicy {
  /** Wrong attempts a client may make before it has to wait. */
  free: number;
  /** The wait after the first wrong attempt past `free`; each further one doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** One wrong attempt is forgiven every this many milliseconds. */
  forgiveMs: number;
}

export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface ClientState {
  /** Wrong attempts not yet forgiven, as of `at`. */
  wrong: number;
  at: number;
  /** Refused until then. */
  until: number;
}

const MAX_TRACKED_CLIENTS = 50_000;

export class AttemptBackoff {
  private readonly clients = new Map<string, ClientState>();

  constructor(readonly policy: BackoffPolicy) {}

  private current(client: string, now: number): ClientState {
    const state = this.clients.get(client) ?? { wrong: 0, at: now, until: 0 };
    state.wrong = Math.max(0, state.wrong - Math.max(0, now - state.at) / this.policy.forgiveMs);
    state.at = now;
    return state;
  }

  /** May this client try now? */
  check(client: string, now = Date.now()): Verdict {
    const until = this.clients.get(client)?.until ?? 0;
    if (now >= until) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) };
  }

  /** A wrong attempt: counted, and past `free` the client waits before its next one. */
  fail(client: string, now = Date.now()): void {
    const state = this.current(client, now);
    state.wrong += 1;
    const over = Math.ceil(state.wrong) - this.policy.free;
    if (over > 0) state.until = now + Math.min(this.policy.maxDelayMs, this.policy.firstDelayMs * 2 ** Math.min(over - 1, 30));
    this.clients.delete(client);
    this.clients.set(client, state);
    if (this.clients.size > MAX_TRACKED_CLIENTS / 5) this.forgetIdle(now);
  }

  succeed(client: string): void {
    this.clients.delete(client);
  }

  /** Drops clients with nothing left against them; past the ceiling, the longest quiet ones. */
  private forgetIdle(now: number): void {
    for (const [key, state] of this.clients) {
      if (now >= state.until && this.current(key, now).wrong === 0) this.clients.delete(key);
    }
    for (const key of this.clients.keys()) {
      if (this.clients.size <= MAX_TRACKED_CLIENTS) break;
      this.clients.delete(key);
    }
  }

  get trackedClients(): number {
    return this.clients.size;
  }
}

/**
 * The instructor secret (12 characters or more, or 32 random bytes): 3 wrong tries, then waits of
 * 1 s, 2 s, 4 s… up to 5 minutes; one wrong try forgiven every 10 minutes. One address guesses at
 * most about 12 times an hour.
 */
export const INSTRUCTOR_BACKOFF: BackoffPolicy = { free: 3, firstDelayMs: 1000, maxDelayMs: 5 * 60_000, forgiveMs: 10 * 60_000 };

/**
 * Join codes (8 characters of 31, about 8.5 × 10^11 codes): 30 wrong codes, then waits from 1 s
 * doubling up to a minute; one forgiven every 2 seconds. A class of 100 behind one NAT address
 * mistyping now and then never comes near it; one address guesses at most about 30 codes a minute,
 * some 27,000 years per class on average.
 */
export const JOIN_BACKOFF: BackoffPolicy = { free: 30, firstDelayMs: 1000, maxDelayMs: 60_000, forgiveMs: 2000 };

const SLOT = Symbol.for("messaging-labs.classroom-limiters");

type Limiters = { instructor: AttemptBackoff; join: AttemptBackoff };

export function limiters(): Limiters {
  const holder = globalThis as typeof globalThis & { [SLOT]?: Limiters };
  holder[SLOT] ??= { instructor: new AttemptBackoff(INSTRUCTOR_BACKOFF), join: new AttemptBackoff(JOIN_BACKOFF) };
  return holder[SLOT];
}

export function resetLimiters(): void {
  delete (globalThis as typeof globalThis & { [SLOT]?: Limiters })[SLOT];
}

function expandIpv6(address: string): string[] | null {
  const [head, tail, extra] = address.split("::");
  if (extra !== undefined) return null;
  const left = head ? head.split(":") : [];
  const right = tail === undefined ? [] : tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  return [...left, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...right];
}

/** The key a client is counted under: its IPv4 address, or its IPv6 /64; "unknown" when the server cannot tell. */
export function clientKey(request: Request, env: Record<string, string | undefined> = process.env): string {
  const address = clientAddress(request, env)?.replace(/^\[|\]$/g, "").replace(/%.*$/, "").toLowerCase();
  if (!address) return "unknown";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(":")) return address.slice(0, 64);
  const groups = expandIpv6(address);
  if (!groups) return address.slice(0, 64);
  return `${groups.slice(0, 4).map((g) => Number.parseInt(g, 16).toString(16)).join(":")}::/64`;
}
