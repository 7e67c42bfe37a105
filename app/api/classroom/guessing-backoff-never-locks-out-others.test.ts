/**
 * Guessing the instructor secret or a join code stays slow for the guesser, and nobody else is
 * ever locked out: per-client waits that double, no global limit, X-Forwarded-For believed only
 * behind TRUSTED_PROXY_HOPS. Time is passed in (or set), never waited for.
 */
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as join } from "@/app/api/classroom/join/route";
import { POST as signIn } from "@/app/api/instructor/session/route";
import { installPeerAddressHeader, PEER_ADDRESS_HEADER } from "@/lib/api/client-address";
import { resetInstructorSecret } from "@/lib/classroom/instructor-secret";
import { AttemptBackoff, clientKey, INSTRUCTOR_BACKOFF, JOIN_BACKOFF } from "@/lib/classroom/rate-limit";
import { browserRequest, freshClassStore, params } from "@/lib/classroom/test-support";

const SECRET = "correct horse battery staple";

beforeEach(() => {
  installPeerAddressHeader();
  resetInstructorSecret();
  vi.stubEnv("INSTRUCTOR_SECRET", SECRET);
  vi.stubEnv("TRUSTED_PROXY_HOPS", "");
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetInstructorSecret();
});

/** A request as the server hands it to a route: the peer's address recorded, plus whatever the client claims. */
function fromPeer(peer: string, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost:3000/", { headers: { [PEER_ADDRESS_HEADER]: peer, ...headers } });
}

function signInFrom(peer: string, secret: string, forwardedFor = "10.9.8.7"): Promise<Response> {
  return signIn(browserRequest("/api/instructor/session", { method: "POST", body: { secret }, headers: { [PEER_ADDRESS_HEADER]: peer, "x-forwarded-for": forwardedFor } }), params({}));
}

describe("the instructor secret", () => {
  it("50 wrong secrets with rotated X-Forwarded-For slow the guesser only: the instructor elsewhere signs in at once", async () => {
    freshClassStore();
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await signInFrom("203.0.113.5", `guess ${i}`, `198.18.0.${i}`)).status);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4).every((s) => s === 429)).toBe(true);

    expect((await signInFrom("198.51.100.7", SECRET)).status).toBe(200);
    // The guesser's own right answer during its wait is refused unread, so the wait is no oracle.
    const waiting = await signInFrom("203.0.113.5", SECRET);
    expect(waiting.status).toBe(429);
    expect(waiting.headers.get("retry-after")).toBe("1");
    expect(((await waiting.json()) as { error: { action: string } }).error.action).toBe("Wait 1 second, then try again.");
  });

  it("each wrong secret past the third doubles the wait, up to five minutes, and is forgiven with time", () => {
    const limiter = new AttemptBackoff(INSTRUCTOR_BACKOFF);
    let now = 0;
    for (let i = 0; i < 3; i++) limiter.fail("a", (now += 10));
    expect(limiter.check("a", now)).toEqual({ allowed: true });
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      limiter.fail("a", now);
      const verdict = limiter.check("a", now);
      if (verdict.allowed) throw new Error("expected a wait");
      waits.push(verdict.retryAfterSeconds);
      expect(limiter.check("a", now + verdict.retryAfterSeconds * 1000 - 1).allowed).toBe(false);
      now += verdict.retryAfterSeconds * 1000;
      expect(limiter.check("a", now)).toEqual({ allowed: true });
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]);
    expect(limiter.check("b", now)).toEqual({ allowed: true });

    // A day later every wrong try is forgiven: three free ones again.
    now += 24 * 3600_000;
    for (let i = 0; i < 3; i++) limiter.fail("a", now);
    expect(limiter.check("a", now)).toEqual({ allowed: true });
  });

  it("the right secret clears the client's count", () => {
    const limiter = new AttemptBackoff(INSTRUCTOR_BACKOFF);
    for (let i = 0; i < 3; i++) limiter.fail("a", i);
    limiter.succeed("a");
    for (let i = 0; i < 3; i++) limiter.fail("a", 10 + i);
    expect(limiter.check("a", 20)).toEqual({ allowed: true });
  });

  it("guessing as fast as allowed from one address gets 12 tries an hour once the waits reach five minutes", () => {
    const limiter = new AttemptBackoff(INSTRUCTOR_BACKOFF);
    let now = 0;
    const tries: number[] = [];
    while (now < 3 * 3600_000) {
      const verdict = limiter.check("guesser", now);
      if (verdict.allowed) {
        limiter.fail("guesser", now);
        tries.push(now);
      } else now += verdict.retryAfterSeconds * 1000;
    }
    expect(tries.filter((t) => t < 3600_000).length).toBeLessThanOrEqual(3 + 9 + 12);
    expect(tries.filter((t) => t >= 3600_000).length).toBe(24);
  });
});

describe("join codes", () => {
  it("a class of 100 behind one NAT address, a third of them mistyping, all join", async () => {
    const store = freshClassStore();
    const usernames = Array.from({ length: 100 }, (_, i) => `user${i + 1}`);
    const { joinCode } = store.create({
      name: "Behind one NAT",
      roster: { kind: "list", usernames },
      labIds: ["sns-fanout"],
      connection: { mode: "embedded" },
      region: "us-east-1",
      stuck: { idleMinutes: 15, failures: 3 },
      allowFastForward: false,
    });
    vi.useFakeTimers({ toFake: ["Date"], now: 0 });
    try {
      const statuses: number[] = [];
      for (const [i, username] of usernames.entries()) {
        vi.setSystemTime(i * 1200); // 100 students within two minutes
        const attempt = (code: string) =>
          join(browserRequest("/api/classroom/join", { method: "POST", body: { code, username }, headers: { [PEER_ADDRESS_HEADER]: "192.0.2.44" } }), params({}));
        if (i % 3 === 0) expect((await attempt(`${joinCode.slice(0, 7)}X`)).status).toBe(400);
        statuses.push((await attempt(joinCode)).status);
      }
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("guessing as fast as allowed from one address gets about 30 codes a minute", () => {
    const limiter = new AttemptBackoff(JOIN_BACKOFF);
    let now = 0;
    let tries = 0;
    while (now < 10 * 60_000) {
      const verdict = limiter.check("guesser", now);
      if (verdict.allowed) {
        limiter.fail("guesser", now);
        tries += 1;
        now += 5; // a fast client
      } else now += verdict.retryAfterSeconds * 1000;
    }
    expect(tries).toBeGreaterThan(30);
    expect(tries).toBeLessThanOrEqual(30 + 10 * 30 + 10);
    expect(limiter.check("classmate", now)).toEqual({ allowed: true });
  });
});

describe("who the client is", () => {
  it("is the TCP peer, whatever X-Forwarded-For claims, unless TRUSTED_PROXY_HOPS says proxies stand in front", () => {
    const spoofed = fromPeer("10.0.0.2", { "x-forwarded-for": "198.18.0.9, 203.0.113.9" });
    expect(clientKey(spoofed, {})).toBe("10.0.0.2");
    expect(clientKey(spoofed, { TRUSTED_PROXY_HOPS: "1" })).toBe("203.0.113.9");
    expect(clientKey(spoofed, { TRUSTED_PROXY_HOPS: "2" })).toBe("198.18.0.9");
    expect(clientKey(spoofed, { TRUSTED_PROXY_HOPS: "5" })).toBe("198.18.0.9");
    expect(clientKey(new Request("http://localhost/"), { TRUSTED_PROXY_HOPS: "1" })).toBe("unknown");
  });

  it("counts an IPv6 client by its /64 and an IPv4-mapped one by its IPv4 address", () => {
    expect(clientKey(fromPeer("2001:db8:1:2:aaaa::1"), {})).toBe("2001:db8:1:2::/64");
    expect(clientKey(fromPeer("2001:db8:1:2:bbbb:cccc:dddd:eeee"), {})).toBe("2001:db8:1:2::/64");
    expect(clientKey(fromPeer("::1"), {})).toBe("0:0:0:0::/64");
    expect(clientKey(fromPeer("::ffff:192.0.2.5"), {})).toBe("192.0.2.5");
  });

  it("the server records the peer's own address, overwriting a header of that name a client sent", async () => {
    const server = createServer((request, response) => response.end(String(request.headers[PEER_ADDRESS_HEADER])));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const seen = await new Promise<string>((resolve, reject) => {
        const sent = httpRequest({ host: "127.0.0.1", port, headers: { [PEER_ADDRESS_HEADER]: "203.0.113.1" } }, (response) => {
          let text = "";
          response.on("data", (chunk: Buffer) => (text += chunk.toString()));
          response.on("end", () => resolve(text));
        });
        sent.on("error", reject);
        sent.end();
      });
      expect(seen).toBe("127.0.0.1");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
