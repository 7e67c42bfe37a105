/**
 * The lab's queues: the processing queue (visibility 30 s, and once the DLQ exists a redrive
 * policy after three receives), its DLQ (kept 14 days) and the high-value queue. Ensuring a queue
 * creates it, or sets the attributes the lab relies on when it is already there and ours.
 */
import { CreateQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand, PurgeQueueCommand, SetQueueAttributesCommand, type QueueAttributeName } from "@aws-sdk/client-sqs";
import { translateAwsError } from "@/lib/aws/errors";
import { checkOwnership } from "@/lib/lab-framework/ownership";
import { options, type StreamsContext } from "./context";

export const VISIBILITY_TIMEOUT_SECONDS = 30;
export const MAX_RECEIVE_COUNT = 3;
const FOUR_DAYS = 4 * 24 * 3600;
const FOURTEEN_DAYS = 14 * 24 * 3600;

export type QueueKey = "processingQueue" | "processingDlq" | "highValueQueue";

export interface QueueRef {
  url: string;
  arn: string;
}

export async function queueUrl(context: StreamsContext, key: QueueKey): Promise<string | null> {
  try {
    const { QueueUrl } = await context.aws.sqs.send(new GetQueueUrlCommand({ QueueName: context.names[key] }), options(context));
    return QueueUrl ?? null;
  } catch (error) {
    if (translateAwsError(error).family === "queue-not-found") return null;
    throw error;
  }
}

export async function queueRef(context: StreamsContext, key: QueueKey): Promise<QueueRef | null> {
  const url = await queueUrl(context, key);
  if (!url) return null;
  const { Attributes } = await context.aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }), options(context));
  return { url, arn: Attributes?.QueueArn ?? "" };
}

export async function queueAttributes(context: StreamsContext, url: string, names: QueueAttributeName[]): Promise<Record<string, string>> {
  const { Attributes = {} } = await context.aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: names }), options(context));
  return Attributes;
}

/** Messages a queue holds: visible, in flight and delayed (approximate, as SQS reports them). */
export async function queueDepth(context: StreamsContext, key: QueueKey): Promise<{ visible: number; inFlight: number; delayed: number; total: number } | null> {
  const url = await queueUrl(context, key);
  if (!url) return null;
  const a = await queueAttributes(context, url, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"]);
  const visible = Number(a.ApproximateNumberOfMessages ?? 0);
  const inFlight = Number(a.ApproximateNumberOfMessagesNotVisible ?? 0);
  const delayed = Number(a.ApproximateNumberOfMessagesDelayed ?? 0);
  return { visible, inFlight, delayed, total: visible + inFlight + delayed };
}

/**
 * Creates the queue with `create` attributes, or, when it is already there and this lab's, sets
 * `update` (attributes the lab relies on; undefined: leave the queue as it is).
 */
async function ensureQueue(context: StreamsContext, key: QueueKey, create: Record<string, string>, update?: Record<string, string>): Promise<QueueRef & { created: boolean }> {
  const name = context.names[key];
  const ownership = await checkOwnership(context, "sqs-queue", name);
  if (ownership === "absent") {
    const { QueueUrl } = await context.aws.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: create, tags: { ...context.tags } }), options(context));
    const ref = await queueRef(context, key);
    return { url: QueueUrl ?? ref?.url ?? "", arn: ref?.arn ?? "", created: true };
  }
  const ref = await queueRef(context, key);
  if (!ref) throw new Error(`${name} disappeared while the step ran; run it again.`);
  if (update && Object.keys(update).length) {
    await context.aws.sqs.send(new SetQueueAttributesCommand({ QueueUrl: ref.url, Attributes: update }), options(context));
  }
  return { ...ref, created: false };
}

/** The processing queue alone, for the stream consumer: created if missing, never changed. */
export function ensureProcessingQueue(context: StreamsContext) {
  return ensureQueue(context, "processingQueue", { VisibilityTimeout: String(VISIBILITY_TIMEOUT_SECONDS), MessageRetentionPeriod: String(FOUR_DAYS) });
}

export function redrivePolicy(dlqArn: string): string {
  return JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: MAX_RECEIVE_COUNT });
}

/** The DLQ, then the processing queue with its redrive policy pointing at it. */
export async function ensureQueuesWithRedrive(context: StreamsContext): Promise<{ dlq: QueueRef & { created: boolean }; main: QueueRef & { created: boolean } }> {
  const dlq = await ensureQueue(context, "processingDlq", { MessageRetentionPeriod: String(FOURTEEN_DAYS) });
  const attributes = { VisibilityTimeout: String(VISIBILITY_TIMEOUT_SECONDS), MessageRetentionPeriod: String(FOUR_DAYS), RedrivePolicy: redrivePolicy(dlq.arn) };
  const main = await ensureQueue(context, "processingQueue", attributes, attributes);
  return { dlq, main };
}

export function ensureHighValueQueue(context: StreamsContext) {
  return ensureQueue(context, "highValueQueue", { VisibilityTimeout: String(VISIBILITY_TIMEOUT_SECONDS), MessageRetentionPeriod: String(FOUR_DAYS) });
}

export interface RedriveReading {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

export async function readRedrive(context: StreamsContext): Promise<RedriveReading | null> {
  const url = await queueUrl(context, "processingQueue");
  if (!url) return null;
  const { RedrivePolicy } = await queueAttributes(context, url, ["RedrivePolicy"]);
  if (!RedrivePolicy) return null;
  const parsed = JSON.parse(RedrivePolicy) as { deadLetterTargetArn?: string; maxReceiveCount?: number | string };
  return { deadLetterTargetArn: parsed.deadLetterTargetArn ?? "", maxReceiveCount: Number(parsed.maxReceiveCount) };
}

/** Empties the DLQ (PurgeQueue; on AWS it may take up to a minute to finish). */
export async function emptyDlq(context: StreamsContext): Promise<number> {
  const url = await queueUrl(context, "processingDlq");
  const depth = await queueDepth(context, "processingDlq");
  if (!url || !depth || depth.total === 0) return 0;
  try {
    await context.aws.sqs.send(new PurgeQueueCommand({ QueueUrl: url }), options(context));
  } catch (error) {
    // One purge a minute: a purge already under way empties the queue all the same.
    if ((error as { name?: string }).name !== "PurgeQueueInProgress") throw error;
  }
  return depth.total;
}
