/**
 * The processor's rules for an order: every field present and of the right type, each problem named.
 */
import { describe, expect, it } from "vitest";
import { checkOrder } from "./order";

const order = { orderId: "O1234", userId: "U123", itemName: "Laptop", quantity: 1, status: "new", timestamp: "2025-05-03T12:00:00Z" };

describe("checking an order", () => {
  it("accepts the write-up's sample order", () => {
    expect(checkOrder(order)).toEqual({ ok: true, order });
  });

  it("names every missing field at once", () => {
    expect(checkOrder({})).toEqual({
      ok: false,
      problems: ["orderId is missing", "userId is missing", "itemName is missing", "quantity is missing", "status is missing", "timestamp is missing"],
    });
  });

  it("refuses a quantity that is text, fractional or below one", () => {
    expect(checkOrder({ ...order, quantity: "2" })).toEqual({ ok: false, problems: ["quantity must be a number, not a string"] });
    expect(checkOrder({ ...order, quantity: 1.5 })).toEqual({ ok: false, problems: ["quantity must be a whole number of at least 1"] });
    expect(checkOrder({ ...order, quantity: 0 })).toEqual({ ok: false, problems: ["quantity must be a whole number of at least 1"] });
  });

  it("refuses an unknown status and a timestamp that is not ISO 8601", () => {
    expect(checkOrder({ ...order, status: "lost" })).toEqual({ ok: false, problems: ["status must be one of new, paid, shipped, cancelled"] });
    expect(checkOrder({ ...order, timestamp: "03/05/2025 12:00" })).toEqual({ ok: false, problems: ["timestamp must be an ISO 8601 date and time"] });
    expect(checkOrder({ ...order, timestamp: "2025-02-30T12:00:00Z" })).toEqual({ ok: false, problems: ["timestamp must be an ISO 8601 date and time"] });
    expect(checkOrder({ ...order, timestamp: "2024-02-29T23:59:59.5+01:00" })).toMatchObject({ ok: true });
    expect(checkOrder({ ...order, timestamp: "2025-13-01T12:00:00Z" })).toEqual({ ok: false, problems: ["timestamp must be an ISO 8601 date and time"] });
  });

  it("refuses what is not an object, and blank strings", () => {
    expect(checkOrder([order])).toEqual({ ok: false, problems: ["an order must be a JSON object, not an array"] });
    expect(checkOrder({ ...order, userId: "  " })).toEqual({ ok: false, problems: ["userId is missing"] });
  });

  it("keeps only the order's own fields", () => {
    expect(checkOrder({ ...order, note: "extra" })).toEqual({ ok: true, order });
  });
});
