import {
  ListDeadLetterSourceQueuesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
} from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { errorOf, useSqsTestBed } from "./helpers";

describe("redrive to a dead-letter queue", () => {
  const bed = useSqsTestBed();

  it("moves a message to the DLQ on the receive that would exceed maxReceiveCount", async () => {
    const dlq = await bed.createQueue("orders-dlq");
    const main = await bed.createQueue("orders", {
      VisibilityTimeout: "30",
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 }),
    });
    const sent = await bed.sqs.send(new SendMessageCommand({ QueueUrl: main.url, MessageBody: "poison" }));
    for (let attempt = 1; attempt <= 3; attempt++) {
      const { Messages = [] } = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: main.url, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }));
      expect(Messages.map((m) => m.Attributes?.ApproximateReceiveCount)).toEqual([String(attempt)]);
      bed.advanceSeconds(31);
    }
    expect(await bed.counts(dlq.url)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    const fourth = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: main.url }));
    expect(fourth.Messages).toBeUndefined();
    expect(await bed.counts(main.url)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    expect(await bed.counts(dlq.url)).toEqual({ visible: 1, inFlight: 0, delayed: 0 });

    const { Messages = [] } = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, MessageSystemAttributeNames: ["All"] }));
    expect(Messages).toHaveLength(1);
    expect(Messages[0]).toMatchObject({ MessageId: sent.MessageId, Body: "poison" });
    expect(Messages[0].Attributes?.DeadLetterQueueSourceArn).toBe(main.arn);
    expect(Messages[0].Attributes?.ApproximateReceiveCount).toBe("4");
  });

  it("lists the queues that use a DLQ", async () => {
    const dlq = await bed.createQueue("shared-dlq");
    const policy = JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: "5" });
    const a = await bed.createQueue("source-a", { RedrivePolicy: policy });
    const b = await bed.createQueue("source-b");
    await bed.sqs.send(new SetQueueAttributesCommand({ QueueUrl: b.url, Attributes: { RedrivePolicy: policy } }));
    const { queueUrls } = await bed.sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq.url }));
    expect([...(queueUrls ?? [])].sort()).toEqual([a.url, b.url].sort());
  });

  it("refuses a redrive policy naming a missing queue, another queue type or a bad count", async () => {
    const fifoDlq = await bed.createQueue("fifo-dlq", {}, true);
    const missing = await errorOf(
      bed.createQueue("bad-target", { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: "arn:aws:sqs:us-east-1:000000000000:nope", maxReceiveCount: 3 }) }),
    );
    expect(missing).toMatchObject({ name: "InvalidParameterValue" });
    const mixed = await errorOf(bed.createQueue("bad-type", { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: fifoDlq.arn, maxReceiveCount: 3 }) }));
    expect(mixed).toMatchObject({ name: "InvalidParameterValue" });
    const dlq = await bed.createQueue("dlq-count");
    const count = await errorOf(bed.createQueue("bad-count", { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 0 }) }));
    expect(count).toMatchObject({ name: "InvalidParameterValue" });
    expect(String(count.message)).toContain("maxReceiveCount");
  });

  it("honours the DLQ's RedriveAllowPolicy", async () => {
    const closed = await bed.createQueue("closed-dlq", { RedriveAllowPolicy: JSON.stringify({ redrivePermission: "denyAll" }) });
    const refused = await errorOf(bed.createQueue("denied", { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: closed.arn, maxReceiveCount: 2 }) }));
    expect(refused).toMatchObject({ name: "InvalidParameterValue" });
  });
});
