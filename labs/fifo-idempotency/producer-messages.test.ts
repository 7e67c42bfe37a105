import { describe, expect, it } from "vitest";
import { parseOrderMessage } from "./handlers/order-message";
import { plannedCase, plannedSend } from "./producer-messages";

function ids() {
  let n = 0;
  return () => `m-${++n}`;
}
const groups = { first: "order-1001", second: "order-1002" };

describe("the producer's sends", () => {
  it("sends an order event with the message_id as deduplication id, or none for content-based deduplication", () => {
    expect(plannedSend({ group: "order-7", event: "paid", dedup: "message-id" }, ids())).toEqual({
      group: "order-7",
      body: '{"message_id":"m-1","order_id":"order-7","event":"paid"}',
      deduplicationId: "m-1",
      messageId: "m-1",
      note: "a new order event",
    });
    expect(plannedSend({ group: "order-7", event: "paid", dedup: "content" }, ids()).deduplicationId).toBeUndefined();
    expect(plannedSend({ group: "order-7", event: "paid", dedup: "custom", dedupId: "mine" }, ids()).deduplicationId).toBe("mine");
    const again = plannedSend({ group: "order-7", event: "paid", dedup: "message-id", messageId: "m-old" }, ids());
    expect(again).toMatchObject({ messageId: "m-old", deduplicationId: "m-old", note: "the same message_id again" });
  });

  it("same-twice repeats the body and the deduplication id (or only the body when SQS hashes it)", () => {
    const [a, b] = plannedCase("same-twice", groups, "message-id", ids());
    expect(b.body).toBe(a.body);
    expect(b.deduplicationId).toBe(a.deduplicationId);
    const [c, d] = plannedCase("same-twice", groups, "content", ids());
    expect(d.body).toBe(c.body);
    expect(c.deduplicationId).toBeUndefined();
    expect(d.deduplicationId).toBeUndefined();
  });

  it("new-dedup-id keeps the message_id and the body but changes the deduplication id", () => {
    const [a, b] = plannedCase("new-dedup-id", groups, "message-id", ids());
    expect(b.body).toBe(a.body);
    expect(b.messageId).toBe(a.messageId);
    expect(b.deduplicationId).not.toBe(a.deduplicationId);
  });

  it("invalid-json is a body the consumer refuses", () => {
    const [bad] = plannedCase("invalid-json", groups, "message-id", ids());
    expect(parseOrderMessage(bad.body).ok).toBe(false);
    expect(bad.messageId).toBeNull();
  });

  it("interleaved alternates the two groups, each in event order", () => {
    const sends = plannedCase("interleaved", groups, "message-id", ids());
    expect(sends.map((s) => s.group)).toEqual(["order-1001", "order-1002", "order-1001", "order-1002", "order-1001", "order-1002"]);
    const events = (group: string) => sends.filter((s) => s.group === group).map((s) => (JSON.parse(s.body) as { event: string }).event);
    expect(events("order-1001")).toEqual(["placed", "paid", "shipped"]);
    expect(events("order-1002")).toEqual(["placed", "paid", "shipped"]);
  });

  it("failing-group puts one invalid message between the first group's events", () => {
    const sends = plannedCase("failing-group", groups, "message-id", ids());
    const first = sends.filter((s) => s.group === "order-1001");
    expect(first.map((s) => parseOrderMessage(s.body).ok)).toEqual([true, false, true, true]);
    expect(sends.filter((s) => s.group === "order-1002").every((s) => parseOrderMessage(s.body).ok)).toBe(true);
  });
});
