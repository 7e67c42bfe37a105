/**
 * Small helpers the SNS tests share: a queue with its ARN, draining a queue, reading the outbox.
 */
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { LocalCloud } from "../index";
import type { OutboxEmail } from "./outbox";

export async function createQueue(
  sqs: SQSClient,
  name: string,
  attributes: Record<string, string> = {},
): Promise<{ url: string; arn: string }> {
  const fifo = name.endsWith(".fifo");
  const created = await sqs.send(
    new CreateQueueCommand({ QueueName: name, Attributes: fifo ? { FifoQueue: "true", ...attributes } : attributes }),
  );
  const url = created.QueueUrl as string;
  const described = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }));
  return { url, arn: described.Attributes?.QueueArn as string };
}

/** Receives (and deletes) everything currently visible in a queue, with all attributes. */
export async function drain(sqs: SQSClient, url: string): Promise<Message[]> {
  const all: Message[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ["All"],
        MessageSystemAttributeNames: ["All"],
      }),
    );
    if (Messages.length === 0) return all;
    all.push(...Messages);
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
      }),
    );
  }
}

export async function readOutbox(cloud: LocalCloud, topic?: string, region = "us-east-1"): Promise<OutboxEmail[]> {
  const query = new URLSearchParams({ region });
  if (topic) query.set("topic", topic);
  const response = await fetch(`${cloud.endpoint}/_localcloud/sns/outbox?${query}`);
  return ((await response.json()) as { emails: OutboxEmail[] }).emails;
}
