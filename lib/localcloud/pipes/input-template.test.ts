import { describe, expect, it } from "vitest";
import { InputTemplateError, renderInputTemplate, resolvePath, validateInputTemplate } from "./input-template";

const event = {
  messageId: "m-1",
  body: { orderId: "o-7", amount: 15000, customer: { name: 'Ana "A" Lee' }, items: [{ sku: "A" }, { sku: "B" }], vip: true },
  attributes: { SenderId: "AIDA" },
};

describe("input templates", () => {
  it("writes values outside quotes as JSON, strings with their quotes, missing paths as null", () => {
    const out = renderInputTemplate('{"id": <$.body.orderId>, "amount": <$.body.amount>, "customer": <$.body.customer>, "coupon": <$.body.coupon>}', event);
    expect(JSON.parse(out)).toEqual({ id: "o-7", amount: 15000, customer: { name: 'Ana "A" Lee' }, coupon: null });
  });

  it("writes values inside quotes as text, keeping the JSON valid", () => {
    const out = renderInputTemplate('{"summary": "Order <$.body.orderId> for <$.body.amount> by <$.body.customer.name>", "missing": "<$.body.nope>", "vip": "<$.body.vip>"}', event);
    expect(JSON.parse(out)).toEqual({ summary: 'Order o-7 for 15000 by Ana "A" Lee', missing: "", vip: "true" });
    const object = renderInputTemplate('{"c": "<$.body.customer>"}', event);
    expect(JSON.parse(object)).toEqual({ c: "{name:Ana A Lee}" });
  });

  it("renders text templates and single paths", () => {
    expect(renderInputTemplate("Hello, <$.attributes.SenderId>", event)).toBe("Hello, AIDA");
    expect(renderInputTemplate("<$.body.orderId>", event)).toBe("o-7");
    expect(JSON.parse(renderInputTemplate("<$.body>", event))).toEqual(event.body);
    expect(renderInputTemplate("static text", event)).toBe("static text");
  });

  it("reads array items and wildcards, and reserved variables", () => {
    expect(resolvePath(event, "$.body.items[1].sku")).toBe("B");
    expect(resolvePath(event, "$.body.items[*].sku")).toEqual(["A", "B"]);
    const out = renderInputTemplate('{"pipe": <aws.pipes.pipe-name>, "at": <aws.pipes.event.ingestion-time>, "skus": <$.body.items[*].sku>}', event, {
      pipeName: "HighValueOrderPipe",
      ingestionTime: "2026-11-22T10:00:00.000Z",
    });
    expect(JSON.parse(out)).toEqual({ pipe: "HighValueOrderPipe", at: "2026-11-22T10:00:00.000Z", skus: ["A", "B"] });
    expect(JSON.parse(renderInputTemplate('{"whole": <aws.pipes.event>}', event)).whole).toEqual(event);
  });

  it("rejects unknown reserved variables and unsupported paths", () => {
    expect(() => validateInputTemplate("<aws.pipes.nope>")).toThrow(InputTemplateError);
    expect(() => validateInputTemplate("<$..deep>")).toThrow(InputTemplateError);
    expect(() => validateInputTemplate('{"ok": <$.body.a-b_c[0]>}')).not.toThrow();
  });
});
