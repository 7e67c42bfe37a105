import {
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SNSClient,
  SubscribeCommand,
} from "@aws-sdk/client-sns";
import { DeleteQueueCommand, SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { createQueue, drain } from "./test-support";

describe("a subscription's dead-letter queue", () => {
  const bed = cloudForTests({ sns: SNSClient, sqs: SQSClient });

  it("receives what could not be delivered, with the error that stopped it", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("OrderTopic") }));
    const target = await createQueue(bed.sqs, uniqueName("OrderQueue"));
    const dlq = await createQueue(bed.sqs, uniqueName("OrderTopicDLQ"));
    const { SubscriptionArn } = await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: target.arn }));
    await bed.sns.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn,
        AttributeName: "RedrivePolicy",
        AttributeValue: JSON.stringify({ deadLetterTargetArn: dlq.arn }),
      }),
    );
    const attributes = await bed.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
    expect(JSON.parse(attributes.Attributes?.RedrivePolicy ?? "{}")).toEqual({ deadLetterTargetArn: dlq.arn });

    await bed.sqs.send(new DeleteQueueCommand({ QueueUrl: target.url }));
    const { MessageId } = await bed.sns.send(new PublishCommand({ TopicArn, Message: '{"orderId":"O9"}' }));

    const [dead, ...rest] = await drain(bed.sqs, dlq.url);
    expect(rest).toHaveLength(0);
    expect(JSON.parse(dead.Body as string)).toMatchObject({ Type: "Notification", MessageId, Message: '{"orderId":"O9"}' });
    expect(dead.MessageAttributes?.ErrorCode?.StringValue).toBeTruthy();
    expect(dead.MessageAttributes?.RequestID?.StringValue).toBe(MessageId);
  });

  it("loses an undeliverable message when there is no dead-letter queue", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("no-dlq") }));
    const target = await createQueue(bed.sqs, uniqueName("vanishing"));
    await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: target.arn }));
    await bed.sqs.send(new DeleteQueueCommand({ QueueUrl: target.url }));
    await expect(bed.sns.send(new PublishCommand({ TopicArn, Message: "into the void" }))).resolves.toHaveProperty("MessageId");
  });

  it("treats more than ten attributes on a raw SQS delivery as a client error", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("many-attributes") }));
    const target = await createQueue(bed.sqs, uniqueName("raw-target"));
    const dlq = await createQueue(bed.sqs, uniqueName("raw-dlq"));
    await bed.sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: "sqs",
        Endpoint: target.arn,
        Attributes: { RawMessageDelivery: "true", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) },
      }),
    );
    const attributes = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: "String", StringValue: String(i) }]),
    );
    await bed.sns.send(new PublishCommand({ TopicArn, Message: "eleven", MessageAttributes: attributes }));
    expect(await drain(bed.sqs, target.url)).toHaveLength(0);
    const [dead] = await drain(bed.sqs, dlq.url);
    expect(dead.Body).toBe("eleven");
    expect(dead.MessageAttributes?.ErrorCode?.StringValue).toBe("TooManyMessageAttributes");
  });

  it("validates the redrive policy", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("bad-redrive") }));
    const target = await createQueue(bed.sqs, uniqueName("bad-redrive-target"));
    const { SubscriptionArn } = await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: target.arn }));
    await expect(
      bed.sns.send(
        new SetSubscriptionAttributesCommand({
          SubscriptionArn,
          AttributeName: "RedrivePolicy",
          AttributeValue: JSON.stringify({ deadLetterTargetArn: "not-an-arn" }),
        }),
      ),
    ).rejects.toMatchObject({ name: "InvalidParameterException", message: "Invalid parameter: RedrivePolicy: deadLetterTargetArn is an invalid arn" });
  });
});
