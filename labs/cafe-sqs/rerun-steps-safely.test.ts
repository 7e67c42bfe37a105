/**
 * Re-running any step is safe: every action that creates or configures something can run twice
 * and leaves one of everything, with the lab's settings and the counters it had; a name held by
 * another lab is refused in plain words instead of being changed.
 */
import { CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand, ListQueuesCommand } from "@aws-sdk/client-sqs";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { storedOrders } from "./orders";
import { queueUrl } from "./provision";
import { eventually, cafeOnLocalCloud } from "./test-support";

const cafe = cafeOnLocalCloud("again1");

async function queueNames(): Promise<string[]> {
  const { QueueUrls = [] } = await cafe.context.aws.sqs.send(new ListQueuesCommand({ QueueNamePrefix: "again1-" }));
  return QueueUrls.map((u) => u.split("/").pop() ?? "").sort();
}

async function teaCount(): Promise<number> {
  const { Item } = await cafe.context.aws.documents.send(new GetCommand({ TableName: cafe.context.names.menuTable, Key: { item: "Tea" } }));
  return Number(Item?.orders ?? 0);
}

describe("running steps again", () => {
  it("refuses a queue of the same name that another lab owns, and changes nothing", async () => {
    const { QueueUrl } = await cafe.context.aws.sqs.send(new CreateQueueCommand({ QueueName: cafe.context.names.ordersQueue, Attributes: { VisibilityTimeout: "300" }, tags: { Project: "ServerlessLab", Lab: "sqs-vs-kinesis", Student: "again1" } }));
    await expect(cafe.steps.act("create-queue", "create-queue")).rejects.toThrow(/already exists and belongs to the ".*Kinesis.*" lab/);
    const { Attributes } = await cafe.context.aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["VisibilityTimeout"] }));
    expect(Attributes?.VisibilityTimeout).toBe("300");
    await cafe.context.aws.sqs.send(new DeleteQueueCommand({ QueueUrl }));
    // SQS refuses the name for 60 s after a delete, as AWS does.
    cafe.cloud.clock.advance(61_000);
  });

  it("keeps one queue with the lab's settings, and its DLQ, however often it runs", async () => {
    await cafe.steps.act("create-queue", "create-queue");
    await cafe.steps.act("create-queue", "create-queue");
    await cafe.steps.act("forced-failure", "add-dlq");
    await cafe.steps.act("forced-failure", "add-dlq");
    await cafe.steps.act("create-queue", "create-queue");
    expect(await queueNames()).toEqual(["again1-CafeOrdersDLQ", "again1-CafeOrdersQueue"]);
    expect(await cafe.steps.check("create-queue")).toMatchObject({ passed: true });
    const { Attributes } = await cafe.context.aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: (await queueUrl(cafe.context, "ordersQueue")) ?? "", AttributeNames: ["RedrivePolicy"] }));
    expect(JSON.parse(Attributes?.RedrivePolicy ?? "{}")).toMatchObject({ deadLetterTargetArn: expect.stringMatching(/:again1-CafeOrdersDLQ$/), maxReceiveCount: 3 });
  });

  it("keeps the menu's counters when the tables are created again, and one trigger", async () => {
    await cafe.steps.act("worker", "create-tables");
    await cafe.steps.act("worker", "enable-trigger");
    await cafe.steps.act("worker", "enable-trigger");
    expect(await cafe.context.runtime.mappings()).toHaveLength(1);
    await cafe.steps.act("order-api", "place-order", { body: JSON.stringify({ table_number: 1, item: "Tea", quantity: 2, customer_name: "Twice" }) });
    await eventually("the tea counted", async () => (await teaCount()) === 2);
    await cafe.steps.act("worker", "create-tables");
    expect(await teaCount()).toBe(2);
    expect(await storedOrders(cafe.context, "Twice")).toHaveLength(1);
  });

  it("switches the worker's failure and the mistakes on and off any number of times", async () => {
    await cafe.steps.act("forced-failure", "break-worker");
    await cafe.steps.act("forced-failure", "break-worker");
    expect(await cafe.context.runtime.environment("orderWorker")).toEqual({ FORCE_FAILURE: "true" });
    await cafe.steps.act("forced-failure", "fix-worker");
    await cafe.steps.act("forced-failure", "fix-worker");
    expect(await cafe.context.runtime.environment("orderWorker")).toEqual({});
    await cafe.steps.act("common-mistakes", "wire-api-as-consumer");
    await cafe.steps.act("common-mistakes", "wire-api-as-consumer");
    expect((await cafe.context.runtime.mappings()).map((m) => m.config.functionName).sort()).toEqual(["again1-CafeOrderApi", "again1-CafeOrderWorker"]);
    await cafe.steps.act("common-mistakes", "restore-all");
    await cafe.steps.act("common-mistakes", "restore-all");
    expect(await cafe.steps.check("common-mistakes")).toMatchObject({ passed: true });
  });

  it("cleans up once, then finds nothing left to delete", async () => {
    await cafe.steps.act("clean-up", "delete-everything");
    expect((await cafe.steps.act("clean-up", "delete-everything")).message).toBe("Nothing of this lab's was left to delete.");
    expect(await cafe.steps.check("clean-up")).toMatchObject({ passed: true });
    expect(await queueNames()).toEqual([]);
  });
});
