import { ReceiveMessageCommand, SendMessageCommand, SetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { useSqsTestBed } from "./helpers";

describe("message retention", () => {
  const bed = useSqsTestBed();

  it("deletes messages older than MessageRetentionPeriod, in flight or not", async () => {
    const queue = await bed.createQueue("short-lived", { MessageRetentionPeriod: "60", VisibilityTimeout: "600" });
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "old" }));
    await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url }));
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "also old" }));
    bed.advanceSeconds(30);
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "young" }));
    bed.advanceSeconds(31);
    expect(await bed.counts(queue.url)).toEqual({ visible: 1, inFlight: 0, delayed: 0 });
    const { Messages = [] } = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10 }));
    expect(Messages.map((m) => m.Body)).toEqual(["young"]);
  });

  it("keeps messages four days by default", async () => {
    const queue = await bed.createQueue("default-retention");
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "x" }));
    bed.advanceSeconds(4 * 24 * 3600 - 10);
    expect(await bed.counts(queue.url)).toMatchObject({ visible: 1 });
    bed.advanceSeconds(20);
    expect(await bed.counts(queue.url)).toMatchObject({ visible: 0 });
  });

  it("expires existing messages when the retention period is shortened", async () => {
    const queue = await bed.createQueue("shortened");
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "x" }));
    bed.advanceSeconds(120);
    await bed.sqs.send(new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: { MessageRetentionPeriod: "60" } }));
    expect(await bed.counts(queue.url)).toMatchObject({ visible: 0 });
  });

  it("counts a standard DLQ's retention from the message's original SentTimestamp", async () => {
    const dlq = await bed.createQueue("old-dlq");
    const source = await bed.createQueue("old-source", {
      VisibilityTimeout: "10",
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }),
    });
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: source.url, MessageBody: "three days old" }));
    bed.advanceSeconds(3 * 24 * 3600);
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: dlq.url, MessageBody: "fresh" }));
    await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: source.url }));
    bed.advanceSeconds(11);
    await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: source.url }));
    expect(await bed.counts(dlq.url)).toMatchObject({ visible: 2 });
    bed.advanceSeconds(24 * 3600);
    const { Messages = [] } = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, MaxNumberOfMessages: 10 }));
    expect(Messages.map((m) => m.Body)).toEqual(["fresh"]);
  });
});
