import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListSubscriptionsCommand,
  SetSubscriptionAttributesCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { createQueue } from "./test-support";

describe("managing subscriptions", () => {
  const bed = cloudForTests({ sns: SNSClient, sqs: SQSClient });

  it("describes a subscription with AWS's attribute set", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("described") }));
    const queue = await createQueue(bed.sqs, uniqueName("described-queue"));
    const { SubscriptionArn } = await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queue.arn }));
    const { Attributes } = await bed.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
    expect(Attributes).toEqual({
      SubscriptionArn,
      TopicArn,
      Owner: "000000000000",
      Protocol: "sqs",
      Endpoint: queue.arn,
      ConfirmationWasAuthenticated: "true",
      PendingConfirmation: "false",
      RawMessageDelivery: "false",
      SubscriptionPrincipal: "arn:aws:iam::000000000000:root",
    });
    expect((await bed.sns.send(new GetTopicAttributesCommand({ TopicArn }))).Attributes?.SubscriptionsConfirmed).toBe("1");
  });

  it("returns the existing subscription for the same endpoint, unless its attributes differ", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("same-endpoint") }));
    const queue = await createQueue(bed.sqs, uniqueName("same-endpoint-queue"));
    const first = await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queue.arn }));
    const second = await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queue.arn }));
    expect(second.SubscriptionArn).toBe(first.SubscriptionArn);
    await expect(
      bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queue.arn, Attributes: { RawMessageDelivery: "true" } })),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid parameter: Attributes Reason: Subscription already exists with different attributes",
    });
  });

  it("validates endpoints and attributes", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("validated") }));
    await expect(bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: "my-queue" }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid parameter: SQS endpoint ARN",
    });
    await expect(
      bed.sns.send(new SubscribeCommand({ TopicArn: "arn:aws:sns:us-east-1:000000000000:absent", Protocol: "sqs", Endpoint: "arn:aws:sqs:us-east-1:000000000000:q" })),
    ).rejects.toMatchObject({ name: "NotFoundException" });
    const queue = await createQueue(bed.sqs, uniqueName("validated-queue"));
    const { SubscriptionArn } = await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queue.arn }));
    await expect(
      bed.sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: "Color", AttributeValue: "blue" })),
    ).rejects.toMatchObject({ name: "InvalidParameterException", message: "Invalid parameter: AttributeName" });
    await expect(
      bed.sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: "FilterPolicyScope", AttributeValue: "Body" })),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
    await expect(
      bed.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: `${TopicArn}:00000000-0000-0000-0000-000000000000` })),
    ).rejects.toMatchObject({ name: "NotFoundException", message: "Subscription does not exist" });
    await expect(bed.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: "garbage" }))).rejects.toMatchObject({
      name: "InvalidParameterException",
    });
  });

  it("lists subscriptions by topic and for the region, 100 to a page", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("crowded") }));
    for (let i = 0; i < 102; i++) {
      await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: `arn:aws:sqs:us-east-1:000000000000:crowd-${i}` }));
    }
    const page1 = await bed.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    expect(page1.Subscriptions).toHaveLength(100);
    const page2 = await bed.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn, NextToken: page1.NextToken }));
    expect(page2.Subscriptions).toHaveLength(2);
    expect(page2.NextToken).toBeUndefined();
    const all = await bed.sns.send(new ListSubscriptionsCommand({}));
    expect(all.NextToken).toBeTruthy();
    expect(all.Subscriptions?.[0]).toHaveProperty("TopicArn");
  });

  it("counts deleted subscriptions and removes them with their topic", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("deleting") }));
    const queue = await createQueue(bed.sqs, uniqueName("deleting-queue"));
    const { SubscriptionArn } = await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queue.arn }));
    await bed.sns.send(new UnsubscribeCommand({ SubscriptionArn }));
    expect((await bed.sns.send(new GetTopicAttributesCommand({ TopicArn }))).Attributes).toMatchObject({
      SubscriptionsConfirmed: "0",
      SubscriptionsDeleted: "1",
    });
    await expect(bed.sns.send(new UnsubscribeCommand({ SubscriptionArn }))).rejects.toMatchObject({ name: "NotFoundException" });

    const again = await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queue.arn }));
    await bed.sns.send(new DeleteTopicCommand({ TopicArn }));
    await expect(bed.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: again.SubscriptionArn }))).rejects.toMatchObject({
      name: "NotFoundException",
    });
  });
});
