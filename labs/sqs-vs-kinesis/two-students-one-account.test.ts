/**
 * A class shares one account: two students run the lab at the same time, in one local cloud and
 * one runtime. Each sees and touches only the resources, messages, records, triggers and logs of
 * their own prefix, and one student's clean-up leaves the other's lab running.
 */
import { GetQueueUrlCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readKinesisStream } from "@/lib/lab-framework/inspect/stream/read-kinesis-stream";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import type { SqsProducerReply } from "./handlers/sqs-producer";
import { check, fastForward, labContext, live, runAction, waitFor } from "./lab-test-support";
import type { KinesisLabContext } from "./resources";
import type { PutEventsResult } from "./steps/kinesis-producer";

let cloud: LocalCloud;
let ada: KinesisLabContext;
let bob: KinesisLabContext;
beforeAll(async () => {
  cloud = await startTestCloud();
  [ada, bob] = await Promise.all([labContext(cloud, "ada"), labContext(cloud, "bob")]);
});
afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

async function setUp(context: KinesisLabContext) {
  await runAction(context, "queues", "create-queues");
  await runAction(context, "stream", "create-stream");
}

async function connect(context: KinesisLabContext) {
  await runAction(context, "queue-processor", "connect-processor");
  await runAction(context, "stream-processor", "connect-processor");
}

async function traffic(context: KinesisLabContext) {
  const orders = (await runAction(context, "sqs-producer", "send-orders", { batchSize: 7 })).data as unknown as SqsProducerReply;
  const events = (await runAction(context, "kinesis-producer", "put-events", { eventType: "system_metric", eventCount: 9 })).data as unknown as PutEventsResult;
  return { orders, events };
}

describe("two students in one account", () => {
  it("run the whole lab at once without seeing each other", async () => {
    await Promise.all([setUp(ada), setUp(bob)]);
    await fastForward(cloud, [ada, bob], 5);
    await Promise.all([connect(ada), connect(bob)]);
    const [a, b] = await Promise.all([traffic(ada), traffic(bob)]);
    await fastForward(cloud, [ada, bob], 6);

    for (const [context, sent, other] of [
      [ada, a, b],
      [bob, b, a],
    ] as const) {
      const state = await waitFor(async () => {
        const s = await live(context);
        return s.sqs.succeeded === 7 && s.stream.analytics.records === 9 ? s : null;
      }, `${context.prefix}'s processors`);
      const processed = state.sqs.batches.flatMap((batch) => batch.messages.map((m) => m.orderId)).sort();
      expect(processed).toEqual(sent.orders.messages.map((m) => m.orderId).sort());
      expect(processed.some((id) => other.orders.messages.some((m) => m.orderId === id))).toBe(false);
      const read = state.stream.batches.flatMap((batch) => batch.records.map((r) => r.sequenceNumber)).sort();
      expect(read).toEqual(sent.events.records.map((r) => r.sequenceNumber).sort());

      const stream = await readKinesisStream(context, context.names.analyticsStream);
      expect(stream.streamName).toBe(`${context.prefix}-analytics-stream`);
      expect(stream.shards.reduce((n, s) => n + s.recordCount, 0)).toBe(9);
      expect((await context.runtime.mappings()).map((m) => m.config.functionName).sort()).toEqual([`${context.prefix}-queue-processor`, `${context.prefix}-stream-processor`]);
      const lines = await context.runtime.logs();
      expect(lines.every((l) => l.function.startsWith(`${context.prefix}-`))).toBe(true);
      expect(await check(context, "prefix")).toMatchObject({ passed: true });
    }
  }, 60_000);

  it("one student's clean-up deletes their resources and triggers only", async () => {
    const outcome = await runAction(ada, "clean-up", "delete-everything");
    expect(outcome.message).toContain("ada-order-processing-queue");
    expect(outcome.message).not.toContain("bob-");
    expect(await ada.runtime.mappings()).toEqual([]);
    await fastForward(cloud, [ada, bob], 3);
    expect(await check(ada, "clean-up")).toMatchObject({ passed: true });

    await expect(bob.aws.sqs.send(new GetQueueUrlCommand({ QueueName: "bob-order-processing-queue" }))).resolves.toBeTruthy();
    expect((await bob.runtime.mappings()).length).toBe(2);
    expect(await check(bob, "queues")).toMatchObject({ passed: true });
    expect(await check(bob, "stream")).toMatchObject({ passed: true });
    // Bob's path still works after Ada's clean-up.
    const more = (await runAction(bob, "sqs-producer", "send-orders", { batchSize: 2 })).data as unknown as SqsProducerReply;
    await waitFor(async () => (await live(bob)).sqs.batches.some((batch) => batch.messages.some((m) => m.orderId === more.messages[1].orderId)), "bob's next orders");
  }, 60_000);
});
