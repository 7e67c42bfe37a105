/**
 * The queue processor reports exactly the orders it could not process as batch item failures
 * (so SQS deletes the others), works 1 s on a high-priority order and 2 s on a normal one, scaled
 * by PROCESSING_TIME_SCALE, and logs one summary per batch.
 */
import { describe, expect, it } from "vitest";
import { createQueueProcessor, timeScaleOf, type ProcessedMessage } from "./handlers/sqs-processor";
import { sqsRecord, withLogs } from "./test-support";

function order(id: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({ orderId: id, customerId: "CUST-1", amount: 10, items: [{ productId: "P", quantity: 1, price: 10 }], timestamp: "2025-01-01T00:00:00Z", priority: "normal", simulateFailure: false, ...extra });
}

describe("queue processor", () => {
  it("reports only the failing messages, by message id", async () => {
    const slept: number[] = [];
    const processor = createQueueProcessor({ timeScale: 0.1, sleep: async (ms) => void slept.push(ms) });
    const records = [
      sqsRecord(order("ORD-FAIL", { simulateFailure: true, priority: "high" }), { priority: "high" }),
      sqsRecord(order("ORD-B"), { priority: "normal" }),
      sqsRecord("not json at all", { priority: "normal" }),
      sqsRecord(order("ORD-D"), { priority: "high", receiveCount: 2 }),
      sqsRecord(order("ORD-E")),
    ];
    const { result, logs } = await withLogs(() => processor({ Records: records }));
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: records[0].messageId }, { itemIdentifier: records[2].messageId }] });
    // High 1000 ms and normal 2000 ms, times 0.1; no work for the failures; a missing Priority is normal.
    expect(slept).toEqual([200, 100, 200]);

    const summary = logs.find((l) => l.action === "batch_processed");
    expect(summary?.status).toBe("warning");
    const messages = summary?.details.messages as ProcessedMessage[];
    expect(messages.map((m) => [m.orderId, m.priority, m.ok, m.receiveCount])).toEqual([
      ["ORD-FAIL", "high", false, 1],
      ["ORD-B", "normal", true, 1],
      ["unknown", "normal", false, 1],
      ["ORD-D", "high", true, 2],
      ["ORD-E", "normal", true, 1],
    ]);
    expect(messages[0].reason).toBe("simulated processing failure for ORD-FAIL");
    expect(messages[2].reason).toBe("the body is not JSON");
    expect(messages[1].sentAt).toBe(1_700_000_000_000);
    expect(logs.filter((l) => l.action === "order_failed")).toHaveLength(2);
    expect(logs.filter((l) => l.action === "order_processed").map((l) => l.details.orderId)).toEqual(["ORD-B", "ORD-D", "ORD-E"]);
  });

  it("answers an empty failure list when the whole batch succeeds", async () => {
    const processor = createQueueProcessor({ sleep: async () => {} });
    const { result, logs } = await withLogs(() => processor({ Records: [sqsRecord(order("ORD-1"), { priority: "high" })] }));
    expect(result).toEqual({ batchItemFailures: [] });
    expect(logs.find((l) => l.action === "batch_processed")?.status).toBe("success");
  });

  it("reads PROCESSING_TIME_SCALE as a factor in (0, 1], else works at full time", () => {
    expect(timeScaleOf("0.1")).toBe(0.1);
    expect(timeScaleOf("1")).toBe(1);
    expect(timeScaleOf(undefined)).toBe(1);
    expect(timeScaleOf("")).toBe(1);
    expect(timeScaleOf("0")).toBe(1);
    expect(timeScaleOf("5")).toBe(1);
    expect(timeScaleOf("fast")).toBe(1);
  });
});
