import { createVerify } from "node:crypto";
import {
  CreateTopicCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { createQueue, drain } from "./test-support";

describe("SNS delivery to a subscribed SQS queue", () => {
  const bed = cloudForTests({ sns: SNSClient, sqs: SQSClient });

  it("wraps the message in AWS's signed JSON envelope by default", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("OrderTopic") }));
    const queue = await createQueue(bed.sqs, uniqueName("OrderQueue"));
    const { SubscriptionArn } = await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queue.arn }));
    expect(SubscriptionArn).toMatch(new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));

    const order = { orderId: "O1234", itemName: "Laptop", quantity: 1 };
    const published = await bed.sns.send(
      new PublishCommand({
        TopicArn,
        Message: JSON.stringify(order),
        Subject: "New order",
        MessageAttributes: {
          priority: { DataType: "String", StringValue: "high" },
          amount: { DataType: "Number", StringValue: "1499" },
          blob: { DataType: "Binary", BinaryValue: new Uint8Array([1, 2, 3]) },
        },
      }),
    );

    const [message, ...rest] = await drain(bed.sqs, queue.url);
    expect(rest).toHaveLength(0);
    expect(message.MessageAttributes).toBeUndefined();
    const body = message.Body as string;
    expect(body.startsWith('{\n  "Type" : "Notification",\n  "MessageId" : ')).toBe(true);
    const envelope = JSON.parse(body);
    expect(Object.keys(envelope)).toEqual([
      "Type",
      "MessageId",
      "TopicArn",
      "Subject",
      "Message",
      "Timestamp",
      "SignatureVersion",
      "Signature",
      "SigningCertURL",
      "UnsubscribeURL",
      "MessageAttributes",
    ]);
    expect(envelope).toMatchObject({
      Type: "Notification",
      MessageId: published.MessageId,
      TopicArn,
      Subject: "New order",
      SignatureVersion: "1",
      MessageAttributes: {
        priority: { Type: "String", Value: "high" },
        amount: { Type: "Number", Value: "1499" },
        blob: { Type: "Binary", Value: "AQID" },
      },
    });
    expect(JSON.parse(envelope.Message)).toEqual(order);
    expect(new Date(envelope.Timestamp).getTime()).toBeGreaterThan(0);
    // AWS's form (https://sns.<region>.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=<ARN as is>),
    // on the host this client called, so that opening it unsubscribes here.
    expect(envelope.UnsubscribeURL).toBe(`${bed.cloud.endpoint}/?Action=Unsubscribe&SubscriptionArn=${SubscriptionArn}`);

    // The signature verifies with the key behind SigningCertURL, over AWS's canonical string.
    const { publicKeyPem } = (await (await fetch(envelope.SigningCertURL)).json()) as { publicKeyPem: string };
    const canonical = ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
      .map((k) => `${k}\n${envelope[k]}\n`)
      .join("");
    expect(createVerify("RSA-SHA1").update(canonical).verify(publicKeyPem, envelope.Signature, "base64")).toBe(true);
  });

  it("omits Subject and MessageAttributes from the envelope when the publish had none", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("bare") }));
    const queue = await createQueue(bed.sqs, uniqueName("bare-queue"));
    await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queue.arn }));
    await bed.sns.send(new PublishCommand({ TopicArn, Message: "plain text" }));
    const [message] = await drain(bed.sqs, queue.url);
    const envelope = JSON.parse(message.Body as string);
    expect(envelope.Message).toBe("plain text");
    expect("Subject" in envelope).toBe(false);
    expect("MessageAttributes" in envelope).toBe(false);
  });

  it("delivers the bare message with SQS message attributes when RawMessageDelivery is on", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("raw") }));
    const queue = await createQueue(bed.sqs, uniqueName("raw-queue"));
    const { SubscriptionArn } = await bed.sns.send(
      new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queue.arn, Attributes: { RawMessageDelivery: "true" } }),
    );
    await bed.sns.send(
      new PublishCommand({
        TopicArn,
        Message: '{"orderId":"O2"}',
        MessageAttributes: {
          priority: { DataType: "String", StringValue: "high" },
          amount: { DataType: "Number", StringValue: "25.5" },
          tags: { DataType: "String.Array", StringValue: '["a","b"]' },
        },
      }),
    );
    const [message] = await drain(bed.sqs, queue.url);
    expect(message.Body).toBe('{"orderId":"O2"}');
    expect(message.MessageAttributes).toEqual({
      priority: { DataType: "String", StringValue: "high" },
      amount: { DataType: "Number", StringValue: "25.5" },
      tags: { DataType: "String.Array", StringValue: '["a","b"]' },
    });

    // Switching raw delivery off again brings the envelope back.
    await bed.sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: "RawMessageDelivery", AttributeValue: "false" }));
    await bed.sns.send(new PublishCommand({ TopicArn, Message: "wrapped again" }));
    const [wrapped] = await drain(bed.sqs, queue.url);
    expect(JSON.parse(wrapped.Body as string).Message).toBe("wrapped again");
  });

  it("fans out to every subscribed queue and stops after Unsubscribe", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("fanout") }));
    const a = await createQueue(bed.sqs, uniqueName("fan-a"));
    const b = await createQueue(bed.sqs, uniqueName("fan-b"));
    const subA = await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: a.arn }));
    await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: b.arn }));
    await bed.sns.send(new PublishCommand({ TopicArn, Message: "to both" }));
    expect(await drain(bed.sqs, a.url)).toHaveLength(1);
    expect(await drain(bed.sqs, b.url)).toHaveLength(1);
    await bed.sns.send(new UnsubscribeCommand({ SubscriptionArn: subA.SubscriptionArn }));
    await bed.sns.send(new PublishCommand({ TopicArn, Message: "to b only" }));
    expect(await drain(bed.sqs, a.url)).toHaveLength(0);
    expect(await drain(bed.sqs, b.url)).toHaveLength(1);
  });

  it("sends each protocol its own message with MessageStructure=json", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("structured") }));
    const queue = await createQueue(bed.sqs, uniqueName("structured-queue"));
    await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queue.arn }));
    await bed.sns.send(
      new PublishCommand({ TopicArn, MessageStructure: "json", Message: JSON.stringify({ default: "for everyone", sqs: "for queues" }) }),
    );
    const [message] = await drain(bed.sqs, queue.url);
    expect(JSON.parse(message.Body as string).Message).toBe("for queues");

    await expect(
      bed.sns.send(new PublishCommand({ TopicArn, MessageStructure: "json", Message: JSON.stringify({ sqs: "no default" }) })),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid parameter: Message Structure - No default entry in JSON message body",
    });
  });

  it("validates what is published", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("strict") }));
    await expect(bed.sns.send(new PublishCommand({ TopicArn, Message: "" }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid parameter: Empty message",
    });
    await expect(bed.sns.send(new PublishCommand({ TopicArn, Message: "x", Subject: "line\nbreak" }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid parameter: Subject",
    });
    await expect(bed.sns.send(new PublishCommand({ TopicArn, Message: "x".repeat(262_145) }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid parameter: Message too long",
    });
    await expect(
      bed.sns.send(new PublishCommand({ TopicArn, Message: "x", MessageAttributes: { a: { DataType: "Date", StringValue: "1" } } })),
    ).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    await expect(
      bed.sns.send(new PublishCommand({ TopicArn, Message: "x", MessageAttributes: { n: { DataType: "Number", StringValue: "ten" } } })),
    ).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    await expect(bed.sns.send(new PublishCommand({ TopicArn, Message: "x", MessageDeduplicationId: "d" }))).rejects.toMatchObject({
      name: "InvalidParameterException",
    });
    await expect(
      bed.sns.send(new PublishCommand({ TopicArn: "arn:aws:sns:us-east-1:000000000000:missing", Message: "x" })),
    ).rejects.toMatchObject({ name: "NotFoundException" });
  });
});
