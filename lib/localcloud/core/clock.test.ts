import { afterEach, describe, expect, it } from "vitest";
import { VirtualClock } from "./clock";

describe("virtual clock", () => {
  const clocks: VirtualClock[] = [];
  const make = () => {
    const clock = new VirtualClock();
    clocks.push(clock);
    return clock;
  };
  afterEach(() => clocks.splice(0).forEach((c) => c.stop()));

  it("fires timers in order on advance, each seeing its own due time", () => {
    const clock = make();
    const start = clock.now();
    const seen: Array<[string, number]> = [];
    clock.after(30_000, () => seen.push(["b", clock.now() - start]));
    clock.after(10_000, () => seen.push(["a", clock.now() - start]));
    clock.after(90_000, () => seen.push(["c", clock.now() - start]));
    clock.advance(60_000);
    expect(seen.map(([name]) => name)).toEqual(["a", "b"]);
    expect(seen[0][1]).toBeGreaterThanOrEqual(10_000);
    expect(seen[0][1]).toBeLessThan(10_100);
    expect(seen[1][1]).toBeGreaterThanOrEqual(30_000);
    expect(seen[1][1]).toBeLessThan(30_100);
    clock.advance(30_000);
    expect(seen.map(([name]) => name)).toEqual(["a", "b", "c"]);
  });

  it("replays each skipped minute once, in order, at that minute's time", () => {
    const clock = make();
    const minutes: number[] = [];
    const nowAtTick: number[] = [];
    clock.everyMinute((minuteStart) => {
      minutes.push(minuteStart);
      nowAtTick.push(clock.now());
    });
    const first = Math.floor(clock.now() / 60_000) * 60_000;
    clock.advance(5 * 60_000);
    expect(minutes.slice(0, 5)).toEqual([0, 1, 2, 3, 4].map((i) => first + i * 60_000));
    nowAtTick.slice(0, 5).forEach((now, i) => {
      expect(now).toBeGreaterThanOrEqual(first + (i + 1) * 60_000);
      expect(now).toBeLessThan(first + (i + 1) * 60_000 + 100);
    });
  });

  it("interleaves timers and minute ticks by time", () => {
    const clock = make();
    const order: string[] = [];
    const nextMinute = (Math.floor(clock.now() / 60_000) + 1) * 60_000;
    clock.everyMinute(() => order.push("minute"));
    clock.at(nextMinute - 1, () => order.push("before"));
    clock.at(nextMinute + 1, () => order.push("after"));
    clock.advance(nextMinute + 10 - clock.now());
    expect(order).toEqual(["before", "minute", "after"]);
  });

  it("cancels timers and wakes sleepers on abort", async () => {
    const clock = make();
    let fired = false;
    clock.after(1_000, () => (fired = true)).cancel();
    clock.advance(2_000);
    expect(fired).toBe(false);
    const abort = new AbortController();
    const sleeping = clock.sleep(60_000, abort.signal);
    abort.abort();
    await expect(sleeping).resolves.toBeUndefined();
  });

  it("fires timers in real time too", async () => {
    const clock = make();
    const fired = new Promise<number>((resolve) => clock.after(20, () => resolve(clock.now())));
    const start = clock.now();
    expect((await fired) - start).toBeGreaterThanOrEqual(19);
  });

  it("refuses to move backwards", () => {
    expect(() => make().advance(-1)).toThrow(RangeError);
  });
});
