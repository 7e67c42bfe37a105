import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
} from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { errorOf, useSqsTestBed } from "./helpers";

describe("batch operations", () => {
  const bed = useSqsTestBed();

  it("sends what it can and reports each failed entry", async () => {
    const queue = await bed.createQueue("batch-send");
    const result = await bed.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: [
          { Id: "ok-1", MessageBody: "one" },
          { Id: "too-late", MessageBody: "two", DelaySeconds: 901 },
          { Id: "bad-chars", MessageBody: "bell \u0007" },
          { Id: "ok-2", MessageBody: "three", DelaySeconds: 5 },
        ],
      }),
    );
    expect(result.Successful?.map((s) => s.Id)).toEqual(["ok-1", "ok-2"]);
    expect(result.Failed).toEqual([
      expect.objectContaining({ Id: "too-late", Code: "InvalidParameterValue", SenderFault: true }),
      expect.objectContaining({ Id: "bad-chars", Code: "InvalidMessageContents", SenderFault: true }),
    ]);
    expect(await bed.counts(queue.url)).toEqual({ visible: 1, inFlight: 0, delayed: 1 });
  });

  it("deletes and changes visibility per entry, failing only the bad handles", async () => {
    const queue = await bed.createQueue("batch-delete");
    await bed.sqs.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: [1, 2, 3].map((n) => ({ Id: `m${n}`, MessageBody: `body ${n}` })) }));
    const { Messages = [] } = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10 }));
    expect(Messages).toHaveLength(3);
    const changed = await bed.sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queue.url,
        Entries: [
          { Id: "a", ReceiptHandle: Messages[0].ReceiptHandle, VisibilityTimeout: 0 },
          { Id: "b", ReceiptHandle: "not-a-handle", VisibilityTimeout: 0 },
        ],
      }),
    );
    expect(changed.Successful).toEqual([{ Id: "a" }]);
    expect(changed.Failed).toEqual([expect.objectContaining({ Id: "b", Code: "ReceiptHandleIsInvalid", SenderFault: true })]);
    const deleted = await bed.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: [
          { Id: "x", ReceiptHandle: Messages[1].ReceiptHandle },
          { Id: "y", ReceiptHandle: Messages[2].ReceiptHandle },
          { Id: "z", ReceiptHandle: "bogus" },
        ],
      }),
    );
    expect(deleted.Successful?.map((s) => s.Id)).toEqual(["x", "y"]);
    expect(deleted.Failed?.map((f) => [f.Id, f.Code])).toEqual([["z", "ReceiptHandleIsInvalid"]]);
    expect(await bed.counts(queue.url)).toEqual({ visible: 1, inFlight: 0, delayed: 0 });
  });

  it("rejects empty, oversized, duplicated and badly named batches as a whole", async () => {
    const queue = await bed.createQueue("batch-rules");
    const send = (entries: Array<{ Id: string; MessageBody: string }>) => bed.sqs.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: entries }));
    expect(await errorOf(send([]))).toMatchObject({ name: "EmptyBatchRequest" });
    expect(await errorOf(send(Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: "x" }))))).toMatchObject({
      name: "TooManyEntriesInBatchRequest",
    });
    expect(await errorOf(send([{ Id: "same", MessageBody: "a" }, { Id: "same", MessageBody: "b" }]))).toMatchObject({ name: "BatchEntryIdsNotDistinct" });
    expect(await errorOf(send([{ Id: "has space", MessageBody: "a" }]))).toMatchObject({ name: "InvalidBatchEntryId" });
    const half = "x".repeat(600_000);
    expect(await errorOf(send([{ Id: "a", MessageBody: half }, { Id: "b", MessageBody: half }]))).toMatchObject({ name: "BatchRequestTooLong" });
    expect(await bed.counts(queue.url)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });
});
