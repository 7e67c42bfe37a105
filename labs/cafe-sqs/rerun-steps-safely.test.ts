/**
 * Re-running any step is safe: every action that creates or configures something can run twice
 * and leaves one of everything, with the lab's settings and the counters it had; a name held by
 * another lab is refused in plain words instead of being changed.
 */
import { CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand, ListQueuesCommand } from "@aws-sdk/client-sqs";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { storedOrders } from "./orders";
import { queueUrl, type CafeContext } from "./provision";
import { cafeContext, eventually, stepsOf } from "./test-support";

let cloud: LocalCloud;
let context: CafeContext;
let steps: ReturnType<typeof stepsOf>;

beforeAll(async () => {
  cloud = await startTestCloud();
  context = await cafeContext(cloud.endpoint, "again1");
  steps = stepsOf(context);
});
afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

async function queueNames(): Promise<string[]> {
  const { QueueUrls = [] } = await context.aws.sqs.send(new ListQueuesCommand({ QueueNamePrefix: "again1-" }));
  return QueueUrls.map((u) => u.split("/").pop() ?? "").sort();
}

async function teaCount(): Promise<number> {
  const { Item } = await context.aws.documents.send(new GetCommand({ TableName: context.names.menuTable, Key: { item: "Tea" } }));
  return Number(Item?.orders ?? 0);
}

describe("running steps again", () => {
  it("refuses a queue of the same name that another lab owns, and changes nothing", async () => {
    const { QueueUrl } = await context.aws.sqs.send(new CreateQueueCommand({ QueueName: context.names.ordersQueue, Attributes: { VisibilityTimeout: "300" }, tags: { Project: "ServerlessLab", Lab: "sqs-vs-kinesis", Student: "again1" } }));
    await expect(steps.act("create-queue", "create-queue")).rejects.toThrow(/already exists and belongs to the ".*Kinesis.*" lab/);
    const { Attributes } = await context.aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["VisibilityTimeout"] }));
    expect(Attributes?.VisibilityTimeout).toBe("300");
    await context.aws.sqs.send(new DeleteQueueCommand({ QueueUrl }));
    // SQS refuses the name for 60 s after a delete, as AWS does.
    cloud.clock.advance(61_000);
  });

  it("keeps one queue with the lab's settings, and its DLQ, however often it runs", async () => {
    await steps.act("create-queue", "create-queue");
    await steps.act("create-queue", "create-queue");
    await steps.act("forced-failure", "add-dlq");
    await steps.act("forced-failure", "add-dlq");
    await steps.act("create-queue", "create-queue");
    expect(await queueNames()).toEqual(["again1-CafeOrdersDLQ", "again1-CafeOrdersQueue"]);
    expect(await steps.check("create-queue")).toMatchObject({ passed: true });
    const { Attributes } = await context.aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: (await queueUrl(context, "ordersQueue")) ?? "", AttributeNames: ["RedrivePolicy"] }));
    expect(JSON.parse(Attributes?.RedrivePolicy ?? "{}")).toMatchObject({ deadLetterTargetArn: expect.stringMatching(/:again1-CafeOrdersDLQ$/), maxReceiveCount: 3 });
  });

  it("keeps the menu's counters when the tables are created again, and one trigger", async () => {
    await steps.act("worker", "create-tables");
    await steps.act("worker", "enable-trigger");
    await steps.act("worker", "enable-trigger");
    expect(await context.runtime.mappings()).toHaveLength(1);
    await steps.act("order-api", "place-order", { body: JSON.stringify({ table_number: 1, item: "Tea", quantity: 2, customer_name: "Twice" }) });
    await eventually("the tea counted", async () => (await teaCount()) === 2);
    await steps.act("worker", "create-tables");
    expect(await teaCount()).toBe(2);
    expect(await storedOrders(context, "Twice")).toHaveLength(1);
  });

  it("switches the worker's failure and the mistakes on and off any number of times", async () => {
    await steps.act("forced-failure", "break-worker");
    await steps.act("forced-failure", "break-worker");
    expect(await context.runtime.environment("orderWorker")).toEqual({ FORCE_FAILURE: "true" });
    await steps.act("forced-failure", "fix-worker");
    await steps.act("forced-failure", "fix-worker");
    expect(await context.runtime.environment("orderWorker")).toEqual({});
    await steps.act("common-mistakes", "wire-api-as-consumer");
    await steps.act("common-mistakes", "wire-api-as-consumer");
    expect((await context.runtime.mappings()).map((m) => m.config.functionName).sort()).toEqual(["again1-CafeOrderApi", "again1-CafeOrderWorker"]);
    await steps.act("common-mistakes", "restore-all");
    await steps.act("common-mistakes", "restore-all");
    expect(await steps.check("common-mistakes")).toMatchObject({ passed: true });
  });

  it("cleans up once, then finds nothing left to delete", async () => {
    await steps.act("clean-up", "delete-everything");
    expect((await steps.act("clean-up", "delete-everything")).message).toBe("Nothing of this lab's was left to delete.");
    expect(await steps.check("clean-up")).toMatchObject({ passed: true });
    expect(await queueNames()).toEqual([]);
  });
});
