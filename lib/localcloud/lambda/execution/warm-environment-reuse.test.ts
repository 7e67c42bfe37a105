import { VirtualClock } from "../../core/clock";
import { afterAll, describe, expect, it } from "vitest";
import { again, invocation, poolForTests } from "./test-support";

const COUNTER = {
  "index.js": `
    let invocations = 0;
    const loadedAt = Math.random();
    exports.handler = async (event) => {
      invocations += 1;
      if (event.waitMs) await new Promise((resolve) => setTimeout(resolve, event.waitMs));
      return { invocations, loadedAt, marker: process.env.MARKER ?? null };
    };`,
};

function payload(result: { outcome: { ok: boolean } }): { invocations: number; loadedAt: number; marker: string | null } {
  if (!("payload" in result.outcome)) throw new Error(`the invocation failed: ${JSON.stringify(result.outcome)}`);
  return JSON.parse(result.outcome.payload as string);
}

describe("warm environments", () => {
  const bed = poolForTests({ maxWarmEnvironments: 3 });

  it("keeps module scope between invocations of one function, and reports init only on the cold start", async () => {
    const first = invocation(COUNTER);
    const cold = await bed.pool.invoke(first);
    const warm = await bed.pool.invoke(again(first));
    expect(payload(cold).invocations).toBe(1);
    expect(payload(warm)).toEqual({ ...payload(cold), invocations: 2 });
    expect(cold.initDurationMs).toBeGreaterThan(0);
    expect(warm.initDurationMs).toBeUndefined();
    expect(warm.logStreamName).toBe(cold.logStreamName);
    expect(cold.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
  });

  it("runs concurrent invocations of one function in separate environments", async () => {
    const first = invocation(COUNTER);
    const results = await Promise.all([
      bed.pool.invoke(again(first, { event: '{"waitMs":50}' })),
      bed.pool.invoke(again(first, { event: '{"waitMs":50}' })),
    ]);
    expect(results.map((result) => payload(result).invocations)).toEqual([1, 1]);
    expect(new Set(results.map((result) => result.logStreamName)).size).toBe(2);
    expect(results.every((result) => result.initDurationMs !== undefined)).toBe(true);
  });

  it("starts a new environment after retire (code or configuration changed)", async () => {
    const first = invocation(COUNTER);
    const before = payload(await bed.pool.invoke(first));
    bed.pool.retire(first.functionKey);
    const after = await bed.pool.invoke(again(first));
    expect(after.initDurationMs).toBeDefined();
    expect(payload(after).invocations).toBe(1);
    expect(payload(after).loadedAt).not.toBe(before.loadedAt);
  });

  it("never reuses an environment whose environment variables differ", async () => {
    const first = invocation(COUNTER, { environment: { MARKER: "one" } });
    await bed.pool.invoke(first);
    const changed = await bed.pool.invoke(again(first, { environment: { MARKER: "two" } }));
    expect(payload(changed)).toMatchObject({ invocations: 1, marker: "two" });
  });

  it("keeps at most maxWarmEnvironments, stopping the least recently used idle one", async () => {
    const functions = [invocation(COUNTER), invocation(COUNTER), invocation(COUNTER), invocation(COUNTER)];
    for (const fn of functions) await bed.pool.invoke(fn);
    expect(bed.pool.stats()).toMatchObject({ environments: 3, busy: 0, idle: 3 });
    // The first was the least recently used: it starts cold again; the last is still warm.
    expect((await bed.pool.invoke(again(functions[3]))).initDurationMs).toBeUndefined();
    expect((await bed.pool.invoke(again(functions[0]))).initDurationMs).toBeDefined();
  });
});

describe("idle recycling", () => {
  const idleTimer = new VirtualClock();
  const bed = poolForTests({ idleMs: 60_000, idleTimer });
  afterAll(() => idleTimer.stop());

  it("stops an environment idle for idleMs, so the next invocation is a cold start", async () => {
    const first = invocation(COUNTER);
    await bed.pool.invoke(first);
    idleTimer.advance(59_000);
    expect(bed.pool.stats().idle).toBe(1);
    expect((await bed.pool.invoke(again(first))).initDurationMs).toBeUndefined();
    idleTimer.advance(60_000);
    expect(bed.pool.stats()).toMatchObject({ environments: 0, spares: 0 });
    const next = await bed.pool.invoke(again(first));
    expect(next.initDurationMs).toBeDefined();
    expect(payload(next).invocations).toBe(1);
  });
});
