import { SendMessageBatchCommand } from "@aws-sdk/client-sqs";
import type { SQSEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { backendForTests, backendKindFor, eventually } from "../test/backend";
import { createQueue, queueCounts } from "../test/sqs-queues";
import { owner, testRegistry } from "../test/test-registry";

const kind = await backendKindFor(["sqs"]);

describe.skipIf(!kind)(`FIFO: one batch per message group, in order (${kind ?? "skipped: no local cloud SQS and no moto_server"})`, () => {
  const backend = backendForTests(["sqs"]);

  async function sendInterleaved(url: string, groups: string[], perGroup: number) {
    const entries = [];
    for (let i = 1; i <= perGroup; i += 1) for (const group of groups) entries.push({ Id: `${group}${i}`, MessageBody: `${group}${i}`, MessageGroupId: group, MessageDeduplicationId: `${group}${i}` });
    for (let i = 0; i < entries.length; i += 10) await backend.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries.slice(i, i + 10) }));
  }

  it("every batch holds one group, and each group arrives in the order it was sent", async () => {
    const queue = await createQueue(backend.sqs, "orders.fifo", { VisibilityTimeout: "30" });
    await sendInterleaved(queue.url, ["table-1", "table-2", "table-3"], 4);
    const batches: string[][] = [];
    const registry = testRegistry(backend, { worker: async (event: SQSEvent) => void batches.push(event.Records.map((r) => r.body)) });
    await registry.create(owner, { functionName: "user3-fifo-worker", handler: "worker", eventSourceArn: queue.arn, batchSize: 10 });
    await eventually(backend, () => batches.flat().length === 12, { stepSeconds: 0, what: "all twelve messages" });
    await registry.shutdown();

    for (const batch of batches) expect(new Set(batch.map((body) => body.replace(/\d+$/, ""))).size).toBe(1);
    for (const group of ["table-1", "table-2", "table-3"]) {
      expect(batches.flat().filter((body) => body.startsWith(`${group}`) && body.length === group.length + 1)).toEqual([1, 2, 3, 4].map((i) => `${group}${i}`));
    }
  });

  it("a failure holds its group: nothing after the failed message is delivered before it succeeds", async () => {
    const visibility = backend.kind === "localcloud" ? 30 : 1;
    const queue = await createQueue(backend.sqs, "holds.fifo", { VisibilityTimeout: String(visibility) });
    await sendInterleaved(queue.url, ["a", "b"], 3);
    const deliveries: string[] = [];
    let failedOnce = false;
    const registry = testRegistry(backend, {
      worker: async (event: SQSEvent) => {
        for (const record of event.Records) deliveries.push(`${record.body}#${record.attributes.ApproximateReceiveCount}`);
        if (!failedOnce && event.Records.some((r) => r.body === "a2")) {
          failedOnce = true;
          throw new Error("a2 failed");
        }
      },
    });
    await registry.create(owner, { functionName: "user3-fifo-worker", handler: "worker", eventSourceArn: queue.arn, batchSize: 1 });
    await eventually(backend, () => deliveries.includes("b3#1") && deliveries.includes("a2#1"), { stepSeconds: 0, what: "group b done and a2 failed" });
    expect(deliveries.filter((d) => d.startsWith("a"))).toEqual(["a1#1", "a2#1"]);
    await eventually(backend, () => deliveries.includes("a3#1"), { stepSeconds: visibility / 2, what: "a3 after a2's retry" });
    expect(deliveries.filter((d) => d.startsWith("a"))).toEqual(["a1#1", "a2#1", "a2#2", "a3#1"]);
    expect(deliveries.filter((d) => d.startsWith("b"))).toEqual(["b1#1", "b2#1", "b3#1"]);
    await eventually(backend, async () => (await queueCounts(backend.sqs, queue.url)).inFlight === 0, { stepSeconds: 0, what: "an empty queue" });
    await registry.shutdown();
  });
});
