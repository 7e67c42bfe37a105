import { ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { useSqsTestBed } from "./helpers";

describe("links.sqs (in-process SQS for SNS and Pipes)", () => {
  const bed = useSqsTestBed();

  it("sends to a queue by ARN as SendMessage would", async () => {
    const queue = await bed.createQueue("linked");
    const link = bed.cloud.links.sqs!;
    expect(link.exists(queue.arn)).toBe(true);
    expect(link.exists(`${queue.arn}-missing`)).toBe(false);
    const sent = link.sendToArn(queue.arn, { body: "from SNS", attributes: { Kind: { DataType: "String", StringValue: "order" } } });
    const { Messages = [] } = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MessageAttributeNames: ["All"] }));
    expect(Messages[0]).toMatchObject({ MessageId: sent.messageId, Body: "from SNS", MessageAttributes: { Kind: { DataType: "String", StringValue: "order" } } });
  });

  it("keeps FIFO group and deduplication ids and returns the sequence number", async () => {
    const queue = await bed.createQueue("linked-fifo", {}, true);
    const link = bed.cloud.links.sqs!;
    const first = link.sendToArn(queue.arn, { body: "a", groupId: "g", deduplicationId: "d" });
    const again = link.sendToArn(queue.arn, { body: "a", groupId: "g", deduplicationId: "d" });
    expect(first.sequenceNumber).toMatch(/^\d{20}$/);
    expect(again.messageId).toBe(first.messageId);
    expect(() => link.sendToArn(queue.arn, { body: "no group", deduplicationId: "e" })).toThrow(/MessageGroupId/);
  });

  it("receives, changes visibility and deletes by ARN, as Pipes do", async () => {
    const queue = await bed.createQueue("piped", { VisibilityTimeout: "30" });
    const link = bed.cloud.links.sqs!;
    link.sendToArn(queue.arn, { body: "one" });
    link.sendToArn(queue.arn, { body: "two" });
    const received = link.receiveFromArn(queue.arn, { maxMessages: 10 });
    expect(received.map((m) => m.body)).toEqual(["one", "two"]);
    expect(received[0].attributes).toMatchObject({ ApproximateReceiveCount: "1" });
    link.changeVisibilityByArn(queue.arn, received[0].receiptHandle, 0);
    link.deleteFromArn(queue.arn, received[1].receiptHandle);
    expect(await bed.counts(queue.url)).toEqual({ visible: 1, inFlight: 0, delayed: 0 });
    expect(link.receiveFromArn(queue.arn, { maxMessages: 1, visibilityTimeoutSeconds: 5 }).map((m) => m.body)).toEqual(["one"]);
    expect(() => link.sendToArn("arn:aws:sqs:us-east-1:000000000000:missing", { body: "x" })).toThrow(/does not exist/);
  });
});
