import { describe, expect, it } from "vitest";
import { clientKey, FailureLimiter } from "./rate-limit";

describe("rate-limited attempts", () => {
  it("refuses a client past its failures until the oldest leaves the window", () => {
    const limiter = new FailureLimiter({ perClient: 3, allClients: 100, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      expect(limiter.check("a", 1000 * i)).toEqual({ allowed: true });
      limiter.fail("a", 1000 * i);
    }
    expect(limiter.check("a", 5000)).toEqual({ allowed: false, retryAfterSeconds: 55 });
    expect(limiter.check("b", 5000)).toEqual({ allowed: true });
    expect(limiter.check("a", 60_001)).toEqual({ allowed: true });
  });

  it("holds a ceiling over all clients, so invented addresses do not help", () => {
    const limiter = new FailureLimiter({ perClient: 3, allClients: 5, windowMs: 60_000 });
    for (let i = 0; i < 5; i++) limiter.fail(`10.0.0.${i}`, 0);
    expect(limiter.check("10.0.0.99", 1000)).toMatchObject({ allowed: false });
  });

  it("a success clears the client's own count", () => {
    const limiter = new FailureLimiter({ perClient: 2, allClients: 100, windowMs: 60_000 });
    limiter.fail("a", 0);
    limiter.succeed("a");
    limiter.fail("a", 1);
    expect(limiter.check("a", 2)).toEqual({ allowed: true });
  });

  it("knows a client by the first X-Forwarded-For address", () => {
    const request = new Request("http://localhost/", { headers: { "x-forwarded-for": "203.0.113.9, 10.0.0.1" } });
    expect(clientKey(request)).toBe("203.0.113.9");
    expect(clientKey(new Request("http://localhost/"))).toBe("unknown");
  });
});
