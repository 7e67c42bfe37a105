import { describe, expect, it } from "vitest";
import { nextDelay } from "./backoff";

const timing = { minMs: 1000, maxMs: 10_000, maxErrorMs: 30_000 };

describe("live polling back-off", () => {
  it("polls quickly after a change and slows toward the maximum while nothing changes", () => {
    let delay = nextDelay(null, "changed", timing);
    expect(delay).toBe(1000);
    const delays = [];
    for (let i = 0; i < 8; i++) delays.push((delay = nextDelay(delay, "unchanged", timing)));
    expect(delays).toEqual([1500, 2250, 3375, 5063, 7595, 10_000, 10_000, 10_000]);
    expect(nextDelay(10_000, "changed", timing)).toBe(1000);
  });

  it("backs off harder after errors, up to its own ceiling", () => {
    let delay = nextDelay(1000, "error", timing);
    expect(delay).toBe(2000);
    for (let i = 0; i < 10; i++) delay = nextDelay(delay, "error", timing);
    expect(delay).toBe(30_000);
  });
});
