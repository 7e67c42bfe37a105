import { SendMessageBatchCommand } from "@aws-sdk/client-sqs";
import type { SQSEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { backendForTests, backendKindFor, eventually, settle } from "../test/backend";
import { createQueue, queueCounts } from "../test/sqs-queues";
import { owner, testRegistry } from "../test/test-registry";

const kind = await backendKindFor(["sqs"]);

describe.skipIf(!kind)(`maximum concurrency caps the batches in flight (${kind ?? "skipped: no local cloud SQS and no moto_server"})`, () => {
  const backend = backendForTests(["sqs"]);

  it("runs at most maximumConcurrency invocations at once, and more than one", async () => {
    const queue = await createQueue(backend.sqs, "busy", { VisibilityTimeout: "120" });
    await backend.sqs.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: Array.from({ length: 10 }, (_, i) => ({ Id: String(i), MessageBody: `order-${i}` })) }));
    let running = 0;
    let peak = 0;
    let done = 0;
    const release: Array<() => void> = [];
    const registry = testRegistry(backend, {
      worker: async (event: SQSEvent) => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => release.push(resolve));
        running -= 1;
        done += event.Records.length;
      },
    });
    await registry.create(owner, { functionName: "user3-worker", handler: "worker", eventSourceArn: queue.arn, batchSize: 1, maximumConcurrency: 2, timeoutSeconds: 60 });
    while (done < 10) {
      await eventually(backend, () => release.length > 0, { stepSeconds: 0, what: "a running invocation" });
      await settle(30);
      expect(running).toBeLessThanOrEqual(2);
      release.splice(0).forEach((resolve) => resolve());
      await settle(10);
    }
    expect(peak).toBe(2);
    await eventually(backend, async () => (await queueCounts(backend.sqs, queue.url)).inFlight === 0, { stepSeconds: 0, what: "an empty queue" });
    await registry.shutdown();
  });
});
