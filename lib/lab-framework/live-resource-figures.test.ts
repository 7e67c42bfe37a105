/**
 * The generic live panel reads each resource the way a student would (never a receive): a missing
 * resource says so, a queue shows visible and in-flight messages, a table its items.
 */
import { CreateTableCommand, PutItemCommand, waitUntilTableExists } from "@aws-sdk/client-dynamodb";
import { CreateStreamCommand, waitUntilStreamExists } from "@aws-sdk/client-kinesis";
import { CreateTopicCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { createLabContext } from "./context";
import { defineLab, defineResources } from "./define";
import { describeResources } from "./describe-resources";
import type { LabContext } from "./types";

const resources = defineResources({
  orders: { kind: "sqs-queue", name: "orders", description: "" },
  table: { kind: "dynamodb-table", name: "orders-table", description: "" },
  stream: { kind: "kinesis-stream", name: "events", description: "" },
  topic: { kind: "sns-topic", name: "alerts", description: "" },
  hidden: { kind: "function", name: "worker", description: "", listed: false },
});
const lab = defineLab({ id: "live-test", order: 99, title: "Live", summary: "", minutes: 1, level: "beginner", services: [], resources, steps: [] });

let cloud: LocalCloud;
let context: LabContext;
beforeAll(async () => {
  cloud = await startTestCloud();
  context = await createLabContext(lab, { connection: { mode: "endpoint", endpoint: cloud.endpoint }, region: "us-east-1", prefix: "user3" }, AbortSignal.timeout(20_000));
});
afterAll(async () => {
  await cloud?.close();
});

function byKey(list: Awaited<ReturnType<typeof describeResources>>) {
  return Object.fromEntries(list.map((r) => [r.key, r]));
}

describe("live resources", () => {
  it("says 'missing' for what is not created yet, and leaves out unlisted resources", async () => {
    const live = await describeResources(context, lab.resources);
    expect(live.map((r) => r.key)).toEqual(["orders", "table", "stream", "topic"]);
    expect(live.every((r) => r.state === "missing")).toBe(true);
    expect(live[0].name).toBe("user3-orders");
  });

  it("shows what each resource holds, without receiving anything", async () => {
    const { sqs, dynamodb, kinesis, sns } = context.aws;
    await kinesis.send(new CreateStreamCommand({ StreamName: "user3-events", ShardCount: 2 }));
    expect(byKey(await describeResources(context, lab.resources)).stream.state).toBe("creating");
    cloud.clock.advance(60_000);
    await waitUntilStreamExists({ client: kinesis, maxWaitTime: 30, minDelay: 0.05 }, { StreamName: "user3-events" });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "user3-orders" }));
    for (const body of ["a", "b", "c"]) await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1 }));
    await dynamodb.send(
      new CreateTableCommand({
        TableName: "user3-orders-table",
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
    await waitUntilTableExists({ client: dynamodb, maxWaitTime: 20, minDelay: 0.05 }, { TableName: "user3-orders-table" });
    for (const id of ["1", "2"]) await dynamodb.send(new PutItemCommand({ TableName: "user3-orders-table", Item: { id: { S: id } } }));
    await sns.send(new CreateTopicCommand({ Name: "user3-alerts" }));

    const live = byKey(await describeResources(context, lab.resources));
    expect(live.orders).toMatchObject({ state: "ready", figures: [{ label: "visible", value: 2 }, { label: "in flight", value: 1 }] });
    expect(live.table).toMatchObject({ state: "ready", figures: [{ label: "items", value: 2 }] });
    expect(live.stream.figures).toContainEqual({ label: "shards", value: 2 });
    expect(live.topic).toMatchObject({ state: "ready", figures: [{ label: "subscriptions", value: 0 }] });

    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }));
    expect(Attributes?.ApproximateNumberOfMessages).toBe("2");
  });
});
