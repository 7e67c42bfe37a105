/**
 * The order API's rules, each one: what is refused with 400 and why, what is accepted with 202,
 * and that only an accepted order reaches the queue (real SQS client against the local cloud).
 */
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { clientConfig, startTestCloud } from "@/lib/localcloud/test/harness";
import { createOrderApi } from "./handlers/order-api";
import { checkOrder, checkOrderBody } from "./handlers/order-validation";
import { apiEvent } from "./test-support";

describe("order rules", () => {
  const valid = { table_number: 4, customer_name: "Charlie", item: "Latte", quantity: 2 };

  it("accepts a complete order as it is", () => {
    expect(checkOrder(valid)).toEqual({ ok: true, order: valid });
  });

  it.each(["table_number", "item", "quantity"])("refuses an order without %s", (field) => {
    const { [field as keyof typeof valid]: _gone, ...rest } = valid;
    expect(checkOrder(rest)).toEqual({ ok: false, error: `Missing required field: ${field}`, field });
    expect(checkOrder({ ...valid, [field]: null })).toMatchObject({ ok: false, error: `Missing required field: ${field}` });
  });

  it.each([0, -1, 2.5, "abc", "2.0", "", true, [], {}])("refuses table_number %j: not a positive whole number", (table) => {
    const result = checkOrder({ ...valid, table_number: table });
    expect(result).toMatchObject({ ok: false, field: "table_number" });
    expect(!result.ok && result.error).toMatch(/^table_number must be a positive whole number \(got /);
  });

  it.each([0, -3, 1.5, "two", false])("refuses quantity %j: not a positive whole number", (quantity) => {
    expect(checkOrder({ ...valid, quantity })).toMatchObject({ ok: false, field: "quantity", error: expect.stringMatching(/^quantity must be a positive whole number/) });
  });

  it("accepts whole numbers written as text, as a form sends them", () => {
    expect(checkOrder({ ...valid, table_number: "7", quantity: " 3 " })).toMatchObject({ ok: true, order: { table_number: 7, quantity: 3 } });
  });

  it("calls a customer without a name Guest", () => {
    const { customer_name: _none, ...rest } = valid;
    expect(checkOrder(rest)).toMatchObject({ ok: true, order: { customer_name: "Guest" } });
    expect(checkOrder({ ...valid, customer_name: "   " })).toMatchObject({ ok: true, order: { customer_name: "Guest" } });
    expect(checkOrder({ ...valid, customer_name: 42 })).toMatchObject({ ok: false, field: "customer_name" });
  });

  it("refuses an item that is not text", () => {
    expect(checkOrder({ ...valid, item: 7 })).toMatchObject({ ok: false, field: "item" });
    expect(checkOrder({ ...valid, item: "  " })).toMatchObject({ ok: false, field: "item" });
  });

  it("refuses a body that is missing, not JSON, or not an object", () => {
    expect(checkOrderBody(null)).toEqual({ ok: false, error: "The request has no body: send the order as JSON." });
    expect(checkOrderBody("table 4, one latte")).toEqual({ ok: false, error: "The body is not valid JSON." });
    expect(checkOrderBody("[1,2]")).toMatchObject({ ok: false, error: expect.stringContaining("JSON object") });
  });
});

describe("the order API function", () => {
  let cloud: LocalCloud;
  let sqs: SQSClient;
  let queueUrl: string;

  beforeAll(async () => {
    cloud = await startTestCloud();
    sqs = new SQSClient(clientConfig(cloud));
    ({ QueueUrl: queueUrl = "" } = await sqs.send(new CreateQueueCommand({ QueueName: "api-orders" })));
  });
  afterAll(async () => {
    sqs?.destroy();
    await cloud?.close();
  });

  async function queued(): Promise<string[]> {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }));
    return Messages.map((m) => m.Body ?? "");
  }

  it("answers 400 with the reason and queues nothing for a bad order", async () => {
    const api = createOrderApi({ sqs, queueUrl });
    const answer = await api(apiEvent(JSON.stringify({ table_number: 1, quantity: 1 })));
    expect(answer.statusCode).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ error: "Missing required field: item" });
    expect(answer.headers?.["access-control-allow-origin"]).toBe("*");
    expect(await queued()).toEqual([]);
  });

  it("answers 202 with the order and sends exactly that order to the queue", async () => {
    const api = createOrderApi({ sqs, queueUrl, newOrderId: () => "ord-fixed" });
    const answer = await api(apiEvent(JSON.stringify({ table_number: "3", item: "Tea", quantity: 2 })));
    expect(answer.statusCode).toBe(202);
    const body = JSON.parse(answer.body);
    expect(body).toMatchObject({ message: "Order accepted", order: { order_id: "ord-fixed", table_number: 3, customer_name: "Guest", item: "Tea", quantity: 2 } });
    expect(body.messageId).toEqual(expect.any(String));
    expect((await queued()).map((b) => JSON.parse(b))).toEqual([body.order]);
  });

  it("answers 500 without the queue's URL, and 500 when the queue is gone", async () => {
    expect((await createOrderApi({ sqs, queueUrl: undefined })(apiEvent(JSON.stringify({ table_number: 1, item: "Tea", quantity: 1 })))).statusCode).toBe(500);
    const answer = await createOrderApi({ sqs, queueUrl: `${queueUrl}-gone` })(apiEvent(JSON.stringify({ table_number: 1, item: "Tea", quantity: 1 })));
    expect(answer.statusCode).toBe(500);
    expect(JSON.parse(answer.body).error).toMatch(/could not be queued/);
  });

  it("reads a base64-encoded body as API Gateway sends binary bodies", async () => {
    const event = { ...apiEvent(Buffer.from(JSON.stringify({ table_number: 1, item: "Mocha", quantity: 1 })).toString("base64")), isBase64Encoded: true };
    expect((await createOrderApi({ sqs, queueUrl })(event)).statusCode).toBe(202);
  });
});
