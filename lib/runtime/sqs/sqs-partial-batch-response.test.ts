import { SendMessageBatchCommand } from "@aws-sdk/client-sqs";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { backendForTests, backendKindFor, eventually } from "../test/backend";
import { createQueue, queueCounts } from "../test/sqs-queues";
import { owner, testRegistry } from "../test/test-registry";

const kind = await backendKindFor(["sqs"]);

describe.skipIf(!kind)(`a partial batch response deletes only the successes (${kind ?? "skipped: no local cloud SQS and no moto_server"})`, () => {
  const backend = backendForTests(["sqs"]);

  async function sendOrders(url: string, bodies: string[]) {
    await backend.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: bodies.map((body, i) => ({ Id: String(i), MessageBody: body })) }));
  }

  it("with ReportBatchItemFailures, the failed messages come back and the rest are gone", async () => {
    const visibility = backend.kind === "localcloud" ? 30 : 4; // longer than the 1 s window plus the work
    const queue = await createQueue(backend.sqs, "partial", { VisibilityTimeout: String(visibility) });
    await sendOrders(queue.url, ["ok-1", "fail-2", "ok-3", "fail-4", "ok-5"]);
    const deliveries: Array<{ body: string; receiveCount: string }> = [];
    const registry = testRegistry(backend, {
      worker: async (event: SQSEvent): Promise<SQSBatchResponse> => {
        const batchItemFailures = [];
        for (const record of event.Records) {
          deliveries.push({ body: record.body, receiveCount: record.attributes.ApproximateReceiveCount });
          if (record.body.startsWith("fail") && record.attributes.ApproximateReceiveCount === "1") {
            batchItemFailures.push({ itemIdentifier: record.messageId });
          }
        }
        return { batchItemFailures };
      },
    });
    await registry.create(owner, {
      functionName: "user3-worker",
      handler: "worker",
      eventSourceArn: queue.arn,
      batchSize: 10,
      maximumBatchingWindowInSeconds: 1,
      functionResponseTypes: ["ReportBatchItemFailures"],
    });

    await eventually(backend, () => deliveries.length >= 5, { stepSeconds: backend.kind === "localcloud" ? 1 : 0, what: "the first deliveries" });
    expect(deliveries.map((d) => d.body).sort()).toEqual(["fail-2", "fail-4", "ok-1", "ok-3", "ok-5"]);
    await eventually(backend, async () => (await queueCounts(backend.sqs, queue.url)).inFlight === 2, { stepSeconds: 0, what: "the successes deleted" });
    expect(await queueCounts(backend.sqs, queue.url)).toEqual({ visible: 0, inFlight: 2 });

    await eventually(backend, () => deliveries.length >= 7, { stepSeconds: visibility / 2, what: "the failed messages again" });
    expect(deliveries.slice(5).map((d) => `${d.body}#${d.receiveCount}`).sort()).toEqual(["fail-2#2", "fail-4#2"]);
    await eventually(backend, async () => (await queueCounts(backend.sqs, queue.url)).inFlight === 0, { stepSeconds: 0, what: "an empty queue" });
    expect(await queueCounts(backend.sqs, queue.url)).toEqual({ visible: 0, inFlight: 0 });

    const outcomes = registry.logs.query(owner, { filter: { type: "invocation" } }).map((l) => (l.type === "invocation" ? [l.outcome, l.failedItems] : []));
    expect(outcomes[0]).toEqual(["partial", 2]);
    await registry.shutdown();
  });

  it("without ReportBatchItemFailures, a returned batch response is ignored and every message is deleted", async () => {
    const queue = await createQueue(backend.sqs, "ignored", { VisibilityTimeout: "30" });
    await sendOrders(queue.url, ["a", "b", "c"]);
    let invocations = 0;
    const registry = testRegistry(backend, {
      worker: async (event: SQSEvent): Promise<SQSBatchResponse> => {
        invocations += 1;
        return { batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) };
      },
    });
    await registry.create(owner, { functionName: "user3-worker", handler: "worker", eventSourceArn: queue.arn, batchSize: 10, maximumBatchingWindowInSeconds: 1 });
    await eventually(backend, async () => {
      const counts = await queueCounts(backend.sqs, queue.url);
      return invocations > 0 && counts.visible === 0 && counts.inFlight === 0;
    }, { stepSeconds: backend.kind === "localcloud" ? 1 : 0, what: "every message deleted" });
    await registry.shutdown();
  });
});
