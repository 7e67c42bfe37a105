/**
 * One SNS scenario, run unchanged against the local cloud and against moto_server by the
 * differential test: what each answers is recorded in a plain object, so the two can be compared
 * field by field.
 */
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
  PublishBatchCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SNSClient,
  SubscribeCommand,
  TagResourceCommand,
  UnsubscribeCommand,
} from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";

const credentials = { accessKeyId: "test", secretAccessKey: "test" };

async function outcome<T>(call: () => Promise<T>): Promise<{ ok: T } | { error: string; message: string }> {
  try {
    return { ok: await call() };
  } catch (error) {
    return { error: (error as Error).name, message: (error as Error).message };
  }
}

export async function runSnsScenario(endpoint: string): Promise<Record<string, unknown>> {
  const sns = new SNSClient({ endpoint, region: "us-east-1", credentials });
  const sqs = new SQSClient({ endpoint, region: "us-east-1", credentials });
  const seen: Record<string, unknown> = {};
  try {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "diff-orders", Attributes: { DisplayName: "Orders" } }));
    seen.topicArn = TopicArn;
    seen.createAgain = (await sns.send(new CreateTopicCommand({ Name: "diff-orders", Attributes: { DisplayName: "Orders" } }))).TopicArn;
    seen.createDifferent = await outcome(() => sns.send(new CreateTopicCommand({ Name: "diff-orders", Attributes: { DisplayName: "Other" } })));
    seen.badName = await outcome(() => sns.send(new CreateTopicCommand({ Name: "bad name" })));
    const attributes = (await sns.send(new GetTopicAttributesCommand({ TopicArn }))).Attributes ?? {};
    seen.topicAttributeNames = Object.keys(attributes).sort();
    seen.topicAttributes = {
      DisplayName: attributes.DisplayName,
      Owner: attributes.Owner,
      TopicArn: attributes.TopicArn,
      SubscriptionsConfirmed: attributes.SubscriptionsConfirmed,
    };
    seen.missingTopic = await outcome(() => sns.send(new GetTopicAttributesCommand({ TopicArn: "arn:aws:sns:us-east-1:000000000000:absent" })));
    seen.listTopics = (await sns.send(new ListTopicsCommand({}))).Topics?.map((t) => t.TopicArn);

    const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: "diff-orders-queue" }))).QueueUrl;
    const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }))).Attributes?.QueueArn;
    const { SubscriptionArn } = await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queueArn }));
    seen.subscriptionArnShape = SubscriptionArn?.replace(/[0-9a-f-]{36}$/, "<uuid>");
    seen.subscribeAgainSame = (await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queueArn }))).SubscriptionArn === SubscriptionArn;
    const subscriptionAttributes = (await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }))).Attributes ?? {};
    seen.subscriptionAttributes = {
      Protocol: subscriptionAttributes.Protocol,
      Endpoint: subscriptionAttributes.Endpoint,
      PendingConfirmation: subscriptionAttributes.PendingConfirmation,
      RawMessageDelivery: subscriptionAttributes.RawMessageDelivery,
    };

    const published = await sns.send(new PublishCommand({ TopicArn, Message: '{"orderId":"O1"}', Subject: "New order" }));
    const [wrapped] = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }))).Messages ?? [];
    const envelope = JSON.parse(wrapped?.Body ?? "{}") as Record<string, unknown>;
    seen.envelopeKeys = Object.keys(envelope).sort();
    seen.envelope = { Type: envelope.Type, Message: envelope.Message, Subject: envelope.Subject, TopicArn: envelope.TopicArn, sameId: envelope.MessageId === published.MessageId };

    await sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: "RawMessageDelivery", AttributeValue: "true" }));
    await sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: "FilterPolicy", AttributeValue: '{"store":["cafe"]}' }));
    seen.filterScope = (await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }))).Attributes?.FilterPolicyScope;
    for (const store of ["cafe", "bar"]) {
      await sns.send(new PublishCommand({ TopicArn, Message: `for ${store}`, MessageAttributes: { store: { DataType: "String", StringValue: store } } }));
    }
    await sns.send(new PublishCommand({ TopicArn, Message: "no attributes" }));
    const raw = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ["All"] }))).Messages ?? [];
    seen.rawBodies = raw.map((m) => m.Body).sort();
    seen.rawAttributes = raw[0]?.MessageAttributes;
    seen.badFilterPolicy = await outcome(() =>
      sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: "FilterPolicy", AttributeValue: '{"a":[{"prefi":"x"}]}' })),
    );
    seen.badAttributeName = await outcome(() =>
      sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: "Colour", AttributeValue: "x" })),
    );

    seen.emailSubscribe = (await sns.send(new SubscribeCommand({ TopicArn, Protocol: "email", Endpoint: "a@example.com" }))).SubscriptionArn;
    seen.listedProtocols = (await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions?.map((s) => [
      s.Protocol,
      s.SubscriptionArn === "PendingConfirmation" ? "PendingConfirmation" : "arn",
    ]);

    const batch = await sns.send(
      new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [{ Id: "a", Message: "one" }, { Id: "b", Message: "two" }] }),
    );
    seen.batch = { successful: batch.Successful?.map((s) => s.Id), failed: batch.Failed ?? [] };
    seen.batchDuplicateIds = await outcome(() =>
      sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [{ Id: "a", Message: "x" }, { Id: "a", Message: "y" }] })),
    );

    await sns.send(new TagResourceCommand({ ResourceArn: TopicArn, Tags: [{ Key: "Lab", Value: "sns-fanout" }] }));
    seen.tags = (await sns.send(new ListTagsForResourceCommand({ ResourceArn: TopicArn }))).Tags;

    const fifo = await sns.send(new CreateTopicCommand({ Name: "diff-prices.fifo", Attributes: { FifoTopic: "true" } }));
    seen.fifoNoGroup = await outcome(() => sns.send(new PublishCommand({ TopicArn: fifo.TopicArn, Message: "m", MessageDeduplicationId: "d" })));
    seen.fifoNoDedup = await outcome(() => sns.send(new PublishCommand({ TopicArn: fifo.TopicArn, Message: "m", MessageGroupId: "g" })));
    const fifoOk = await sns.send(new PublishCommand({ TopicArn: fifo.TopicArn, Message: "m", MessageGroupId: "g", MessageDeduplicationId: "d" }));
    seen.fifoSequenceShape = /^\d+$/.test(fifoOk.SequenceNumber ?? "");

    await sns.send(new UnsubscribeCommand({ SubscriptionArn }));
    seen.unsubscribeAgain = await outcome(() => sns.send(new UnsubscribeCommand({ SubscriptionArn })));
    await sns.send(new DeleteTopicCommand({ TopicArn }));
    seen.deleteAgain = await outcome(() => sns.send(new DeleteTopicCommand({ TopicArn })).then(() => "ok"));
    return seen;
  } finally {
    sns.destroy();
    sqs.destroy();
  }
}
