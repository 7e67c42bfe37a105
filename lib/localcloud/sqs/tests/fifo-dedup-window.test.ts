import { ReceiveMessageCommand, SendMessageCommand, SetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { errorOf, useSqsTestBed } from "./helpers";

describe("FIFO deduplication window", () => {
  const bed = useSqsTestBed();

  it("drops a duplicate deduplication id within five minutes and accepts it after", async () => {
    const queue = await bed.createQueue("payments", {}, true);
    const send = (body: string) =>
      bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body, MessageGroupId: "g", MessageDeduplicationId: "order-1" }));
    const first = await send("first");
    const duplicate = await send("second");
    expect(duplicate.MessageId).toBe(first.MessageId);
    expect(duplicate.SequenceNumber).toBe(first.SequenceNumber);
    expect(await bed.counts(queue.url)).toMatchObject({ visible: 1 });

    bed.advanceSeconds(4 * 60 + 50);
    await send("still a duplicate");
    expect(await bed.counts(queue.url)).toMatchObject({ visible: 1 });

    bed.advanceSeconds(11);
    const afterWindow = await send("third");
    expect(afterWindow.MessageId).not.toBe(first.MessageId);
    expect(await bed.counts(queue.url)).toMatchObject({ visible: 2 });
    const { Messages = [] } = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10 }));
    expect(Messages.map((m) => m.Body)).toEqual(["first", "third"]);
  });

  it("keeps tracking a deduplication id after its message was received and deleted", async () => {
    const queue = await bed.createQueue("dedup-after-delete", {}, true);
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "a", MessageGroupId: "g", MessageDeduplicationId: "x" }));
    const { Messages = [] } = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url }));
    const { DeleteMessageCommand } = await import("@aws-sdk/client-sqs");
    await bed.sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: Messages[0].ReceiptHandle }));
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "a", MessageGroupId: "g", MessageDeduplicationId: "x" }));
    expect(await bed.counts(queue.url)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it("deduplicates by content when ContentBasedDeduplication is on", async () => {
    const queue = await bed.createQueue("content", { ContentBasedDeduplication: "true" }, true);
    const a = await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: '{"order":1}', MessageGroupId: "g" }));
    const b = await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: '{"order":1}', MessageGroupId: "other" }));
    expect(b.MessageId).toBe(a.MessageId);
    const explicit = await bed.sqs.send(
      new SendMessageCommand({ QueueUrl: queue.url, MessageBody: '{"order":1}', MessageGroupId: "g", MessageDeduplicationId: "explicit" }),
    );
    expect(explicit.MessageId).not.toBe(a.MessageId);
    expect(await bed.counts(queue.url)).toMatchObject({ visible: 2 });
  });

  it("scopes deduplication to the message group when DeduplicationScope is messageGroup", async () => {
    const queue = await bed.createQueue("per-group", { DeduplicationScope: "messageGroup", FifoThroughputLimit: "perMessageGroupId" }, true);
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "a", MessageGroupId: "g1", MessageDeduplicationId: "same" }));
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "b", MessageGroupId: "g2", MessageDeduplicationId: "same" }));
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "c", MessageGroupId: "g1", MessageDeduplicationId: "same" }));
    expect(await bed.counts(queue.url)).toMatchObject({ visible: 2 });
  });

  it("requires a deduplication id without content-based deduplication, and refuses perMessageGroupId with queue scope", async () => {
    const queue = await bed.createQueue("needs-id", {}, true);
    const missing = await errorOf(bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "a", MessageGroupId: "g" })));
    expect(missing).toMatchObject({ name: "InvalidParameterValue" });
    const bad = await errorOf(
      bed.sqs.send(new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: { FifoThroughputLimit: "perMessageGroupId" } })),
    );
    expect(bad).toMatchObject({ name: "InvalidAttributeValue" });
  });
});
