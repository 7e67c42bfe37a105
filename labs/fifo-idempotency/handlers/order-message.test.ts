import { describe, expect, it } from "vitest";
import { MAX_MESSAGE_ID_LENGTH, parseOrderMessage } from "./order-message";

describe("what the consumer accepts as a message body", () => {
  it("takes a JSON object with a message_id and keeps every other field", () => {
    const parsed = parseOrderMessage('{"message_id":"m-1","order_id":"order-1001","event":"paid","seq":2,"extra":true}');
    expect(parsed).toEqual({ ok: true, message: { message_id: "m-1", order_id: "order-1001", event: "paid", seq: 2, extra: true } });
  });

  it.each([
    ['{"message_id":"m-1","order_id":"order-1001"', /not JSON/],
    ["", /not JSON/],
    ['["m-1"]', /not an object \(it is an array\)/],
    ["null", /not an object \(it is null\)/],
    ['"m-1"', /not an object \(it is a string\)/],
    ['{"order_id":"order-1001"}', /no message_id/],
    ['{"message_id":""}', /no message_id/],
    ['{"message_id":"   "}', /no message_id/],
    ['{"message_id":42}', /no message_id/],
    [JSON.stringify({ message_id: "x".repeat(MAX_MESSAGE_ID_LENGTH + 1) }), /longer than 128/],
  ])("refuses %j with a reason", (body, reason) => {
    const parsed = parseOrderMessage(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});
