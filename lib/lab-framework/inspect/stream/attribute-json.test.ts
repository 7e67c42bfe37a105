/** Typed DynamoDB values become plain values without losing a digit; changed attributes are found. */
import { describe, expect, it } from "vitest";
import { attributeJson, changedAttributes, plainItem } from "./attribute-json";

describe("attribute values", () => {
  it("turns the SDK's values into JSON (binary in base64) and JSON into plain values", () => {
    const item = {
      id: attributeJson({ S: "ORD-1" }),
      amount: attributeJson({ N: "10000" }),
      price: attributeJson({ N: "12.50" }),
      huge: attributeJson({ N: "123456789012345678901234567890" }),
      paid: attributeJson({ BOOL: true }),
      note: attributeJson({ NULL: true }),
      blob: attributeJson({ B: new Uint8Array([104, 105]) }),
      sizes: attributeJson({ NS: ["1", "2.5"] }),
      lines: attributeJson({ L: [{ M: { sku: { S: "A" }, qty: { N: "2" } } }] }),
    };
    expect(item.blob).toEqual({ B: "aGk=" });
    expect(plainItem(item)).toEqual({
      id: "ORD-1",
      amount: 10000,
      price: 12.5,
      huge: "123456789012345678901234567890",
      paid: true,
      note: null,
      blob: "aGk=",
      sizes: [1, 2.5],
      lines: [{ sku: "A", qty: 2 }],
    });
  });

  it("lists what a MODIFY changed", () => {
    expect(changedAttributes({ id: { S: "1" }, status: { S: "PENDING" }, gone: { N: "1" } }, { id: { S: "1" }, status: { S: "DONE" }, added: { BOOL: false } })).toEqual([
      "added",
      "gone",
      "status",
    ]);
  });
});
