/**
 * The worker's writes, against DynamoDB on the local cloud: the order stored with status RECEIVED,
 * the menu counter grown by the quantity with ADD, nothing counted twice for a second delivery,
 * and nothing written when it fails (on purpose, or on a message that is not an order).
 */
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { clientConfig, startTestCloud } from "@/lib/localcloud/test/harness";
import { createOrderWorker } from "./handlers/order-worker";
import { sqsEvent } from "./test-support";

let cloud: LocalCloud;
let documents: DynamoDBDocumentClient;
const ordersTable = "w-CafeOrders";
const menuTable = "w-CafeMenu";
const fixedNow = new Date("2026-03-01T09:30:00.000Z");

beforeAll(async () => {
  cloud = await startTestCloud();
  const dynamodb = new DynamoDBClient(clientConfig(cloud));
  documents = DynamoDBDocumentClient.from(dynamodb);
  for (const [TableName, key] of [[ordersTable, "order_id"], [menuTable, "item"]]) {
    await dynamodb.send(new CreateTableCommand({ TableName, AttributeDefinitions: [{ AttributeName: key, AttributeType: "S" }], KeySchema: [{ AttributeName: key, KeyType: "HASH" }], BillingMode: "PAY_PER_REQUEST" }));
    cloud.clock.advance(1000);
    await waitUntilTableExists({ client: dynamodb, maxWaitTime: 10, minDelay: 0.1 }, { TableName });
  }
  await documents.send(new PutCommand({ TableName: menuTable, Item: { item: "Latte", price: 4.5, orders: 10 } }));
});
afterAll(async () => {
  await cloud?.close();
});

const worker = (options: { forceFailure?: boolean } = {}) => createOrderWorker({ documents, ordersTable, menuTable, now: () => fixedNow, ...options });

async function latteCount(): Promise<number> {
  const { Item } = await documents.send(new GetCommand({ TableName: menuTable, Key: { item: "Latte" } }));
  return Number(Item?.orders);
}

describe("the order worker", () => {
  it("stores the order as RECEIVED and adds the quantity to the item's counter", async () => {
    await worker()(sqsEvent(JSON.stringify({ order_id: "ord-1", table_number: 4, customer_name: "Charlie", item: "Latte", quantity: 2 }), "msg-1"));
    const { Item } = await documents.send(new GetCommand({ TableName: ordersTable, Key: { order_id: "ord-1" } }));
    expect(Item).toEqual({ order_id: "ord-1", table_number: 4, customer_name: "Charlie", item: "Latte", quantity: 2, status: "RECEIVED", created_at: fixedNow.toISOString(), message_id: "msg-1" });
    expect(await latteCount()).toBe(12);
  });

  it("does not store or count the same order twice when the message comes again", async () => {
    await worker()(sqsEvent(JSON.stringify({ order_id: "ord-1", table_number: 4, customer_name: "Charlie", item: "Latte", quantity: 2 }), "msg-1", 2));
    expect(await latteCount()).toBe(12);
  });

  it("starts a counter for an item the menu does not have yet, and uses the message id without an order id", async () => {
    await worker()(sqsEvent(JSON.stringify({ table_number: 1, item: "Matcha", quantity: 3 }), "msg-matcha"));
    expect((await documents.send(new GetCommand({ TableName: menuTable, Key: { item: "Matcha" } }))).Item).toEqual({ item: "Matcha", orders: 3 });
    expect((await documents.send(new GetCommand({ TableName: ordersTable, Key: { order_id: "msg-matcha" } }))).Item).toMatchObject({ customer_name: "Guest", quantity: 3 });
  });

  it("throws and writes nothing when switched to fail", async () => {
    await expect(worker({ forceFailure: true })(sqsEvent(JSON.stringify({ order_id: "ord-2", table_number: 1, item: "Latte", quantity: 1 })))).rejects.toThrow(/FORCE FAIL/);
    expect((await documents.send(new GetCommand({ TableName: ordersTable, Key: { order_id: "ord-2" } }))).Item).toBeUndefined();
    expect(await latteCount()).toBe(12);
  });

  it("throws on a message that is not an order, so it is retried and ends in the DLQ", async () => {
    await expect(worker()(sqsEvent("this is not an order"))).rejects.toThrow(/not JSON/);
    await expect(worker()(sqsEvent(JSON.stringify({ table_number: 1, item: "Latte", quantity: 0 })))).rejects.toThrow(/quantity must be a positive whole number/);
    const { Items = [] } = await documents.send(new ScanCommand({ TableName: ordersTable }));
    expect(Items.map((i) => i.order_id).sort()).toEqual(["msg-matcha", "ord-1"]);
  });
});
