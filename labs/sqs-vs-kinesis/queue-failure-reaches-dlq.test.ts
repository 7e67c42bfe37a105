/**
 * Steps 2, 4 and 5 through the runtime: the failing order is reported as a batch item failure,
 * comes back after each visibility timeout, and after three receives sits in the DLQ; the other
 * orders are processed once, and the step's check passes only then.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import type { SqsProducerReply } from "./handlers/sqs-producer";
import { check, fastForward, labContext, live, runAction, waitFor } from "./lab-test-support";
import type { KinesisLabContext } from "./resources";

let cloud: LocalCloud;
let context: KinesisLabContext;
beforeAll(async () => {
  cloud = await startTestCloud();
  context = await labContext(cloud, "dlq1");
});
afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

describe("the queue path", () => {
  it("sends a failing batch, reports the failure, retries it after each visibility timeout, and parks it in the DLQ", async () => {
    await runAction(context, "queues", "create-queues");
    expect(await check(context, "queues")).toMatchObject({ passed: true });
    expect(await check(context, "queue-processor")).toMatchObject({ passed: false, reason: "The queue has no trigger yet: turn it on." });

    const sent = (await runAction(context, "sqs-producer", "send-orders", { batchSize: 5, simulateFailure: true })).data as unknown as SqsProducerReply;
    expect(sent.messages.map((m) => m.priority)).toEqual(["high", "normal", "normal", "high", "normal"]);
    expect(await check(context, "sqs-producer")).toMatchObject({ passed: true });
    expect(await context.runtime.environment("sqsProducer")).toEqual({ QUEUE_URL: expect.stringMatching(/\/dlq1-order-processing-queue$/) });

    await runAction(context, "queue-processor", "connect-processor");
    expect(await context.runtime.environment("queueProcessor")).toEqual({ PROCESSING_TIME_SCALE: "0.1" });
    const failing = sent.messages[0];
    const firstBatch = await waitFor(async () => (await live(context)).sqs.batches.find((b) => b.messages.some((m) => m.messageId === failing.messageId)), "the first batch");
    expect(firstBatch.failed).toBe(1);
    expect(firstBatch.messages.filter((m) => m.ok).map((m) => m.orderId).sort()).toEqual(sent.messages.slice(1).map((m) => m.orderId).sort());
    const invocations = await context.runtime.logs({ filter: { type: "invocation", function: "dlq1-queue-processor" } });
    expect(invocations[0]).toMatchObject({ outcome: "partial", failedItems: 1, batchSize: 5 });

    const waiting = await check(context, "queue-processor");
    expect(waiting.passed).toBe(false);
    expect(waiting.reason).toBe(`${failing.orderId} has failed 1 time and is not in the DLQ yet: wait out (or fast-forward) its visibility timeout.`);
    const retry = (await live(context)).sqs.retries[0];
    expect(Date.parse(retry.visibleAgainAt) - Date.parse(retry.lastFailedAt)).toBe(300_000);

    for (const receive of [2, 3]) {
      await fastForward(cloud, [context], 301);
      await waitFor(async () => (await live(context)).sqs.retries.find((r) => r.messageId === failing.messageId && r.receives === receive), `receive ${receive}`);
    }
    expect((await live(context)).sqs.retries[0].headingToDlq).toBe(true);
    await fastForward(cloud, [context], 301);
    const passed = await waitFor(async () => {
      const result = await check(context, "queue-processor");
      return result.passed ? result : null;
    }, "the DLQ");
    expect(passed.reason).toBe("dlq1-order-dlq holds 1 failed order, and no good order was processed twice.");

    const state = await live(context);
    expect(state.sqs.succeeded).toBe(4);
    expect(state.sqs.processedTwice).toEqual([]);
    expect(state.sqs.failedAttempts).toBe(3);
  }, 90_000);
});
