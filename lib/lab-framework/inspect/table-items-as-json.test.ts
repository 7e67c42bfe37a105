/**
 * The table inspector shows items as plain JSON: numbers as numbers (too big ones as strings),
 * sets as lists, binary as base64, the key attributes first.
 */
import { CreateTableCommand, PutItemCommand, waitUntilTableExists } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { createLabContext } from "../context";
import { defineLab, defineResources } from "../define";
import type { LabContext } from "../types";
import { attributeToJson, inspectTable } from "./table-inspection";

const resources = defineResources({ table: { kind: "dynamodb-table", name: "items", description: "" } });
const lab = defineLab({ id: "items-lab", order: 95, title: "Items", summary: "", minutes: 1, level: "beginner", services: [], resources, steps: [] });

let cloud: LocalCloud;
let context: LabContext<typeof resources>;

beforeAll(async () => {
  cloud = await startTestCloud();
  context = await createLabContext(lab, { connection: { mode: "endpoint", endpoint: cloud.endpoint }, region: "us-east-1", prefix: "tab1" }, AbortSignal.timeout(30_000));
});
afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

describe("table items", () => {
  it("converts every attribute type to plain JSON", () => {
    expect(attributeToJson({ N: "3" })).toBe(3);
    expect(attributeToJson({ N: "2.5" })).toBe(2.5);
    expect(attributeToJson({ N: "123456789012345678901234567890" })).toBe("123456789012345678901234567890");
    expect(attributeToJson({ SS: ["a", "b"] })).toEqual(["a", "b"]);
    expect(attributeToJson({ NS: ["1", "2"] })).toEqual([1, 2]);
    expect(attributeToJson({ B: new Uint8Array([1, 2, 3]) })).toBe("AQID");
    expect(attributeToJson({ M: { a: { L: [{ BOOL: true }, { NULL: true }] } } })).toEqual({ a: [true, null] });
  });

  it("lists a table's items with the key attributes first", async () => {
    expect(await inspectTable(context, "table")).toMatchObject({ exists: false, items: [] });
    await context.aws.dynamodb.send(
      new CreateTableCommand({
        TableName: context.names.table,
        AttributeDefinitions: [
          { AttributeName: "item", AttributeType: "S" },
          { AttributeName: "at", AttributeType: "N" },
        ],
        KeySchema: [
          { AttributeName: "item", KeyType: "HASH" },
          { AttributeName: "at", KeyType: "RANGE" },
        ],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
    cloud.clock.advance(30_000);
    await waitUntilTableExists({ client: context.aws.dynamodb, maxWaitTime: 20, minDelay: 1 }, { TableName: context.names.table });
    await context.aws.dynamodb.send(new PutItemCommand({ TableName: context.names.table, Item: { price: { N: "4.5" }, at: { N: "1" }, item: { S: "Latte" } } }));
    const snapshot = await inspectTable(context, "table");
    expect(snapshot.keyAttributes).toEqual(["item", "at"]);
    expect(snapshot.items).toEqual([{ item: "Latte", at: 1, price: 4.5 }]);
  });
});
