/**
 * "Visibility timeout shorter than the worker's run time": with 2 s of visibility and a worker
 * that takes 5 s, the order comes back while the first invocation is still busy and a second one
 * receives it. The first stores it; the second finds it stored and counts nothing twice.
 */
import { describe, expect, it } from "vitest";
import type { HandlerLogLine } from "@/lib/runtime";
import { storedOrders } from "./orders";
import { eventually, cafeOnLocalCloud, workerRunning } from "./test-support";

const cafe = cafeOnLocalCloud("short1", workerRunning);

async function handlerLines(action: string): Promise<HandlerLogLine[]> {
  return (await cafe.context.runtime.logs({ filter: { type: "handler" } })).filter((l): l is HandlerLogLine & { seq: number } => l.type === "handler" && l.action === action);
}

describe("a visibility timeout shorter than the work", () => {
  it("delivers the order twice; the second delivery is caught as a duplicate", async () => {
    await cafe.steps.act("common-mistakes", "shorten-visibility");
    expect((await cafe.steps.check("common-mistakes")).details).toEqual(["The visibility timeout is 2 s, not 60 s.", "The worker is still slowed down."]);
    await cafe.steps.act("common-mistakes", "send-orders", { count: 1 });
    const [first] = await eventually("the first receive", async () => {
      const lines = await handlerLines("order_received");
      return lines.length ? lines : null;
    });
    // The worker is still busy (5 s of real time); 3 s later on the cloud's clock the order is visible again.
    cafe.cloud.clock.advance(3_000);
    await eventually("the second receive", async () => (await handlerLines("order_received")).some((l) => l.trace_id === first.trace_id && l.details.receive_count === 2));
    await eventually("the duplicate caught", async () => (await handlerLines("duplicate_skipped")).length === 1, 20_000);
    expect(await handlerLines("order_stored")).toHaveLength(1);
    expect(await storedOrders(cafe.context, "Mistake test")).toHaveLength(1);
    await cafe.steps.act("common-mistakes", "restore-visibility");
    expect(await cafe.steps.check("common-mistakes")).toMatchObject({ passed: true });
  }, 40_000);
});
