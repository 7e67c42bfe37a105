/**
 * `<prefix>-Orders` and `<prefix>-order-processing-queue` are names other labs use too. A step
 * never changes one that carries another lab's tags: it refuses in plain words, and clean-up
 * leaves it alone.
 */
import { CreateTableCommand } from "@aws-sdk/client-dynamodb";
import { CreateQueueCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { fastForward, runAction, streamsContext, type StreamsTestContext } from "./lab-test-support";
import { describeOrdersTable } from "./provision/table";

let cloud: LocalCloud;
let context: StreamsTestContext;

beforeAll(async () => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  cloud = await startTestCloud();
  context = await streamsContext(cloud, "shared1");
  const foreign = [
    { Key: "Project", Value: "ServerlessLab" },
    { Key: "Lab", Value: "sns-fanout" },
    { Key: "Student", Value: "shared1" },
  ];
  await context.aws.dynamodb.send(
    new CreateTableCommand({
      TableName: "shared1-Orders",
      KeySchema: [{ AttributeName: "orderId", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "orderId", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
      Tags: foreign,
    }),
  );
  await context.aws.sqs.send(new CreateQueueCommand({ QueueName: "shared1-order-processing-queue", tags: { Project: "ServerlessLab", Lab: "sqs-vs-kinesis", Student: "shared1" } }));
  await fastForward(cloud, context, 10);
});
afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

describe("names shared with other labs", () => {
  it("refuses to turn on the stream of another lab's Orders table", async () => {
    await expect(runAction(context, "orders-table", "create-table")).rejects.toThrow(/shared1-Orders already exists and belongs to the "SNS/);
    expect((await describeOrdersTable(context))?.StreamSpecification?.StreamEnabled).not.toBe(true);
  });

  it("refuses to give another lab's processing queue a redrive policy", async () => {
    await expect(runAction(context, "queues", "create-queues")).rejects.toThrow(/shared1-order-processing-queue already exists and belongs to/);
  });

  it("clean-up keeps them, and says so", async () => {
    const outcome = await runAction(context, "clean-up", "delete-everything");
    const results = Object.fromEntries((outcome.data as Array<{ name: string; result: string }>).map((e) => [e.name, e.result]));
    expect(results["shared1-Orders"]).toBe("kept: not tagged for this lab");
    expect(results["shared1-order-processing-queue"]).toBe("kept: not tagged for this lab");
    expect(outcome.message).toMatch(/Kept .*shared1-order-processing-queue.*shared1-Orders|Kept .*shared1-Orders.*shared1-order-processing-queue/);
  });
});
