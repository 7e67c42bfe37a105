import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTagsForResourceCommand,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
} from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, describe, expect, it } from "vitest";
import { clientConfig, startTestCloud } from "../test/harness";
import { createQueue, drain, readOutbox } from "./test-support";

describe("SNS state across a restart", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sns-restart-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("keeps topics, subscriptions with their policies, FIFO sequence and dedup, and the outbox", async () => {
    const first = await startTestCloud({ dataDir, flushIntervalMs: 10 });
    let sns = new SNSClient(clientConfig(first));
    let sqs = new SQSClient(clientConfig(first));
    const { TopicArn } = await sns.send(
      new CreateTopicCommand({ Name: "OrderTopic", Attributes: { DisplayName: "Orders" }, Tags: [{ Key: "Lab", Value: "sns-fanout" }] }),
    );
    const queue = await createQueue(sqs, "OrderQueue");
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: "sqs",
        Endpoint: queue.arn,
        Attributes: { RawMessageDelivery: "true", FilterPolicy: '{"store":["cafe"]}' },
      }),
    );
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: "email", Endpoint: "student@example.com" }));
    const fifo = await sns.send(
      new CreateTopicCommand({ Name: "prices.fifo", Attributes: { FifoTopic: "true", ContentBasedDeduplication: "true" } }),
    );
    const before = await sns.send(new PublishCommand({ TopicArn: fifo.TopicArn, Message: "p1", MessageGroupId: "g" }));
    sns.destroy();
    sqs.destroy();
    await first.close();

    const second = await startTestCloud({ dataDir, flushIntervalMs: 10 });
    sns = new SNSClient(clientConfig(second));
    sqs = new SQSClient(clientConfig(second));
    try {
      expect((await sns.send(new GetTopicAttributesCommand({ TopicArn }))).Attributes).toMatchObject({
        DisplayName: "Orders",
        SubscriptionsConfirmed: "1",
        SubscriptionsPending: "1",
      });
      expect((await sns.send(new ListTagsForResourceCommand({ ResourceArn: TopicArn }))).Tags).toEqual([{ Key: "Lab", Value: "sns-fanout" }]);
      expect((await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }))).Attributes).toMatchObject({
        RawMessageDelivery: "true",
        FilterPolicy: '{"store":["cafe"]}',
      });
      expect((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions).toHaveLength(2);

      const [confirmation] = await readOutbox(second, "OrderTopic");
      expect(confirmation).toMatchObject({ kind: "SubscriptionConfirmation", to: "student@example.com" });
      expect(confirmation.token).toBeTruthy();

      await sns.send(new PublishCommand({ TopicArn, Message: "kept", MessageAttributes: { store: { DataType: "String", StringValue: "cafe" } } }));
      await sns.send(new PublishCommand({ TopicArn, Message: "filtered", MessageAttributes: { store: { DataType: "String", StringValue: "bar" } } }));
      expect((await drain(sqs, queue.url)).map((m) => m.Body)).toEqual(["kept"]);

      const duplicate = await sns.send(new PublishCommand({ TopicArn: fifo.TopicArn, Message: "p1", MessageGroupId: "g" }));
      expect(duplicate.MessageId).toBe(before.MessageId);
      const next = await sns.send(new PublishCommand({ TopicArn: fifo.TopicArn, Message: "p2", MessageGroupId: "g" }));
      expect(BigInt(next.SequenceNumber as string)).toBeGreaterThan(BigInt(before.SequenceNumber as string));
    } finally {
      sns.destroy();
      sqs.destroy();
      await second.close();
    }
  });
});
