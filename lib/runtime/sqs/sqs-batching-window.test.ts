import { SendMessageCommand } from "@aws-sdk/client-sqs";
import type { SQSEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { backendForTests, backendKindFor, eventually, settle } from "../test/backend";
import { createQueue } from "../test/sqs-queues";
import { owner, testRegistry } from "../test/test-registry";

const kind = await backendKindFor(["sqs"]);

describe.skipIf(kind !== "localcloud")(`the batching window gathers messages before invoking (${kind === "localcloud" ? "localcloud" : "skipped: needs the local cloud's clock"})`, () => {
  const backend = backendForTests(["sqs"]);

  it("waits up to the window for a fuller batch, then invokes once with what it has", async () => {
    const queue = await createQueue(backend.sqs, "window");
    const batches: number[] = [];
    const registry = testRegistry(backend, { worker: async (event: SQSEvent) => void batches.push(event.Records.length) });
    await registry.create(owner, { functionName: "user3-worker", handler: "worker", eventSourceArn: queue.arn, batchSize: 50, maximumBatchingWindowInSeconds: 10 });
    await settle(50);
    await backend.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "first" }));
    await settle(100);
    await backend.advance(4);
    await backend.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "second" }));
    await backend.advance(4);
    await backend.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "third" }));
    await settle(100);
    expect(batches).toEqual([]); // 8 of the 10 seconds have passed
    await eventually(backend, () => batches.length > 0, { what: "the batch" });
    expect(batches).toEqual([3]);
    await registry.shutdown();
  });

  it("invokes as soon as the batch is full, window or not", async () => {
    const queue = await createQueue(backend.sqs, "full");
    const batches: number[] = [];
    const registry = testRegistry(backend, { worker: async (event: SQSEvent) => void batches.push(event.Records.length) });
    await registry.create(owner, { functionName: "user3-worker", handler: "worker", eventSourceArn: queue.arn, batchSize: 3, maximumBatchingWindowInSeconds: 300 });
    for (const body of ["1", "2", "3"]) await backend.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body }));
    await eventually(backend, () => batches.length > 0, { stepSeconds: 0, what: "the full batch" });
    expect(batches).toEqual([3]);
    await registry.shutdown();
  });
});
