/** Queue set-up for the SQS tests, through the SDK. */
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { uniqueName } from "../../localcloud/test/harness";

export interface TestQueue {
  url: string;
  arn: string;
  name: string;
}

export async function createQueue(sqs: SQSClient, base: string, attributes: Record<string, string> = {}): Promise<TestQueue> {
  const fifo = base.endsWith(".fifo");
  const name = fifo ? `${uniqueName(base.slice(0, -5))}.fifo` : uniqueName(base);
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { ...(fifo ? { FifoQueue: "true" } : {}), ...attributes } }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  return { url: QueueUrl as string, arn: Attributes?.QueueArn as string, name };
}

export async function queueCounts(sqs: SQSClient, url: string): Promise<{ visible: number; inFlight: number }> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }),
  );
  return { visible: Number(Attributes?.ApproximateNumberOfMessages ?? 0), inFlight: Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0) };
}

export async function receiveAll(sqs: SQSClient, url: string) {
  const { Messages } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageSystemAttributeNames: ["All"], MessageAttributeNames: ["All"] }),
  );
  return Messages ?? [];
}
