/**
 * Clean-up deletes what carries this lab's and this student's tags, keeps what does not, and says
 * so for each resource; its check passes once nothing is left.
 */
import { CreateTableCommand, waitUntilTableExists } from "@aws-sdk/client-dynamodb";
import { CreateStreamCommand } from "@aws-sdk/client-kinesis";
import { CreateTopicCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueUrlCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { cleanUpResources, cleanUpStep } from "./clean-up";
import { createLabContext } from "./context";
import { defineLab, defineResources } from "./define";
import type { LabContext } from "./types";

const resources = defineResources({
  queue: { kind: "sqs-queue", name: "orders", description: "" },
  foreignQueue: { kind: "sqs-queue", name: "shared-queue", description: "" },
  table: { kind: "dynamodb-table", name: "orders-table", description: "" },
  topic: { kind: "sns-topic", name: "alerts", description: "" },
  stream: { kind: "kinesis-stream", name: "events", description: "" },
  neverMade: { kind: "sqs-queue", name: "never-made", description: "" },
  worker: { kind: "function", name: "worker", description: "", listed: false },
});
const lab = defineLab({ id: "tidy-lab", order: 98, title: "Tidy", summary: "", minutes: 1, level: "beginner", services: [], resources, steps: [] });

let cloud: LocalCloud;
let context: LabContext<typeof resources>;
beforeAll(async () => {
  cloud = await startTestCloud();
  context = await createLabContext(lab, { connection: { mode: "endpoint", endpoint: cloud.endpoint }, region: "us-east-1", prefix: "user3" }, AbortSignal.timeout(30_000));
});
afterAll(async () => {
  await cloud?.close();
});

describe("clean-up", () => {
  it("deletes this lab's tagged resources, keeps others, and reports each", async () => {
    const { sqs, dynamodb, sns, kinesis } = context.aws;
    const tags = { ...context.tags };
    await sqs.send(new CreateQueueCommand({ QueueName: "user3-orders", tags }));
    await sqs.send(new CreateQueueCommand({ QueueName: "user3-shared-queue", tags: { ...tags, Lab: "another-lab" } }));
    await dynamodb.send(
      new CreateTableCommand({
        TableName: "user3-orders-table",
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
        BillingMode: "PAY_PER_REQUEST",
        Tags: context.tagList(),
      }),
    );
    await waitUntilTableExists({ client: dynamodb, maxWaitTime: 20, minDelay: 0.05 }, { TableName: "user3-orders-table" });
    await sns.send(new CreateTopicCommand({ Name: "user3-alerts", Tags: context.tagList() }));
    await kinesis.send(new CreateStreamCommand({ StreamName: "user3-events", ShardCount: 1, Tags: tags }));
    cloud.clock.advance(60_000);

    const step = cleanUpStep(resources);
    expect((await step.check(context)).passed).toBe(false);

    const entries = await cleanUpResources(context, resources);
    expect(Object.fromEntries(entries.map((e) => [e.name, e.result]))).toEqual({
      "user3-alerts": "deleted",
      "user3-orders": "deleted",
      "user3-shared-queue": "kept: not tagged for this lab",
      "user3-never-made": "not found",
      "user3-orders-table": "deleted",
      "user3-events": "deleted",
    });
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: "user3-orders" }))).rejects.toThrow();
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: "user3-shared-queue" }))).resolves.toBeTruthy();
  });

  it("its check passes once only foreign resources remain under other tags", async () => {
    const { foreignQueue: _kept, ...own } = resources;
    const step = cleanUpStep(own);
    cloud.clock.advance(120_000);
    const result = await step.check(context);
    expect(result).toMatchObject({ passed: true });
    const outcome = await step.actions[0].run(context, {});
    expect(outcome.message).toBe("Nothing of this lab's was left to delete.");
  });
});
