import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { errorOf, useSqsTestBed } from "./helpers";

describe("visibility timeout", () => {
  const bed = useSqsTestBed();

  async function receiveOne(url: string, visibilityTimeout?: number) {
    const { Messages = [] } = await bed.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: visibilityTimeout, MessageSystemAttributeNames: ["All"] }),
    );
    return Messages[0];
  }

  it("hides a received message until its timeout runs out on the clock", async () => {
    const queue = await bed.createQueue("worker", { VisibilityTimeout: "60" });
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "order" }));
    const first = await receiveOne(queue.url);
    expect(await receiveOne(queue.url)).toBeUndefined();
    bed.advanceSeconds(59);
    expect(await receiveOne(queue.url)).toBeUndefined();
    bed.advanceSeconds(2);
    const again = await receiveOne(queue.url);
    expect(again.MessageId).toBe(first.MessageId);
    expect(again.Attributes?.ApproximateReceiveCount).toBe("2");
    expect(again.Attributes?.ApproximateFirstReceiveTimestamp).toBe(first.Attributes?.ApproximateFirstReceiveTimestamp);
    expect(again.ReceiptHandle).not.toBe(first.ReceiptHandle);
  });

  it("uses the receive's VisibilityTimeout over the queue's", async () => {
    const queue = await bed.createQueue("override", { VisibilityTimeout: "600" });
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "x" }));
    await receiveOne(queue.url, 5);
    bed.advanceSeconds(6);
    expect(await receiveOne(queue.url)).toBeDefined();
  });

  it("extends, shortens and ends a message's visibility with ChangeMessageVisibility", async () => {
    const queue = await bed.createQueue("change", { VisibilityTimeout: "30" });
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "x" }));
    const message = await receiveOne(queue.url);
    await bed.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 120 }));
    bed.advanceSeconds(60);
    expect(await receiveOne(queue.url)).toBeUndefined();
    await bed.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }));
    const back = await receiveOne(queue.url);
    expect(back.MessageId).toBe(message.MessageId);
  });

  it("refuses to change a message that is not in flight, an unknown handle, and past twelve hours", async () => {
    const queue = await bed.createQueue("refusals", { VisibilityTimeout: "10" });
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "x" }));
    const message = await receiveOne(queue.url);
    bed.advanceSeconds(11);
    const notInFlight = await errorOf(
      bed.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 10 })),
    );
    expect(notInFlight).toMatchObject({ name: "MessageNotInflight" });
    const garbage = await errorOf(bed.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: "garbage", VisibilityTimeout: 10 })));
    expect(garbage).toMatchObject({ name: "ReceiptHandleIsInvalid", $metadata: { httpStatusCode: 404 } });
    const fresh = await receiveOne(queue.url);
    const tooLong = await errorOf(
      bed.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: fresh.ReceiptHandle, VisibilityTimeout: 43_201 })),
    );
    expect(tooLong).toMatchObject({ name: "InvalidParameterValue" });
    bed.advanceSeconds(5);
    const beyond = await errorOf(
      bed.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: fresh.ReceiptHandle, VisibilityTimeout: 43_200 })),
    );
    expect(String(beyond.message)).toContain("Total VisibilityTimeout");
  });

  it("ignores a delete with an older receipt handle of a standard queue's message", async () => {
    const queue = await bed.createQueue("stale", { VisibilityTimeout: "10" });
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "x" }));
    const first = await receiveOne(queue.url);
    bed.advanceSeconds(11);
    const second = await receiveOne(queue.url);
    await bed.sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: first.ReceiptHandle }));
    expect(await bed.counts(queue.url)).toMatchObject({ inFlight: 1 });
    await bed.sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: second.ReceiptHandle }));
    expect(await bed.counts(queue.url)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it("refuses an expired receipt handle on a FIFO queue", async () => {
    const queue = await bed.createQueue("fifo-expired", { VisibilityTimeout: "10", ContentBasedDeduplication: "true" }, true);
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "x", MessageGroupId: "g" }));
    const message = await receiveOne(queue.url);
    bed.advanceSeconds(11);
    const expired = await errorOf(bed.sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: message.ReceiptHandle })));
    expect(expired).toMatchObject({ name: "InvalidParameterValue" });
    expect(String(expired.message)).toContain("The receipt handle has expired.");
  });
});
