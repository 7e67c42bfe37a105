/**
 * The provisioning steps against the local cloud: each check fails with a reason before its
 * action and passes after it, every action is safe to run again, and a `<prefix>-Orders` table
 * the DynamoDB Streams lab owns is refused, not changed.
 */
import { CreateTableCommand, DescribeTableCommand, waitUntilTableExists } from "@aws-sdk/client-dynamodb";
import { CreateQueueCommand, GetQueueAttributesCommand, ListQueueTagsCommand, SetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import type { Context } from "./provision";
import { check, labContext, run } from "./test-support";

let cloud: LocalCloud;
let context: Context;

beforeAll(async () => {
  cloud = await startTestCloud();
  context = await labContext(cloud, "prov1");
});

afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

describe("provisioning", () => {
  it("creates the Orders table once, and says so the second time", async () => {
    expect(await check(context, "orders-table")).toMatchObject({ passed: false, reason: "There is no table prov1-Orders yet: create it with the button above." });
    expect((await run(context, "orders-table", "create-table")).message).toBe("Created prov1-Orders; it is ACTIVE.");
    expect((await run(context, "orders-table", "create-table")).message).toBe("prov1-Orders was already there (ACTIVE); nothing changed.");
    expect(await check(context, "orders-table")).toMatchObject({ passed: true });
  });

  it("creates the topic idempotently", async () => {
    expect((await check(context, "topic")).passed).toBe(false);
    await run(context, "topic", "create-topic");
    expect((await run(context, "topic", "create-topic")).message).toBe("prov1-OrderTopic was already there; nothing changed.");
    expect(await check(context, "topic")).toMatchObject({ passed: true, reason: "prov1-OrderTopic exists with 0 confirmed subscriptions." });
  });

  it("creates the DLQ and OrderQueue with redrive after 3 receives, tagged, and puts drifted settings back", async () => {
    expect(await check(context, "queues")).toMatchObject({ passed: false, reason: "prov1-OrderQueue and prov1-OrderDLQ do not exist yet: create the queues with the button above." });
    await run(context, "queues", "create-queues");
    const result = await check(context, "queues");
    expect(result).toMatchObject({ passed: true, reason: "prov1-OrderQueue (visibility 30 s) sends a message to prov1-OrderDLQ after 3 receives." });
    expect(result.details).toEqual(["prov1-OrderDLQ keeps messages 14 days."]);

    const { Attributes } = await context.aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: `${cloud.endpoint}/000000000000/prov1-OrderQueue`, AttributeNames: ["All"] }));
    expect(JSON.parse(Attributes?.RedrivePolicy ?? "{}")).toEqual({ deadLetterTargetArn: "arn:aws:sqs:us-east-1:000000000000:prov1-OrderDLQ", maxReceiveCount: 3 });
    const { Tags } = await context.aws.sqs.send(new ListQueueTagsCommand({ QueueUrl: `${cloud.endpoint}/000000000000/prov1-OrderDLQ` }));
    expect(Tags).toEqual({ Project: "ServerlessLab", Lab: "sns-fanout", Student: "prov1" });

    // Someone shortened the timeout by hand: the check says what is wrong, running the step again fixes it.
    await context.aws.sqs.send(new SetQueueAttributesCommand({ QueueUrl: `${cloud.endpoint}/000000000000/prov1-OrderQueue`, Attributes: { VisibilityTimeout: "10" } }));
    expect(await check(context, "queues")).toMatchObject({ passed: false, reason: "prov1-OrderQueue's visibility timeout is 10 s, under six times the processor's 5 s timeout." });
    expect((await run(context, "queues", "create-queues")).message).toBe("Both queues were already there; their settings are as this step sets them.");
    expect((await check(context, "queues")).passed).toBe(true);
  });

  it("will not set its policy on, or subscribe, a queue the workbook did not create", async () => {
    const other = await labContext(cloud, "prov3");
    await run(other, "topic", "create-topic");
    await other.aws.sqs.send(new CreateQueueCommand({ QueueName: "prov3-OrderQueue" }));
    await expect(run(other, "subscription", "subscribe-order-queue")).rejects.toMatchObject({ name: "PlainFailure", code: "ResourceNotCreatedByWorkbook" });
    await expect(run(other, "queues", "create-queues")).rejects.toMatchObject({ code: "ResourceNotCreatedByWorkbook" });
    const { Attributes } = await other.aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: `${cloud.endpoint}/000000000000/prov3-OrderQueue`, AttributeNames: ["All"] }));
    expect(Attributes?.Policy).toBeUndefined();
    expect(Attributes?.RedrivePolicy).toBeUndefined();
  });

  it("refuses to touch an Orders table the DynamoDB Streams lab owns", async () => {
    const other = await labContext(cloud, "prov2");
    await other.aws.dynamodb.send(
      new CreateTableCommand({
        TableName: "prov2-Orders",
        AttributeDefinitions: [{ AttributeName: "orderId", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "orderId", KeyType: "HASH" }],
        BillingMode: "PAY_PER_REQUEST",
        StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
        Tags: [
          { Key: "Project", Value: "ServerlessLab" },
          { Key: "Lab", Value: "dynamodb-streams-pipes" },
          { Key: "Student", Value: "prov2" },
        ],
      }),
    );
    cloud.clock.advance(1000);
    await waitUntilTableExists({ client: other.aws.dynamodb, maxWaitTime: 10, minDelay: 0.05 }, { TableName: "prov2-Orders" });
    await expect(run(other, "orders-table", "create-table")).rejects.toMatchObject({
      name: "PlainFailure",
      message: 'prov2-Orders already exists and belongs to the "DynamoDB Streams, a dead-letter queue, Pipes and an alarm" lab, which uses the same name.',
    });
    expect(await check(other, "orders-table")).toMatchObject({ passed: false });
    expect((await check(other, "orders-table")).reason).toContain("not tagged for this lab and prefix (Lab=dynamodb-streams-pipes)");
    const { Table } = await other.aws.dynamodb.send(new DescribeTableCommand({ TableName: "prov2-Orders" }));
    expect(Table?.StreamSpecification?.StreamEnabled).toBe(true);
  });
});
