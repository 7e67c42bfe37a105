/**
 * The order worker's three paths against a real table: a technical failure throws (so SQS retries
 * it), a business-rule failure is recorded and not retried, anything else completes. Plus the
 * edges: exactly 10,000, an amount as text or missing, a message delivered twice, a message that
 * is not an order.
 */
import { PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { createOrderWorker } from "./handlers/order-worker";
import { pendingOrder } from "./order";
import { createOrdersTable, readOrder, sqsEvent } from "./test-support";

let cloud: LocalCloud;
let documents: DynamoDBDocumentClient;
let tableName: string;
let worker: ReturnType<typeof createOrderWorker>;
const at = new Date("2026-03-01T10:00:00.000Z");

beforeAll(async () => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  cloud = await startTestCloud();
  ({ documents, tableName } = await createOrdersTable(cloud));
  worker = createOrderWorker({ documents, tableName, now: () => at });
});
afterAll(async () => {
  await cloud?.close();
});

async function storeOrder(orderId: string, amount: number, notes = ""): Promise<string> {
  const order = pendingOrder({ customerName: "Alice", product: "Lamp", amount, notes }, orderId, new Date("2026-03-01T09:00:00.000Z"));
  await documents.send(new PutCommand({ TableName: tableName, Item: order }));
  return JSON.stringify(order);
}

describe("the order worker", () => {
  it("completes an ordinary order with completedAt", async () => {
    await worker(sqsEvent(await storeOrder("o-normal", 1499)));
    expect(await readOrder(documents, tableName, "o-normal")).toMatchObject({ status: "COMPLETED", completedAt: at.toISOString() });
  });

  it("completes an order of exactly 10,000: only amounts above it are high value", async () => {
    await worker(sqsEvent(await storeOrder("o-boundary", 10000)));
    expect((await readOrder(documents, tableName, "o-boundary"))?.status).toBe("COMPLETED");
  });

  it("fails an order above 10,000 with a reason, without throwing (no retry)", async () => {
    await expect(worker(sqsEvent(await storeOrder("o-high", 10000.01)))).resolves.toBeUndefined();
    const order = await readOrder(documents, tableName, "o-high");
    expect(order).toMatchObject({ status: "FAILED", failedAt: at.toISOString() });
    expect(order?.failureReason).toContain("above 10000");
    expect(order?.completedAt).toBeUndefined();
  });

  it("throws for notes containing FAIL and leaves the order PENDING, so SQS retries it", async () => {
    const body = await storeOrder("o-fail", 20, "please FAIL");
    await expect(worker(sqsEvent(body))).rejects.toThrow(/FAIL/);
    expect(await readOrder(documents, tableName, "o-fail")).toMatchObject({ status: "PENDING", attempts: 1, lastError: expect.stringMatching(/contain FAIL/) });
    // The same message again (the retry) fails again: a technical failure is not remembered as done.
    await expect(worker(sqsEvent(body))).rejects.toThrow(/FAIL/);
  });

  it("checks FAIL before the amount: a high-value FAIL order is a technical failure", async () => {
    await expect(worker(sqsEvent(await storeOrder("o-fail-high", 50000, "FAIL")))).rejects.toThrow();
    expect((await readOrder(documents, tableName, "o-fail-high"))?.status).toBe("PENDING");
  });

  it("fails an order whose amount is text or missing, naming the problem", async () => {
    await storeOrder("o-text", 5);
    await storeOrder("o-missing", 5);
    await worker(sqsEvent(JSON.stringify({ orderId: "o-text", amount: "25000" }), JSON.stringify({ orderId: "o-missing" })));
    expect((await readOrder(documents, tableName, "o-text"))?.failureReason).toMatch(/must be a number, not a string/);
    expect((await readOrder(documents, tableName, "o-missing"))?.failureReason).toBe("The order has no amount.");
  });

  it("changes nothing when a message is delivered twice", async () => {
    const body = await storeOrder("o-twice", 300);
    await worker(sqsEvent(body));
    const first = await readOrder(documents, tableName, "o-twice");
    await worker(sqsEvent(body));
    expect(await readOrder(documents, tableName, "o-twice")).toEqual(first);
  });

  it("drops what is not an order (no JSON, no orderId, an unknown order) without throwing or writing", async () => {
    await expect(worker(sqsEvent("not json", "[1,2]", JSON.stringify({ amount: 5 }), JSON.stringify({ orderId: "o-nowhere", amount: 5 })))).resolves.toBeUndefined();
    expect(await readOrder(documents, tableName, "o-nowhere")).toBeUndefined();
  });
});
