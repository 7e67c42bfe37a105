/**
 * "A batch size above 1 while learning": four good orders and one message that is not an order
 * arrive as one batch of 5; the worker throws on the bad one, so none of the five is deleted and
 * all come back after the visibility timeout — the good ones with the bad one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { inspectQueue } from "../framework/inspect/queue-inspection";
import type { CafeContext } from "./provision";
import { cafeContext, eventually, stepsOf } from "./test-support";

let cloud: LocalCloud;
let context: CafeContext;
let steps: ReturnType<typeof stepsOf>;

beforeAll(async () => {
  cloud = await startTestCloud();
  context = await cafeContext(cloud.endpoint, "batch1");
  steps = stepsOf(context);
  await steps.act("create-queue", "create-queue");
  await steps.act("worker", "create-tables");
  await steps.act("worker", "enable-trigger");
});
afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

describe("a batch of five with one bad message", () => {
  it("sends all five back to the queue together", async () => {
    await steps.act("common-mistakes", "big-batch-with-bad-message");
    const [failure] = await eventually("the batch to fail", async () => {
      const lines = await context.runtime.logs({ filter: { type: "invocation", outcome: "error" } });
      return lines.length ? lines : null;
    });
    expect(failure).toMatchObject({ batchSize: 5, error: expect.stringContaining("not JSON") });
    const inFlight = await inspectQueue(context, "ordersQueue");
    expect(inFlight.peek?.messages.map((m) => m.state)).toEqual(["inFlight", "inFlight", "inFlight", "inFlight", "inFlight"]);
    cloud.clock.advance(61_000);
    await eventually("all five received a second time", async () => (await inspectQueue(context, "ordersQueue")).peek?.messages.every((m) => m.receiveCount >= 2) ?? false);
    await steps.act("common-mistakes", "restore-batch");
    expect((await steps.check("common-mistakes")).passed).toBe(true);
  }, 40_000);
});
