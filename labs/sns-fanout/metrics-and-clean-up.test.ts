/**
 * The last two steps: the metrics check waits for CloudWatch's per-minute SNS figures (publishes,
 * deliveries, filtered-out copies), and clean-up deletes every resource carrying this lab's and
 * this student's tags, stops the processor's trigger, and leaves its check passing.
 */
import { ListTopicsCommand } from "@aws-sdk/client-sns";
import { ListQueuesCommand } from "@aws-sdk/client-sqs";
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
  context = await labContext(cloud, "met1");
  await run(context, "orders-table", "create-table");
  await run(context, "topic", "create-topic");
  await run(context, "queues", "create-queues");
  await run(context, "subscription", "subscribe-order-queue");
  await run(context, "fan-out", "add-subscribers");
  await run(context, "processor", "deploy-processor", { errorMode: "fail" });
});

afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

describe("metrics", () => {
  it("fails until CloudWatch has the minute's figures, then counts publishes, deliveries and filtered copies", async () => {
    expect((await check(context, "metrics")).reason).toContain("CloudWatch has no publishes for met1-OrderTopic");
    await run(context, "fan-out", "publish-order", { itemName: "Pens", quantity: 10, quantityAttribute: "Number" });
    await run(context, "fan-out", "publish-order", { itemName: "Laptop", quantity: 1, quantityAttribute: "Number" });
    expect((await check(context, "metrics")).passed).toBe(false);
    cloud.clock.advance(61_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await check(context, "metrics")).toMatchObject({
      passed: true,
      reason: "CloudWatch counted 2 publishes to met1-OrderTopic: 5 copies delivered, 1 filtered out.",
    });
  });
});

describe("clean-up", () => {
  it("deletes the lab's tagged resources and its trigger, and says what it deleted", async () => {
    expect((await check(context, "clean-up")).passed).toBe(false);
    const outcome = await run(context, "clean-up", "delete-everything");
    expect(outcome.message).toContain("met1-OrderTopic");
    expect(outcome.message).toContain("met1-OrderDLQ");
    expect(await context.runtime.mappings()).toEqual([]);
    const { QueueUrls = [] } = await context.aws.sqs.send(new ListQueuesCommand({ QueueNamePrefix: "met1-" }));
    expect(QueueUrls).toEqual([]);
    const { Topics = [] } = await context.aws.sns.send(new ListTopicsCommand({}));
    expect(Topics.filter((t) => t.TopicArn?.endsWith(":met1-OrderTopic"))).toEqual([]);
    cloud.clock.advance(60_000);
    expect(await check(context, "clean-up")).toMatchObject({ passed: true });
  });
});
