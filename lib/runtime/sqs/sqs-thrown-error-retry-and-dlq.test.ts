import { SendMessageCommand } from "@aws-sdk/client-sqs";
import type { SQSEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { backendForTests, backendKindFor, eventually } from "../test/backend";
import { createQueue, queueCounts, receiveAll } from "../test/sqs-queues";
import { owner, testRegistry } from "../test/test-registry";

const kind = await backendKindFor(["sqs"]);

describe.skipIf(!kind)(`a thrown error leaves the batch to come back (${kind ?? "skipped: no local cloud SQS and no moto_server"})`, () => {
  const backend = backendForTests(["sqs"]);

  it("receives the message again after the visibility timeout with a higher receive count, then it reaches the DLQ", async () => {
    const visibility = backend.kind === "localcloud" ? 30 : 1;
    const dlq = await createQueue(backend.sqs, "orders-dlq");
    const queue = await createQueue(backend.sqs, "orders", {
      VisibilityTimeout: String(visibility),
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 }),
    });
    const receiveCounts: string[] = [];
    const registry = testRegistry(backend, {
      orderWorker: async (event: SQSEvent) => {
        for (const record of event.Records) receiveCounts.push(record.attributes.ApproximateReceiveCount);
        throw new Error("the kitchen is closed");
      },
    });
    await registry.create(owner, { functionName: "user3-order-worker", handler: "orderWorker", eventSourceArn: queue.arn, batchSize: 1 });
    await backend.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: JSON.stringify({ item: "latte" }) }));

    await eventually(backend, () => receiveCounts.length >= 1, { stepSeconds: 0, what: "the first delivery" });
    expect(receiveCounts).toEqual(["1"]);
    // Nothing comes back before the visibility timeout has passed.
    await backend.advance(visibility / 2);
    expect(receiveCounts).toEqual(["1"]);

    await eventually(backend, () => receiveCounts.length >= 3, { stepSeconds: visibility / 2, what: "the third delivery" });
    expect(receiveCounts).toEqual(["1", "2", "3"]);

    // After the third failure the next receive moves the message to the DLQ instead of delivering it.
    const inDlq = await eventually(backend, async () => {
      const messages = await receiveAll(backend.sqs, dlq.url);
      return messages.length > 0 ? messages : undefined;
    }, { stepSeconds: visibility / 2, what: "the message in the DLQ" });
    expect(inDlq[0].Body).toBe(JSON.stringify({ item: "latte" }));
    expect(receiveCounts).toEqual(["1", "2", "3"]);
    expect(await queueCounts(backend.sqs, queue.url)).toEqual({ visible: 0, inFlight: 0 });

    const lines = registry.logs.query(owner, { filter: { type: "invocation" } });
    expect(lines.map((l) => (l.type === "invocation" ? l.outcome : null))).toEqual(["error", "error", "error"]);
    expect(lines[0]).toMatchObject({ function: "user3-order-worker", batchSize: 1, eventSource: "aws:sqs", error: "Error: the kitchen is closed" });
    await registry.shutdown();
  });
});
