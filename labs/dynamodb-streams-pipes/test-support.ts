/**
 * What this lab's tests share: an Orders table (with its stream) on an in-memory local cloud, SQS
 * events built the way Lambda builds them, and reading an order back.
 */
import { randomUUID } from "node:crypto";
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import type { LocalCloud } from "@/lib/localcloud/index";
import { clientConfig, uniqueName } from "@/lib/localcloud/test/harness";

export async function createOrdersTable(cloud: LocalCloud): Promise<{ tableName: string; streamArn: string; dynamodb: DynamoDBClient; documents: DynamoDBDocumentClient }> {
  const dynamodb = new DynamoDBClient(clientConfig(cloud));
  const tableName = uniqueName("Orders");
  const created = await dynamodb.send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: [{ AttributeName: "orderId", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "orderId", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
      StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
    }),
  );
  cloud.clock.advance(10_000);
  await waitUntilTableExists({ client: dynamodb, maxWaitTime: 20, minDelay: 0.05 }, { TableName: tableName });
  return { tableName, streamArn: created.TableDescription?.LatestStreamArn ?? "", dynamodb, documents: DynamoDBDocumentClient.from(dynamodb) };
}

export function sqsRecord(body: string, receiveCount = 1): SQSRecord {
  const now = String(Date.now());
  return {
    messageId: randomUUID(),
    receiptHandle: "handle",
    body,
    attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: now, SenderId: "AIDAEXAMPLE", ApproximateFirstReceiveTimestamp: now },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:user3-order-processing-queue",
    awsRegion: "us-east-1",
  };
}

export function sqsEvent(...bodies: string[]): SQSEvent {
  return { Records: bodies.map((body) => sqsRecord(body)) };
}

export async function readOrder(documents: DynamoDBDocumentClient, tableName: string, orderId: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: { orderId }, ConsistentRead: true }));
  return Item;
}

/** Polls until the predicate holds (real time, short), failing with what was awaited. */
export async function waitFor(predicate: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
