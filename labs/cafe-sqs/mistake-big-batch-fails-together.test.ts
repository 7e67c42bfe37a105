/**
 * "A batch size above 1 while learning": four good orders and one message that is not an order
 * arrive as one batch of 5; the worker throws on the bad one, so none of the five is deleted and
 * all come back after the visibility timeout — the good ones with the bad one.
 */
import { describe, expect, it } from "vitest";
import { inspectQueue } from "@/lib/lab-framework/inspect/queue-inspection";
import { eventually, cafeOnLocalCloud, workerRunning } from "./test-support";

const cafe = cafeOnLocalCloud("batch1", workerRunning);

describe("a batch of five with one bad message", () => {
  it("sends all five back to the queue together", async () => {
    await cafe.steps.act("common-mistakes", "big-batch-with-bad-message");
    const [failure] = await eventually("the batch to fail", async () => {
      const lines = await cafe.context.runtime.logs({ filter: { type: "invocation", outcome: "error" } });
      return lines.length ? lines : null;
    });
    expect(failure).toMatchObject({ batchSize: 5, error: expect.stringContaining("not JSON") });
    const inFlight = await inspectQueue(cafe.context, "ordersQueue");
    expect(inFlight.peek?.messages.map((m) => m.state)).toEqual(["inFlight", "inFlight", "inFlight", "inFlight", "inFlight"]);
    cafe.cloud.clock.advance(61_000);
    await eventually("all five received a second time", async () => (await inspectQueue(cafe.context, "ordersQueue")).peek?.messages.every((m) => m.receiveCount >= 2) ?? false);
    await cafe.steps.act("common-mistakes", "restore-batch");
    expect((await cafe.steps.check("common-mistakes")).passed).toBe(true);
  }, 40_000);
});
