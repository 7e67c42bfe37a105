import { SendMessageCommand } from "@aws-sdk/client-sqs";
import type { SQSEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { backendForTests, backendKindFor, eventually } from "../test/backend";
import { createQueue, queueCounts, receiveAll } from "../test/sqs-queues";
import { owner, testRegistry } from "../test/test-registry";

const kind = await backendKindFor(["sqs"]);

describe.skipIf(!kind)(`stopping a mapping loses no message (${kind ?? "skipped: no local cloud SQS and no moto_server"})`, () => {
  const backend = backendForTests(["sqs"]);

  it("a batch still running at shutdown is not deleted: it comes back after the visibility timeout", async () => {
    const visibility = backend.kind === "localcloud" ? 30 : 1;
    const queue = await createQueue(backend.sqs, "shutdown", { VisibilityTimeout: String(visibility) });
    let started = false;
    const registry = testRegistry(
      backend,
      {
        stuck: async (_event: SQSEvent) => {
          started = true;
          await new Promise(() => undefined);
        },
      },
      { stopGraceMs: 100 },
    );
    await registry.create(owner, { functionName: "user3-stuck", handler: "stuck", eventSourceArn: queue.arn, batchSize: 1, timeoutSeconds: 900 });
    await backend.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "keep me" }));
    await eventually(backend, () => started, { stepSeconds: 0, what: "the invocation" });

    await registry.shutdown();
    expect(await queueCounts(backend.sqs, queue.url)).toEqual({ visible: 0, inFlight: 1 });
    const again = await eventually(backend, async () => {
      const messages = await receiveAll(backend.sqs, queue.url);
      return messages.length > 0 ? messages : undefined;
    }, { stepSeconds: visibility / 2, what: "the message visible again" });
    expect(again[0].Body).toBe("keep me");
    // Received once by the stopped mapping; a long poll of it still open may have taken and handed it back once more.
    expect(Number(again[0].Attributes?.ApproximateReceiveCount)).toBeGreaterThanOrEqual(2);
  });
});
