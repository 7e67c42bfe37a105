/**
 * The stream consumer forwards new orders only: INSERT records become messages on the queue (and
 * the order notes when it was queued), MODIFY and REMOVE records are skipped, and a failed send is
 * reported by its sequence number so the stream is retried from there.
 */
import { DeleteItemCommand, PutItemCommand, UpdateItemCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from "@aws-sdk/client-dynamodb-streams";
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBStreamEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { clientConfig, startTestCloud, uniqueName } from "@/lib/localcloud/test/harness";
import { createStreamForwarder } from "./handlers/stream-forwarder";
import { createOrdersTable, readOrder } from "./test-support";

let cloud: LocalCloud;
let dynamodb: DynamoDBClient;
let documents: DynamoDBDocumentClient;
let sqs: SQSClient;
let tableName: string;
let streamArn: string;

beforeAll(async () => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  cloud = await startTestCloud();
  ({ dynamodb, documents, tableName, streamArn } = await createOrdersTable(cloud));
  sqs = new SQSClient(clientConfig(cloud));
});
afterAll(async () => {
  await cloud?.close();
});

/** The stream's records, as the Lambda event carries them. */
async function streamEvent(): Promise<DynamoDBStreamEvent> {
  const streams = new DynamoDBStreamsClient(clientConfig(cloud));
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const records: DynamoDBStreamEvent["Records"] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: "TRIM_HORIZON" }));
    const { Records = [] } = await streams.send(new GetRecordsCommand({ ShardIterator }));
    for (const r of Records) records.push({ ...(r as DynamoDBStreamEvent["Records"][number]), eventSourceARN: streamArn });
  }
  return { Records: records };
}

describe("the stream forwarder", () => {
  it("sends each INSERT's new image to the queue and skips MODIFY and REMOVE", async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: uniqueName("processing") }));
    await dynamodb.send(new PutItemCommand({ TableName: tableName, Item: { orderId: { S: "o-1" }, amount: { N: "1499" }, status: { S: "PENDING" }, valueTier: { S: "STANDARD" } } }));
    await dynamodb.send(new PutItemCommand({ TableName: tableName, Item: { orderId: { S: "o-2" }, amount: { N: "25000" }, status: { S: "PENDING" } } }));
    await dynamodb.send(
      new UpdateItemCommand({ TableName: tableName, Key: { orderId: { S: "o-1" } }, UpdateExpression: "SET #s = :s", ExpressionAttributeNames: { "#s": "status" }, ExpressionAttributeValues: { ":s": { S: "COMPLETED" } } }),
    );
    await dynamodb.send(new DeleteItemCommand({ TableName: tableName, Key: { orderId: { S: "o-2" } } }));

    const event = await streamEvent();
    expect(event.Records.map((r) => r.eventName)).toEqual(["INSERT", "INSERT", "MODIFY", "REMOVE"]);
    const at = new Date("2026-03-01T10:00:00.000Z");
    const forward = createStreamForwarder({ sqs, queueUrl: QueueUrl ?? "", documents, tableName, now: () => at });
    expect(await forward(event)).toEqual({ batchItemFailures: [] });
    // The note on the order that was still there; the deleted one could not be noted, and that is no failure.
    expect((await readOrder(documents, tableName, "o-1"))?.queuedAt).toBe(at.toISOString());

    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    expect(Messages.map((m) => JSON.parse(m.Body ?? "") as unknown)).toEqual([
      { orderId: "o-1", amount: 1499, status: "PENDING", valueTier: "STANDARD" },
      { orderId: "o-2", amount: 25000, status: "PENDING" },
    ]);
  });

  it("reports the first record it could not send, and sends nothing after it", async () => {
    const event = await streamEvent();
    const forward = createStreamForwarder({ sqs, queueUrl: `${cloud.endpoint}/000000000000/no-such-queue`, documents, tableName });
    const response = await forward(event);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0].dynamodb?.SequenceNumber }]);
  });
});
