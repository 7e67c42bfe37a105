/**
 * OrderProcessor's handler on its own: a batch with a wrapped order, a raw order and broken
 * messages. Swallowing errors reports success for the whole batch (Lambda deletes everything);
 * failing reports exactly the broken messages, and a write that fails counts as broken too.
 */
import type { SQSRecord } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { createOrderProcessor, type ErrorMode, type OrderProcessorSettings } from "./handlers/order-processor";
import type { Order } from "./order";

const order: Order = { orderId: "O1234", userId: "U123", itemName: "Laptop", quantity: 1, status: "new", timestamp: "2025-05-03T12:00:00Z" };

function record(messageId: string, body: string): SQSRecord {
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body,
    attributes: { ApproximateReceiveCount: "1", SentTimestamp: "1746273600000", SenderId: "AIDAEXAMPLE", ApproximateFirstReceiveTimestamp: "1746273600001" },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:us-east-1:123456789012:user3-OrderQueue",
    awsRegion: "us-east-1",
  };
}

function wrapped(message: string): string {
  return JSON.stringify({ Type: "Notification", MessageId: "6f1c", TopicArn: "arn:aws:sns:us-east-1:123456789012:user3-OrderTopic", Message: message, Timestamp: "2025-05-03T12:00:01.000Z" });
}

const batch = [
  record("m-wrapped", wrapped(JSON.stringify(order))),
  record("m-raw", JSON.stringify({ ...order, orderId: "O5678" })),
  record("m-text", wrapped("two laptops please")),
  record("m-bad", wrapped(JSON.stringify({ ...order, orderId: "O9999", quantity: "two" }))),
];

async function runBatch(errorMode: ErrorMode, failWritesFor: string[] = []) {
  const saved: Array<Order & { deliveredAs: string }> = [];
  const settings: OrderProcessorSettings = {
    errorMode,
    async saveOrder(o) {
      if (failWritesFor.includes(o.orderId)) throw new Error("ProvisionedThroughputExceededException");
      saved.push(o);
    },
  };
  const response = await createOrderProcessor(() => settings)({ Records: batch });
  return { response, saved };
}

describe("OrderProcessor", () => {
  it("stores wrapped and raw orders, saying how each arrived", async () => {
    const { saved } = await runBatch("fail");
    expect(saved).toEqual([
      { ...order, deliveredAs: "sns-envelope" },
      { ...order, orderId: "O5678", deliveredAs: "raw" },
    ]);
  });

  it("swallowing errors reports the whole batch a success: the broken messages are deleted with it", async () => {
    const { response, saved } = await runBatch("swallow");
    expect(response).toEqual({ batchItemFailures: [] });
    expect(saved.map((o) => o.orderId)).toEqual(["O1234", "O5678"]);
  });

  it("failing reports exactly the broken messages, so only they come back", async () => {
    const { response } = await runBatch("fail");
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: "m-text" }, { itemIdentifier: "m-bad" }] });
  });

  it("treats a write that fails like a broken message: retried when failing, lost when swallowed", async () => {
    expect((await runBatch("fail", ["O5678"])).response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(["m-raw", "m-text", "m-bad"]);
    expect((await runBatch("swallow", ["O5678"])).response.batchItemFailures).toEqual([]);
  });
});
