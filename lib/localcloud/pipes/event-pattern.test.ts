import { describe, expect, it } from "vitest";
import { EventPatternError, matchesAnyPattern, matchesEventPattern, parseEventPattern } from "./event-pattern";

const matches = (pattern: unknown, event: unknown) => matchesEventPattern(parseEventPattern(JSON.stringify(pattern)), event);

describe("event patterns", () => {
  const order = { body: { orderId: "o-1", amount: 15000, status: "PENDING", notes: "gift wrap", tags: ["vip", "eu"], customer: { tier: "Gold" } } };

  it("matches exact strings, numbers, booleans and null, and any value of a list", () => {
    expect(matches({ body: { status: ["PENDING"] } }, order)).toBe(true);
    expect(matches({ body: { status: ["SHIPPED", "PENDING"] } }, order)).toBe(true);
    expect(matches({ body: { status: ["pending"] } }, order)).toBe(false);
    expect(matches({ body: { amount: [15000] } }, order)).toBe(true);
    expect(matches({ body: { amount: ["15000"] } }, order)).toBe(false);
    expect(matches({ flag: [true] }, { flag: true })).toBe(true);
    expect(matches({ gone: [null] }, { gone: null })).toBe(true);
    expect(matches({ gone: [null] }, {})).toBe(false);
  });

  it("matches numeric ranges on numbers only", () => {
    expect(matches({ body: { amount: [{ numeric: [">", 10000] }] } }, order)).toBe(true);
    expect(matches({ body: { amount: [{ numeric: [">", 10000] }] } }, { body: { amount: 9999 } })).toBe(false);
    expect(matches({ body: { amount: [{ numeric: [">=", 100, "<", 200] }] } }, { body: { amount: 150 } })).toBe(true);
    expect(matches({ body: { amount: [{ numeric: [">=", 100, "<", 200] }] } }, { body: { amount: 200 } })).toBe(false);
    expect(matches({ body: { amount: [{ numeric: ["=", 5] }] } }, { body: { amount: 5.0 } })).toBe(true);
    // DynamoDB stream numbers are strings, so numeric matching does not apply to them.
    expect(matches({ dynamodb: { NewImage: { amount: { N: [{ numeric: [">", 10] }] } } } }, { dynamodb: { NewImage: { amount: { N: "50" } } } })).toBe(false);
  });

  it("matches prefix, suffix, equals-ignore-case and wildcard", () => {
    expect(matches({ body: { orderId: [{ prefix: "o-" }] } }, order)).toBe(true);
    expect(matches({ body: { notes: [{ suffix: "wrap" }] } }, order)).toBe(true);
    expect(matches({ body: { status: [{ "equals-ignore-case": "pending" }] } }, order)).toBe(true);
    expect(matches({ body: { status: [{ prefix: { "equals-ignore-case": "pend" } }] } }, order)).toBe(true);
    expect(matches({ body: { notes: [{ wildcard: "gift*" }] } }, order)).toBe(true);
    expect(matches({ body: { notes: [{ wildcard: "*card" }] } }, order)).toBe(false);
  });

  it("matches exists and anything-but as AWS does for missing fields", () => {
    expect(matches({ body: { notes: [{ exists: true }] } }, order)).toBe(true);
    expect(matches({ body: { coupon: [{ exists: false }] } }, order)).toBe(true);
    expect(matches({ body: { coupon: [{ exists: true }] } }, order)).toBe(false);
    expect(matches({ body: { customer: [{ exists: true }] } }, order)).toBe(false); // not a leaf
    expect(matches({ body: { status: [{ "anything-but": ["CANCELLED"] }] } }, order)).toBe(true);
    expect(matches({ body: { status: [{ "anything-but": "PENDING" }] } }, order)).toBe(false);
    expect(matches({ body: { coupon: [{ "anything-but": "X" }] } }, order)).toBe(false);
    expect(matches({ body: { orderId: [{ "anything-but": { prefix: "test-" } }] } }, order)).toBe(true);
    expect(matches({ body: { status: [{ "anything-but": { "equals-ignore-case": ["pending"] } }] } }, order)).toBe(false);
    expect(matches({ body: { amount: [{ "anything-but": [100, 200] }] } }, order)).toBe(true);
  });

  it("matches arrays element-wise, nested objects and $or", () => {
    expect(matches({ body: { tags: ["vip"] } }, order)).toBe(true);
    expect(matches({ body: { customer: { tier: ["Gold"] } } }, order)).toBe(true);
    expect(matches({ body: { $or: [{ status: ["SHIPPED"] }, { amount: [{ numeric: [">", 10000] }] }] } }, order)).toBe(true);
    expect(matches({ body: { $or: [{ status: ["SHIPPED"] }, { amount: [{ numeric: ["<", 10] }] }] } }, order)).toBe(false);
    expect(matches({ items: { sku: ["A"] } }, { items: [{ sku: "B" }, { sku: "A" }] })).toBe(true);
  });

  it("lets everything through with no filters and anything matching one filter with several", () => {
    const high = parseEventPattern('{"body":{"amount":[{"numeric":[">",10000]}]}}');
    const vip = parseEventPattern('{"body":{"tags":["vip"]}}');
    expect(matchesAnyPattern([], order)).toBe(true);
    expect(matchesAnyPattern([high, vip], { body: { amount: 1, tags: ["vip"] } })).toBe(true);
    expect(matchesAnyPattern([high, vip], { body: { amount: 1 } })).toBe(false);
  });

  it("rejects patterns AWS rejects", () => {
    for (const bad of ['{"a": "x"}', '{"a": []}', '{"a": [{"numeric": [">", "x"]}]}', '{"a": [{"bogus": 1}]}', "[1]", "{not json"]) {
      expect(() => parseEventPattern(bad)).toThrow(EventPatternError);
    }
  });
});
