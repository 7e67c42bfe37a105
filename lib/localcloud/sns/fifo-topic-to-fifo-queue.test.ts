import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { createQueue, drain } from "./test-support";

describe("a FIFO topic delivering to queues", () => {
  const bed = cloudForTests({ sns: SNSClient, sqs: SQSClient });

  it("keeps the group id, deduplication id and order, and returns sequence numbers", async () => {
    const { TopicArn } = await bed.sns.send(
      new CreateTopicCommand({ Name: `${uniqueName("prices")}.fifo`, Attributes: { FifoTopic: "true" } }),
    );
    const queue = await createQueue(bed.sqs, `${uniqueName("prices-queue")}.fifo`);
    await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queue.arn, Attributes: { RawMessageDelivery: "true" } }));

    const first = await bed.sns.send(
      new PublishCommand({ TopicArn, Message: "price 1", MessageGroupId: "product-214", MessageDeduplicationId: "p214-1" }),
    );
    const second = await bed.sns.send(
      new PublishCommand({ TopicArn, Message: "price 2", MessageGroupId: "product-214", MessageDeduplicationId: "p214-2" }),
    );
    expect(first.SequenceNumber).toMatch(/^\d{20}$/);
    expect(BigInt(second.SequenceNumber as string)).toBeGreaterThan(BigInt(first.SequenceNumber as string));

    const messages = await drain(bed.sqs, queue.url);
    expect(messages.map((m) => m.Body)).toEqual(["price 1", "price 2"]);
    expect(messages[0].Attributes).toMatchObject({ MessageGroupId: "product-214", MessageDeduplicationId: "p214-1" });
  });

  it("drops a duplicate published within five minutes, and accepts it again after", async () => {
    const { TopicArn } = await bed.sns.send(
      new CreateTopicCommand({
        Name: `${uniqueName("orders")}.fifo`,
        Attributes: { FifoTopic: "true", ContentBasedDeduplication: "true" },
      }),
    );
    const queue = await createQueue(bed.sqs, `${uniqueName("orders-queue")}.fifo`);
    await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queue.arn }));

    const original = await bed.sns.send(new PublishCommand({ TopicArn, Message: "order 1", MessageGroupId: "g" }));
    const duplicate = await bed.sns.send(new PublishCommand({ TopicArn, Message: "order 1", MessageGroupId: "g" }));
    expect(duplicate.MessageId).toBe(original.MessageId);
    expect(duplicate.SequenceNumber).toBe(original.SequenceNumber);
    const delivered = await drain(bed.sqs, queue.url);
    expect(delivered).toHaveLength(1);
    const envelope = JSON.parse(delivered[0].Body as string);
    expect(envelope).toMatchObject({ Type: "Notification", Message: "order 1", SequenceNumber: original.SequenceNumber });

    bed.cloud.clock.advance(5 * 60_000 + 1_000);
    const later = await bed.sns.send(new PublishCommand({ TopicArn, Message: "order 1", MessageGroupId: "g" }));
    expect(later.MessageId).not.toBe(original.MessageId);
    expect(await drain(bed.sqs, queue.url)).toHaveLength(1);
  });

  it("delivers to a standard queue without the group id", async () => {
    const { TopicArn } = await bed.sns.send(
      new CreateTopicCommand({ Name: `${uniqueName("mixed")}.fifo`, Attributes: { FifoTopic: "true" } }),
    );
    const standard = await createQueue(bed.sqs, uniqueName("standard-subscriber"));
    await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: standard.arn, Attributes: { RawMessageDelivery: "true" } }));
    await bed.sns.send(new PublishCommand({ TopicArn, Message: "m", MessageGroupId: "g", MessageDeduplicationId: "d" }));
    const [message] = await drain(bed.sqs, standard.url);
    expect(message.Body).toBe("m");
    expect(message.Attributes?.MessageGroupId).toBeUndefined();
  });

  it("enforces FIFO rules on publish and subscribe", async () => {
    const { TopicArn } = await bed.sns.send(
      new CreateTopicCommand({ Name: `${uniqueName("rules")}.fifo`, Attributes: { FifoTopic: "true" } }),
    );
    await expect(bed.sns.send(new PublishCommand({ TopicArn, Message: "m", MessageDeduplicationId: "d" }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid parameter: The MessageGroupId parameter is required for FIFO topics",
    });
    await expect(bed.sns.send(new PublishCommand({ TopicArn, Message: "m", MessageGroupId: "g" }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message:
        "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
    });
    await expect(bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "email", Endpoint: "a@example.com" }))).rejects.toMatchObject({
      name: "InvalidParameterException",
    });

    const { TopicArn: standardTopic } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("standard") }));
    const fifoQueue = await createQueue(bed.sqs, `${uniqueName("fifo-q")}.fifo`);
    await expect(
      bed.sns.send(new SubscribeCommand({ TopicArn: standardTopic, Protocol: "sqs", Endpoint: fifoQueue.arn })),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics",
    });
  });
});
