/**
 * The producers against the local cloud: the SQS producer sends the orders with their message
 * attributes (every third high, only the first failing), in batches of ten; the Kinesis producer
 * puts each event under its partition key on the shard that key's MD5 selects. Bad input is a
 * 400 that says why; a missing environment variable a 500 that says which.
 */
import { CreateStreamCommand, KinesisClient, ListShardsCommand, waitUntilStreamExists } from "@aws-sdk/client-kinesis";
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routePartitionKey } from "@/lib/lab-framework/inspect/stream/partition-key-hash";
import { toApiGatewayProxyEvent } from "@/lib/runtime/events/api-gateway-event";
import type { LocalCloud } from "@/lib/localcloud/index";
import { clientConfig, startTestCloud, uniqueName } from "@/lib/localcloud/test/harness";
import { CUSTOMERS, HOSTS, USERS } from "./handlers/analytics-events";
import { createKinesisProducer, type KinesisProducerReply } from "./handlers/kinesis-producer";
import type { Order } from "./handlers/orders";
import { createSqsProducer, type SqsProducerReply } from "./handlers/sqs-producer";
import { withLogs } from "./test-support";

let cloud: LocalCloud;
let sqs: SQSClient;
let kinesis: KinesisClient;
beforeAll(async () => {
  cloud = await startTestCloud();
  sqs = new SQSClient(clientConfig(cloud));
  kinesis = new KinesisClient(clientConfig(cloud));
});
afterAll(async () => {
  sqs?.destroy();
  kinesis?.destroy();
  await cloud?.close();
});

function post(body: unknown): APIGatewayProxyEvent {
  return toApiGatewayProxyEvent({ method: "POST", path: "/messages", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json" } }, { accountId: "000000000000", apiId: "test", now: Date.now() });
}

async function drain(QueueUrl: string) {
  const all = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ["All"], VisibilityTimeout: 300 }));
    if (!Messages.length) return all;
    all.push(...Messages);
  }
}

describe("SQS producer", () => {
  it("sends every order with MessageType and Priority, every third high, only the first failing", async () => {
    const { QueueUrl = "" } = await sqs.send(new CreateQueueCommand({ QueueName: uniqueName("orders") }));
    const producer = createSqsProducer({ sqs, queueUrl: QueueUrl });
    const { result } = await withLogs(() => producer(post({ messageType: "OrderProcessing", batchSize: 23, simulateFailure: true })));
    expect(result?.statusCode).toBe(200);
    const reply = JSON.parse(result?.body ?? "{}") as SqsProducerReply;
    expect(reply.messages).toHaveLength(23);
    expect(reply.failed).toEqual([]);
    expect(reply.messages.map((m) => m.priority).slice(0, 7)).toEqual(["high", "normal", "normal", "high", "normal", "normal", "high"]);
    expect(reply.messages.map((m) => m.simulateFailure)).toEqual([true, ...new Array(22).fill(false)]);

    const received = await drain(QueueUrl);
    expect(received).toHaveLength(23);
    const byId = new Map(received.map((m) => [m.MessageId, m]));
    for (const sent of reply.messages) {
      const message = byId.get(sent.messageId);
      const order = JSON.parse(message?.Body ?? "{}") as Order;
      expect(order.orderId).toBe(sent.orderId);
      expect(order.priority).toBe(sent.priority);
      expect(order.amount).toBe(Math.round(order.items[0].quantity * order.items[0].price * 100) / 100);
      expect(message?.MessageAttributes).toEqual({
        MessageType: { DataType: "String", StringValue: "OrderProcessing" },
        Priority: { DataType: "String", StringValue: sent.priority },
      });
    }
  });

  it("defaults to five orders, and refuses bad input with a 400 that says why", async () => {
    const { QueueUrl = "" } = await sqs.send(new CreateQueueCommand({ QueueName: uniqueName("orders") }));
    const producer = createSqsProducer({ sqs, queueUrl: QueueUrl });
    const ok = await withLogs(() => producer(post("")));
    expect(JSON.parse(ok.result?.body ?? "{}").messages).toHaveLength(5);
    const cases: Array<[unknown, string]> = [
      [{ batchSize: 0 }, "batchSize must be from 1 to 50."],
      [{ batchSize: 51 }, "batchSize must be from 1 to 50."],
      [{ batchSize: 2.5 }, "batchSize must be a whole number."],
      [{ batchSize: "5" }, "batchSize must be a whole number."],
      [{ simulateFailure: "yes" }, "simulateFailure must be true or false."],
      [{ messageType: "has spaces" }, "messageType must be 1 to 64 letters, digits, hyphens or underscores."],
      ["{not json", "The body is not valid JSON."],
      [[1, 2], "The body must be a JSON object."],
    ];
    for (const [body, error] of cases) {
      const answer = await producer(post(body));
      expect(answer.statusCode, JSON.stringify(body)).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({ error });
    }
    const unconfigured = await createSqsProducer({ sqs, queueUrl: undefined })(post({}));
    expect(unconfigured.statusCode).toBe(500);
    expect(JSON.parse(unconfigured.body).error).toContain("QUEUE_URL");
  });
});

describe("Kinesis producer", () => {
  it("puts each event on the shard its partition key's MD5 selects, keyed by user, customer or host", async () => {
    const StreamName = uniqueName("analytics");
    await kinesis.send(new CreateStreamCommand({ StreamName, ShardCount: 2 }));
    cloud.clock.advance(5_000);
    await waitUntilStreamExists({ client: kinesis, maxWaitTime: 20, minDelay: 0.05 }, { StreamName });
    const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName }));
    const shards = Shards.map((s) => ({ shardId: s.ShardId ?? "", hashKeyRange: { start: s.HashKeyRange?.StartingHashKey ?? "", end: s.HashKeyRange?.EndingHashKey ?? "" } }));
    const producer = createKinesisProducer({ kinesis, streamName: StreamName });

    for (const [eventType, pool] of [["user_activity", USERS], ["transaction", CUSTOMERS], ["system_metric", HOSTS]] as const) {
      const { result } = await withLogs(() => producer(post({ eventType, eventCount: 40 })));
      expect(result?.statusCode).toBe(200);
      const reply = JSON.parse(result?.body ?? "{}") as KinesisProducerReply;
      expect(reply.records).toHaveLength(40);
      for (const record of reply.records) {
        expect(record.eventType).toBe(eventType);
        expect(pool).toContain(record.partitionKey);
        expect(record.shardId).toBe(routePartitionKey(record.partitionKey, shards).shardId);
      }
      // Within a shard, sequence numbers grow in the order the records were put.
      for (const shard of shards) {
        const sequence = reply.records.filter((r) => r.shardId === shard.shardId).map((r) => BigInt(r.sequenceNumber));
        expect([...sequence].sort((a, b) => (a < b ? -1 : 1))).toEqual(sequence);
      }
    }
  });

  it("refuses an unknown event type or count with a 400, and says when STREAM_NAME is missing", async () => {
    const producer = createKinesisProducer({ kinesis, streamName: "whatever" });
    expect(JSON.parse((await producer(post({ eventType: "page_load" }))).body).error).toBe('Unsupported event type "page_load": use user_activity, transaction, system_metric.');
    expect((await producer(post({ eventCount: 0 }))).statusCode).toBe(400);
    expect(JSON.parse((await producer(post({ eventCount: 501 }))).body).error).toBe("eventCount must be from 1 to 500.");
    const unconfigured = await createKinesisProducer({ kinesis, streamName: undefined })(post({}));
    expect(unconfigured.statusCode).toBe(500);
    expect(JSON.parse(unconfigured.body).error).toContain("STREAM_NAME");
  });

  it("answers a 500 with AWS's reason when the stream does not exist", async () => {
    const { result } = await withLogs(() => createKinesisProducer({ kinesis, streamName: uniqueName("absent") })(post({ eventCount: 2 })));
    expect(result?.statusCode).toBe(500);
    expect(JSON.parse(result?.body ?? "{}").error).toMatch(/^Could not put records on Kinesis: ResourceNotFoundException: Stream .* not found\.$/);
  });
});
