/**
 * What a queue holds, message by message. On the local cloud the inspection route peeks without
 * receiving; on AWS the only way to look is ReceiveMessage, which counts as a receive (the
 * receive count goes up, and past maxReceiveCount SQS moves the message to the DLQ), so it is
 * only ever done when the student asks for it.
 */
import { ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import type { Context } from "./provision";

export interface QueuedMessage {
  messageId: string;
  body: string;
  receiveCount: number;
  state: "visible" | "inFlight" | "delayed";
  /** Seconds until an in-flight message is visible again (0 when visible). */
  visibleInSeconds: number;
  /** When it is visible again on the endpoint's clock (epoch ms; a local cloud's may run ahead), null when visible. */
  visibleAt: number | null;
  /** When it was sent, epoch milliseconds. */
  sentAt: number;
  /** SQS message attributes (raw delivery turns SNS attributes into these). */
  attributes: Record<string, { DataType: string; StringValue?: string }>;
}

interface InspectedMessage {
  messageId: string;
  body: string;
  receiveCount: number;
  state: QueuedMessage["state"];
  visibleInSeconds: number;
  visibleAt: number | null;
  sentAt: number;
  messageAttributes?: Record<string, { DataType: string; StringValue?: string }>;
}

/** True when the connection's endpoint can be peeked at without receiving. */
export function canPeek(context: Context): boolean {
  return context.connection.capabilities.inspect && Boolean(context.aws.connection.endpoint);
}

/** Every message in the queue, oldest first, without receiving any; null when the connection cannot peek. */
export async function peekMessages(context: Context, queueName: string): Promise<QueuedMessage[] | null> {
  const endpoint = context.aws.connection.endpoint;
  if (!context.connection.capabilities.inspect || !endpoint) return null;
  const url = `${endpoint}/_localcloud/sqs/messages?region=${encodeURIComponent(context.region)}&queue=${encodeURIComponent(queueName)}`;
  const response = await fetch(url, { cache: "no-store", signal: AbortSignal.any([context.signal, AbortSignal.timeout(5000)]) });
  if (response.status === 404) return [];
  if (!response.ok) throw new Error(`The local cloud could not list ${queueName}'s messages (HTTP ${response.status}).`);
  const { messages } = (await response.json()) as { messages: InspectedMessage[] };
  return messages.map((m) => ({
    messageId: m.messageId,
    body: m.body,
    receiveCount: m.receiveCount,
    state: m.state,
    visibleInSeconds: m.visibleInSeconds,
    visibleAt: m.visibleAt,
    sentAt: m.sentAt,
    attributes: m.messageAttributes ?? {},
  }));
}

/**
 * Receives up to ten messages and leaves them visible (VisibilityTimeout 0): the way to look on
 * AWS. Each counts as a receive.
 */
export async function pollMessages(context: Context, queueUrl: string): Promise<QueuedMessage[]> {
  const { Messages = [] } = await context.aws.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 0,
      WaitTimeSeconds: 1,
      MessageSystemAttributeNames: ["ApproximateReceiveCount", "SentTimestamp"],
      MessageAttributeNames: ["All"],
    }),
    { abortSignal: context.signal },
  );
  return Messages.map((m) => ({
    messageId: m.MessageId ?? "",
    body: m.Body ?? "",
    receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 1),
    state: "visible",
    visibleInSeconds: 0,
    visibleAt: null,
    sentAt: Number(m.Attributes?.SentTimestamp ?? 0),
    attributes: Object.fromEntries(
      Object.entries(m.MessageAttributes ?? {}).map(([name, value]) => [name, { DataType: value.DataType ?? "String", StringValue: value.StringValue }]),
    ),
  }));
}
