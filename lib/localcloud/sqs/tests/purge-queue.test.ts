import { PurgeQueueCommand, ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { errorOf, useSqsTestBed } from "./helpers";

describe("PurgeQueue", () => {
  const bed = useSqsTestBed();

  it("removes every message, in flight or delayed, and allows one purge per minute", async () => {
    const queue = await bed.createQueue("purged");
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "visible" }));
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "delayed", DelaySeconds: 60 }));
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "in flight" }));
    await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url }));
    await bed.sqs.send(new PurgeQueueCommand({ QueueUrl: queue.url }));
    expect(await bed.counts(queue.url)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    bed.advanceSeconds(61);
    expect(await bed.counts(queue.url)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    await expect(bed.sqs.send(new PurgeQueueCommand({ QueueUrl: queue.url }))).resolves.toBeDefined();
  });

  it("answers PurgeQueueInProgress (403) within 60 seconds of the last purge", async () => {
    const queue = await bed.createQueue("purged-twice");
    await bed.sqs.send(new PurgeQueueCommand({ QueueUrl: queue.url }));
    const error = await errorOf(bed.sqs.send(new PurgeQueueCommand({ QueueUrl: queue.url })));
    expect(error).toMatchObject({ name: "PurgeQueueInProgress", $metadata: { httpStatusCode: 403 } });
    bed.advanceSeconds(60);
    await bed.sqs.send(new PurgeQueueCommand({ QueueUrl: queue.url }));
  });
});
