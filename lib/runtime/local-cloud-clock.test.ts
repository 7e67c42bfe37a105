import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "../localcloud/index";
import { createStsService } from "../localcloud/sts";
import { startTestCloud } from "../localcloud/test/harness";
import { LocalCloudClock } from "./local-cloud-clock";

describe("following the clock of a local cloud in another process", () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startTestCloud({ services: [createStsService] });
  });
  afterAll(async () => {
    await cloud?.close();
  });

  it("reads the cloud's time, and a fast-forward over HTTP ends the runtime's waits", async () => {
    const clock = new LocalCloudClock(cloud.endpoint);
    await fetch(`${cloud.endpoint}/_localcloud/clock`, { method: "POST", body: JSON.stringify({ advanceSeconds: 3600 }) });
    await clock.sync();
    expect(Math.abs(clock.now() - cloud.clock.now())).toBeLessThan(1_000);

    const started = Date.now();
    let woke = false;
    const waiting = clock.sleep(10 * 60_000).then(() => (woke = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(woke).toBe(false);
    await fetch(`${cloud.endpoint}/_localcloud/clock`, { method: "POST", body: JSON.stringify({ advanceSeconds: 601 }) });
    await waiting;
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it("a wait started right after a fast-forward counts from the cloud's new time", async () => {
    const clock = new LocalCloudClock(cloud.endpoint);
    await clock.sync();
    // The cloud jumps an hour ahead a moment after the runtime last read its time.
    await fetch(`${cloud.endpoint}/_localcloud/clock`, { method: "POST", body: JSON.stringify({ advanceSeconds: 3600 }) });
    let woke = false;
    const waiting = clock.sleep(10 * 60_000).then(() => (woke = true));
    // Without the read before the wait, the next refresh would jump the clock and end it at once.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(woke).toBe(false);
    await fetch(`${cloud.endpoint}/_localcloud/clock`, { method: "POST", body: JSON.stringify({ advanceSeconds: 601 }) });
    await waiting;
  });

  it("an aborted wait ends at once", async () => {
    const clock = new LocalCloudClock(cloud.endpoint);
    const abort = new AbortController();
    const waiting = clock.sleep(60_000, abort.signal);
    abort.abort();
    await waiting;
  });
});
