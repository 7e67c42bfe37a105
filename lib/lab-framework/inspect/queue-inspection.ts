/**
 * What the queue inspector shows. Counts always come from GetQueueAttributes (read-only on every
 * endpoint). Messages come two ways:
 *
 * - peek: the local cloud's inspection route lists every message with its state, receive count and
 *   when it is visible again, without receiving anything (only a local cloud can do this);
 * - poll: a real ReceiveMessage, as the AWS console's "Poll for messages" does. It raises each
 *   message's receive count and, with a redrive policy, can move a message to the DLQ. The
 *   workbook asks for a visibility timeout of 0, so what it sees is visible to the worker again
 *   at once instead of hidden for the queue's timeout.
 */
import { GetQueueAttributesCommand, GetQueueUrlCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { readClock } from "@/lib/aws/capabilities";
import { translateAwsError } from "@/lib/aws/errors";
import type { LabContext } from "../types";

export interface QueueMessageView {
  messageId: string;
  body: string;
  receiveCount: number;
  sentAt: string | null;
  state: "visible" | "inFlight" | "delayed" | "received";
  /**
   * When an in-flight or delayed message can be received again, in real (server) time: the cloud's
   * time less its fast-forward offset, so a countdown in the browser can tick toward it (peek only).
   */
  visibleAt: number | null;
  messageAttributes: MessageAttributeView[];
  groupId?: string;
}

/**
 * One SQS message attribute; a Binary (or `Binary.x`) value is given as base64. A type alias, not
 * an interface, so that it counts as JSON in an action's outcome.
 */
export type MessageAttributeView = {
  name: string;
  /** String, Number, Binary, or one of them with a custom suffix (`Number.grams`). */
  dataType: string;
  value: string;
};

export interface QueueSnapshot {
  key: string;
  name: string;
  exists: boolean;
  counts: { visible: number; inFlight: number; delayed: number };
  visibilityTimeoutSeconds: number | null;
  deadLetterQueue: { name: string; maxReceiveCount: number } | null;
  /** Messages from a peek, or null when the endpoint cannot peek (real AWS, other emulators). */
  peek: { messages: QueueMessageView[]; truncated: boolean } | null;
}

const PEEK_LIMIT = 50;

interface PeekedMessage {
  messageId: string;
  body: string;
  receiveCount: number;
  state: "visible" | "inFlight" | "delayed";
  sentAt?: number | string;
  visibleAt?: number | null;
  messageAttributes?: Record<string, { StringValue?: string; BinaryValue?: string | Uint8Array; DataType?: string }>;
  groupId?: string;
}

function isoOf(value: number | string | undefined): string | null {
  if (value === undefined) return null;
  const date = new Date(typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function attributeViews(attributes: PeekedMessage["messageAttributes"]): MessageAttributeView[] {
  return Object.entries(attributes ?? {}).map(([name, value]) => {
    const binary = value.BinaryValue;
    const text = value.StringValue ?? (binary === undefined ? "" : typeof binary === "string" ? binary : Buffer.from(binary).toString("base64"));
    return { name, dataType: value.DataType ?? "String", value: text };
  });
}

/** The local cloud's inspection route answered with an error other than "no such queue". */
class PeekRefused extends Error {}

/** True when the connection can list a queue's messages without receiving them (a local cloud). */
export function canPeek(context: LabContext): boolean {
  return context.connection.capabilities.inspect && Boolean(context.aws.connection.endpoint);
}

/**
 * Every message in the queue, oldest first, without receiving any (nothing changes: no receive
 * count, no visibility); [] when the queue is missing, null when the connection cannot peek.
 */
export async function peekMessages(context: LabContext, name: string): Promise<QueueMessageView[] | null> {
  const endpoint = context.aws.connection.endpoint;
  if (!canPeek(context) || !endpoint) return null;
  const clock = context.connection.capabilities.clock ? await readClock(context.aws.connection).catch(() => null) : null;
  const offsetMs = Math.round((clock?.offsetSeconds ?? 0) * 1000);
  const url = `${endpoint}/_localcloud/sqs/messages?region=${encodeURIComponent(context.region)}&queue=${encodeURIComponent(name)}`;
  const response = await fetch(url, { cache: "no-store", signal: AbortSignal.any([context.signal, AbortSignal.timeout(5000)]) });
  if (response.status === 404) return [];
  if (!response.ok) throw new PeekRefused(`The local cloud could not list ${name}'s messages (HTTP ${response.status}).`);
  const body = (await response.json()) as { messages?: PeekedMessage[] };
  return (body.messages ?? []).map((m) => ({
    messageId: m.messageId,
    body: m.body,
    receiveCount: m.receiveCount,
    sentAt: isoOf(typeof m.sentAt === "number" ? m.sentAt - offsetMs : m.sentAt),
    state: m.state,
    visibleAt: m.state === "visible" || typeof m.visibleAt !== "number" ? null : m.visibleAt - offsetMs,
    messageAttributes: attributeViews(m.messageAttributes),
    ...(m.groupId ? { groupId: m.groupId } : {}),
  }));
}

async function peek(context: LabContext, name: string): Promise<QueueSnapshot["peek"]> {
  const all = await peekMessages(context, name).catch((error: unknown) => {
    if (error instanceof PeekRefused) return [];
    throw error;
  });
  return all === null ? null : { truncated: all.length > PEEK_LIMIT, messages: all.slice(0, PEEK_LIMIT) };
}

export async function queueUrlOf(context: LabContext, name: string): Promise<string> {
  const { QueueUrl } = await context.aws.sqs.send(new GetQueueUrlCommand({ QueueName: name }), { abortSignal: context.signal });
  if (!QueueUrl) throw new Error(`SQS gave no URL for ${name}.`);
  return QueueUrl;
}

export async function inspectQueue(context: LabContext, key: string): Promise<QueueSnapshot> {
  const name = context.names[key];
  const empty: QueueSnapshot = { key, name, exists: false, counts: { visible: 0, inFlight: 0, delayed: 0 }, visibilityTimeoutSeconds: null, deadLetterQueue: null, peek: null };
  let queueUrl: string;
  try {
    queueUrl = await queueUrlOf(context, name);
  } catch (error) {
    const family = translateAwsError(error).family;
    if (family === "queue-not-found" || family === "not-found") return empty;
    throw error;
  }
  const [{ Attributes = {} }, peeked] = await Promise.all([
    context.aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["All"] }), { abortSignal: context.signal }),
    peek(context, name),
  ]);
  let deadLetterQueue: QueueSnapshot["deadLetterQueue"] = null;
  if (Attributes.RedrivePolicy) {
    const policy = JSON.parse(Attributes.RedrivePolicy) as { deadLetterTargetArn?: string; maxReceiveCount?: number | string };
    deadLetterQueue = { name: policy.deadLetterTargetArn?.split(":").pop() ?? "", maxReceiveCount: Number(policy.maxReceiveCount ?? 0) };
  }
  return {
    key,
    name,
    exists: true,
    counts: {
      visible: Number(Attributes.ApproximateNumberOfMessages ?? 0),
      inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
      delayed: Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0),
    },
    visibilityTimeoutSeconds: Attributes.VisibilityTimeout === undefined ? null : Number(Attributes.VisibilityTimeout),
    deadLetterQueue,
    peek: peeked,
  };
}

/** ReceiveMessage, once: every message returned now has a receive count one higher. */
export async function pollQueue(context: LabContext, key: string): Promise<{ name: string; messages: QueueMessageView[] }> {
  const name = context.names[key];
  const queueUrl = await queueUrlOf(context, name);
  const { Messages = [] } = await context.aws.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 0,
      WaitTimeSeconds: 1,
      MessageSystemAttributeNames: ["All"],
      MessageAttributeNames: ["All"],
    }),
    { abortSignal: context.signal },
  );
  return {
    name,
    messages: Messages.map((m) => ({
      messageId: m.MessageId ?? "",
      body: m.Body ?? "",
      receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 1),
      sentAt: isoOf(m.Attributes?.SentTimestamp),
      state: "received",
      visibleAt: null,
      messageAttributes: attributeViews(m.MessageAttributes),
      ...(m.Attributes?.MessageGroupId ? { groupId: m.Attributes.MessageGroupId } : {}),
    })),
  };
}
