/**
 * Re-running a step is safe (what exists is put back to the lab's settings), and a resource with
 * the student's name that belongs to another lab or another student is refused in plain words,
 * never changed; step 1's check names it.
 */
import { CreateQueueCommand, GetQueueAttributesCommand, SetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { check, fastForward, labContext, runAction } from "./lab-test-support";
import { queueUrlOf } from "./provision";
import type { KinesisLabContext } from "./resources";

let cloud: LocalCloud;
let context: KinesisLabContext;
let other: KinesisLabContext;
beforeAll(async () => {
  cloud = await startTestCloud();
  context = await labContext(cloud, "rerun1");
  other = await labContext(cloud, "rerun2");
});
afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

describe("re-running steps", () => {
  it("creates once, then puts changed settings back", async () => {
    expect((await runAction(context, "queues", "create-queues")).message).toBe("Created rerun1-order-dlq and rerun1-order-processing-queue.");
    const url = (await queueUrlOf(context, context.names.orderQueue)) ?? "";
    await context.aws.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: "30", RedrivePolicy: "" } }));
    expect(await check(context, "queues")).toMatchObject({ passed: false, reason: "rerun1-order-processing-queue has VisibilityTimeout 30, not 300." });
    expect((await runAction(context, "queues", "create-queues")).message).toBe("Both queues were already there; their settings and tags are as the lab needs them.");
    const { Attributes = {} } = await context.aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }));
    expect(Attributes.VisibilityTimeout).toBe("300");
    expect(JSON.parse(Attributes.RedrivePolicy ?? "{}")).toMatchObject({ maxReceiveCount: 3 });
    expect(await check(context, "queues")).toMatchObject({ passed: true });

    await runAction(context, "stream", "create-stream");
    expect((await runAction(context, "stream", "create-stream")).message).toBe("rerun1-analytics-stream already exists (creating). It is not ACTIVE yet; run this again once it is to check its settings.");
    await fastForward(cloud, [context], 5);
    expect((await runAction(context, "stream", "create-stream")).message).toBe("rerun1-analytics-stream already exists (active).");

    await runAction(context, "queue-processor", "connect-processor");
    await runAction(context, "queue-processor", "connect-processor");
    expect((await context.runtime.mappings()).length).toBe(1);
    await runAction(context, "dashboard", "create-dashboard");
    await runAction(context, "dashboard", "create-dashboard");
    expect(await check(context, "dashboard")).toMatchObject({ passed: true });
  });

  it("refuses a queue of the same name that another lab or another student owns, and step 1 says so", async () => {
    // The DynamoDB Streams lab also names a queue <prefix>-order-processing-queue.
    await other.aws.sqs.send(
      new CreateQueueCommand({ QueueName: other.names.orderQueue, tags: { Project: "ServerlessLab", Lab: "dynamodb-streams-pipes", Student: "rerun2" } }),
    );
    await expect(runAction(other, "queues", "create-queues")).rejects.toThrow(
      'rerun2-order-processing-queue already exists and belongs to the "DynamoDB Streams, a dead-letter queue, Pipes and an alarm" lab, which uses the same name.',
    );
    const { Attributes = {} } = await other.aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: (await queueUrlOf(other, other.names.orderQueue)) ?? "", AttributeNames: ["All"] }));
    expect(Attributes.VisibilityTimeout).toBe("30");
    expect(Attributes.RedrivePolicy).toBeUndefined();
    // Nothing half-done: the DLQ was not created either.
    expect(await queueUrlOf(other, other.names.orderDlq)).toBeNull();

    await other.aws.sqs.send(new CreateQueueCommand({ QueueName: "rerun2-order-dlq", tags: { Project: "ServerlessLab", Lab: "sqs-vs-kinesis", Student: "someone" } }));
    const names = await check(other, "prefix");
    expect(names).toMatchObject({ passed: false, reason: "Some names are already someone else's: choose another prefix in Settings." });
    expect(names.details).toEqual(["rerun2-order-dlq: student someone", "rerun2-order-processing-queue: the lab dynamodb-streams-pipes"]);
    expect(await check(context, "prefix")).toMatchObject({ passed: true });
  });
});
