import { ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { useSqsTestBed } from "./helpers";

describe("delayed delivery", () => {
  const bed = useSqsTestBed();

  it("holds a message for its DelaySeconds, counted as delayed", async () => {
    const queue = await bed.createQueue("per-message");
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "later", DelaySeconds: 45 }));
    expect(await bed.counts(queue.url)).toEqual({ visible: 0, inFlight: 0, delayed: 1 });
    expect((await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url }))).Messages).toBeUndefined();
    bed.advanceSeconds(45);
    expect(await bed.counts(queue.url)).toEqual({ visible: 1, inFlight: 0, delayed: 0 });
  });

  it("applies the queue's DelaySeconds unless a message sets its own", async () => {
    const queue = await bed.createQueue("delay-queue", { DelaySeconds: "120" });
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "queue delay" }));
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "no delay", DelaySeconds: 0 }));
    const { Messages = [] } = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, VisibilityTimeout: 600 }));
    expect(Messages.map((m) => m.Body)).toEqual(["no delay"]);
    bed.advanceSeconds(121);
    const later = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10 }));
    expect(later.Messages?.map((m) => m.Body)).toEqual(["queue delay"]);
  });

  it("delays every message of a FIFO delay queue", async () => {
    const queue = await bed.createQueue("fifo-delay", { DelaySeconds: "30", ContentBasedDeduplication: "true" }, true);
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "x", MessageGroupId: "g" }));
    expect(await bed.counts(queue.url)).toMatchObject({ delayed: 1 });
    bed.advanceSeconds(30);
    expect((await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url }))).Messages?.map((m) => m.Body)).toEqual(["x"]);
  });
});
