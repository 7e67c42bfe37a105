import { createHash } from "node:crypto";
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "../../index";
import { clientConfig, startTestCloud, uniqueName } from "../../test/harness";

describe("SQS queue lifecycle", () => {
  let cloud: LocalCloud;
  let sqs: SQSClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sqs = new SQSClient(clientConfig(cloud));
  });
  afterAll(async () => {
    sqs.destroy();
    await cloud.close();
  });

  it("creates a queue whose URL points at the host the client called", async () => {
    const name = uniqueName("orders");
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    expect(QueueUrl).toBe(`http://127.0.0.1:${cloud.port}/000000000000/${name}`);
    const again = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    expect(again.QueueUrl).toBe(QueueUrl);
  });

  it("sends, receives and deletes a message", async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: uniqueName("cafe") }));
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"item":"latte"}' }));
    expect(sent.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.MD5OfMessageBody).toBe(createHash("md5").update('{"item":"latte"}').digest("hex"));
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ["All"] }));
    expect(received.Messages).toHaveLength(1);
    const [message] = received.Messages ?? [];
    expect(message.Body).toBe('{"item":"latte"}');
    expect(message.MessageId).toBe(sent.MessageId);
    expect(message.Attributes?.ApproximateReceiveCount).toBe("1");
    expect(Number(message.Attributes?.SentTimestamp)).toBeGreaterThan(0);
    const inFlight = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["All"] }));
    expect(inFlight.Attributes).toMatchObject({ ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "1" });
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
    const after = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessagesNotVisible"] }));
    expect(after.Attributes).toEqual({ ApproximateNumberOfMessagesNotVisible: "0" });
  });

  it("reports a missing queue with the SDK's QueueDoesNotExist error", async () => {
    const error = await sqs
      .send(new SendMessageCommand({ QueueUrl: `${cloud.endpoint}/000000000000/${uniqueName("nope")}`, MessageBody: "x" }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "QueueDoesNotExist", Code: "AWS.SimpleQueueService.NonExistentQueue", $metadata: { httpStatusCode: 400 } });
  });

  it("deletes a queue", async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: uniqueName("gone") }));
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
    const error = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["All"] })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "QueueDoesNotExist" });
  });
});
