/**
 * Counts failed attempts (instructor secret, join code) per client in a sliding window. Past the
 * client's limit, further attempts are refused until the window has moved on. A ceiling over all
 * clients together also holds, because a client can claim any address it likes (X-Forwarded-For):
 * however many addresses it invents, guessing stays slow.
 */
export interface Limits {
  perClient: number;
  allClients: number;
  windowMs: number;
}

export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly everyone: number[] = [];

  constructor(private readonly limits: Limits) {}

  private recent(times: number[], now: number): number[] {
    const since = now - this.limits.windowMs;
    while (times.length && times[0] <= since) times.shift();
    return times;
  }

  check(client: string, now = Date.now()): Verdict {
    const mine = this.recent(this.failures.get(client) ?? [], now);
    const all = this.recent(this.everyone, now);
    const blockedBy = mine.length >= this.limits.perClient ? mine : all.length >= this.limits.allClients ? all : null;
    if (!blockedBy) return { allowed: true };
    const oldest = blockedBy[blockedBy.length - (blockedBy === mine ? this.limits.perClient : this.limits.allClients)];
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.limits.windowMs - now) / 1000)) };
  }

  fail(client: string, now = Date.now()): void {
    const mine = this.recent(this.failures.get(client) ?? [], now);
    mine.push(now);
    this.failures.set(client, mine);
    this.everyone.push(now);
    if (this.failures.size > 10_000) {
      for (const [key, times] of this.failures) if (!this.recent(times, now).length) this.failures.delete(key);
    }
  }

  succeed(client: string): void {
    this.failures.delete(client);
  }
}

const SLOT = Symbol.for("messaging-labs.classroom-limiters");

type Limiters = { instructor: FailureLimiter; join: FailureLimiter };

/** Instructor sign-in: 5 wrong secrets per client, 50 in all, per 10 minutes. Joining: 10 wrong codes per client, 300 in all, per 10 minutes. */
export function limiters(): Limiters {
  const holder = globalThis as typeof globalThis & { [SLOT]?: Limiters };
  holder[SLOT] ??= {
    instructor: new FailureLimiter({ perClient: 5, allClients: 50, windowMs: 10 * 60_000 }),
    join: new FailureLimiter({ perClient: 10, allClients: 300, windowMs: 10 * 60_000 }),
  };
  return holder[SLOT];
}

export function resetLimiters(): void {
  delete (globalThis as typeof globalThis & { [SLOT]?: Limiters })[SLOT];
}

/**
 * Who is asking: the address Next.js records in X-Forwarded-For (the first one, which a proxy in
 * front passes on). Without any, all such requests count as one client.
 */
export function clientKey(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (forwarded || request.headers.get("x-real-ip") || "unknown").slice(0, 64);
}
