import { describe, expect, it } from "vitest";
import { compareSequence, groupOrders } from "./processing-order";
import type { SavedMessage } from "./saved-messages";

function saved(messageId: string, group: string, sequenceNumber: string, savedAt: string): SavedMessage {
  return { messageId, group, event: null, seq: null, sqsMessageId: `sqs-${messageId}`, sequenceNumber, receiveCount: 1, savedAt, skippedDuplicates: 0, skippedRedeliveries: 0 };
}

describe("sent and processed order per group", () => {
  it("compares sequence numbers as numbers, whatever their length", () => {
    expect(compareSequence("99", "100")).toBeLessThan(0);
    expect(compareSequence("18849496460467696128", "18849496460467696129")).toBeLessThan(0);
    expect(compareSequence("7", "7")).toBe(0);
  });

  it("splits by group, in the order the groups started", () => {
    const orders = groupOrders([
      saved("b1", "order-2", "00000000000000000002", "2026-01-01T00:00:02.000Z"),
      saved("a2", "order-1", "00000000000000000003", "2026-01-01T00:00:03.000Z"),
      saved("a1", "order-1", "00000000000000000001", "2026-01-01T00:00:01.000Z"),
    ]);
    expect(orders.map((o) => [o.group, o.sent.map((m) => m.messageId), o.inOrder])).toEqual([
      ["order-1", ["a1", "a2"], true],
      ["order-2", ["b1"], true],
    ]);
  });

  it("keeps the queue's order for saves in the same millisecond, and sees an overtaking save", () => {
    const same = "2026-01-01T00:00:01.000Z";
    expect(groupOrders([saved("a2", "g", "2", same), saved("a1", "g", "1", same)])[0].inOrder).toBe(true);
    const overtaken = groupOrders([saved("a1", "g", "1", "2026-01-01T00:00:05.000Z"), saved("a2", "g", "2", "2026-01-01T00:00:04.000Z")])[0];
    expect(overtaken.inOrder).toBe(false);
    expect(overtaken.processed.map((m) => m.messageId)).toEqual(["a2", "a1"]);
  });
});
