import { SendMessageCommand } from "@aws-sdk/client-sqs";
import type { SQSEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { backendForTests, backendKindFor, eventually } from "../test/backend";
import { createQueue, queueCounts } from "../test/sqs-queues";
import { owner, testRegistry } from "../test/test-registry";

const kind = await backendKindFor(["sqs"]);

describe.skipIf(!kind)(`a disabled mapping leaves messages in the queue (${kind ?? "skipped: no local cloud SQS and no moto_server"})`, () => {
  const backend = backendForTests(["sqs"]);

  it("holds messages while disabled, processes them once enabled, and holds new ones again when disabled", async () => {
    const queue = await createQueue(backend.sqs, "cafe-orders", { VisibilityTimeout: "60" });
    const bodies: string[] = [];
    const registry = testRegistry(backend, { orderWorker: async (event: SQSEvent) => void bodies.push(...event.Records.map((r) => r.body)) });
    const mapping = await registry.create(owner, {
      functionName: "user3-cafe-order-worker",
      handler: "orderWorker",
      eventSourceArn: queue.arn,
      batchSize: 1,
      enabled: false,
    });
    expect(mapping).toMatchObject({ state: "Disabled", running: false });
    for (const body of ["latte", "mocha", "chai"]) await backend.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body }));

    await backend.advance(backend.kind === "localcloud" ? 120 : 1);
    expect(bodies).toEqual([]);
    expect(await queueCounts(backend.sqs, queue.url)).toEqual({ visible: 3, inFlight: 0 });

    expect(await registry.enable(owner, mapping.uuid)).toMatchObject({ state: "Enabled", running: true });
    await eventually(backend, async () => bodies.length === 3 && (await queueCounts(backend.sqs, queue.url)).inFlight === 0, {
      stepSeconds: 0,
      what: "the three orders processed",
    });
    expect(bodies.sort()).toEqual(["chai", "latte", "mocha"]);

    expect(await registry.disable(owner, mapping.uuid)).toMatchObject({ state: "Disabled", running: false });
    await backend.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "flat white" }));
    // A long poll that was still open when the mapping stopped may take the message: it is handed back at once.
    await eventually(backend, async () => {
      const counts = await queueCounts(backend.sqs, queue.url);
      return counts.visible === 1 && counts.inFlight === 0;
    }, { stepSeconds: 0, what: "the new message visible" });
    await backend.advance(backend.kind === "localcloud" ? 120 : 1);
    expect(bodies).toHaveLength(3);
    expect(await queueCounts(backend.sqs, queue.url)).toEqual({ visible: 1, inFlight: 0 });
    await registry.shutdown();
  });
});
