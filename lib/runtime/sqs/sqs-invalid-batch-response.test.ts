import { SendMessageBatchCommand } from "@aws-sdk/client-sqs";
import type { SQSEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { backendForTests, backendKindFor, eventually } from "../test/backend";
import { createQueue, queueCounts } from "../test/sqs-queues";
import { owner, testRegistry } from "../test/test-registry";

const kind = await backendKindFor(["sqs"]);

/** The responses Lambda treats as a complete failure of the batch (with-sqs.html, "Success and failure conditions"). */
const invalidResponses: Array<[string, (event: SQSEvent) => unknown]> = [
  ["an empty itemIdentifier", () => ({ batchItemFailures: [{ itemIdentifier: "" }] })],
  ["a null itemIdentifier", () => ({ batchItemFailures: [{ itemIdentifier: null }] })],
  ["an itemIdentifier with a wrong key name", (event) => ({ batchItemFailures: [{ itemIdentifer: event.Records[0].messageId }] })],
  ["a message id that is not in the batch", () => ({ batchItemFailures: [{ itemIdentifier: "a0a0a0a0-0000-4000-8000-000000000000" }] })],
  ["batchItemFailures that is not a list", () => ({ batchItemFailures: "all of them" })],
  ["a response that is not an object", () => "done"],
];

describe.skipIf(!kind)(`an invalid batch response fails the whole batch (${kind ?? "skipped: no local cloud SQS and no moto_server"})`, () => {
  const backend = backendForTests(["sqs"]);

  it.each(invalidResponses)("%s: no message is deleted", async (_name, respond) => {
    const queue = await createQueue(backend.sqs, "invalid", { VisibilityTimeout: "30" });
    await backend.sqs.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: [{ Id: "1", MessageBody: "one" }, { Id: "2", MessageBody: "two" }] }));
    let records = 0;
    const registry = testRegistry(backend, {
      worker: async (event: SQSEvent) => {
        records += event.Records.length;
        return respond(event) as void;
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
    await eventually(backend, () => records >= 2, { stepSeconds: backend.kind === "localcloud" ? 1 : 0, what: "the batch" });
    await registry.shutdown();
    expect(await queueCounts(backend.sqs, queue.url)).toEqual({ visible: 0, inFlight: 2 });
    const line = registry.logs.query(owner, { filter: { type: "invocation" } })[0];
    expect(line).toMatchObject({ outcome: "error" });
    expect(line.type === "invocation" && line.error).toMatch(/^Invalid batch response: .*; the whole batch failed\.$/);
  });
});
