/**
 * Creating and reading the lab's queues and stream. Every "ensure" is idempotent: it creates what
 * is missing, puts the settings of what exists (and is this student's, by its tags) back to what
 * the lab needs, and refuses to touch anything another lab or student owns.
 */
import {
  AddTagsToStreamCommand,
  CreateStreamCommand,
  DecreaseStreamRetentionPeriodCommand,
  DescribeStreamSummaryCommand,
  IncreaseStreamRetentionPeriodCommand,
  ListShardsCommand,
  ListTagsForStreamCommand,
  type StreamDescriptionSummary,
} from "@aws-sdk/client-kinesis";
import { CreateQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand, ListQueueTagsCommand, SetQueueAttributesCommand, TagQueueCommand } from "@aws-sdk/client-sqs";
import { checkOwnership, type Ownership } from "@/lib/lab-framework/ownership";
import type { HashKeyRange } from "@/lib/lab-framework/inspect/stream/hash-key-space";
import { translateAwsError } from "@/lib/aws/errors";
import type { KinesisLabContext } from "./resources";
import { DLQ_ATTRIBUTES, MAX_RECEIVE_COUNT, QUEUE_ATTRIBUTES, redrivePolicy, SHARD_COUNT, STREAM_RETENTION_HOURS } from "./settings";

export interface QueueInfo {
  url: string;
  arn: string;
  attributes: Record<string, string>;
  tags: Record<string, string>;
}

function isMissing(error: unknown): boolean {
  const family = translateAwsError(error).family;
  return family === "queue-not-found" || family === "not-found";
}

export async function queueUrlOf(context: KinesisLabContext, name: string): Promise<string | null> {
  try {
    const { QueueUrl } = await context.aws.sqs.send(new GetQueueUrlCommand({ QueueName: name }), { abortSignal: context.signal });
    return QueueUrl ?? null;
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

export async function describeQueue(context: KinesisLabContext, name: string): Promise<QueueInfo | null> {
  const url = await queueUrlOf(context, name);
  if (!url) return null;
  const { Attributes = {} } = await context.aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }), { abortSignal: context.signal });
  const { Tags = {} } = await context.aws.sqs.send(new ListQueueTagsCommand({ QueueUrl: url }), { abortSignal: context.signal });
  return { url, arn: Attributes.QueueArn ?? "", attributes: Attributes, tags: Tags };
}

/** Creates the queue, or puts its attributes and tags back; answers its URL and ARN. */
async function ensureQueue(context: KinesisLabContext, name: string, attributes: Record<string, string>, ownership: Ownership): Promise<{ url: string; arn: string; created: boolean }> {
  const options = { abortSignal: context.signal };
  let url: string;
  if (ownership === "absent") {
    const { QueueUrl = "" } = await context.aws.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes, tags: { ...context.tags } }), options);
    url = QueueUrl;
  } else {
    url = (await queueUrlOf(context, name)) ?? "";
    await context.aws.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: attributes }), options);
    await context.aws.sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: { ...context.tags } }), options);
  }
  const { Attributes = {} } = await context.aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }), options);
  return { url, arn: Attributes.QueueArn ?? "", created: ownership === "absent" };
}

/** The DLQ first (the main queue's redrive policy names its ARN), then the order queue. */
export async function ensureQueues(context: KinesisLabContext) {
  // Both names are checked before anything is created, so a refusal leaves nothing half-done.
  const dlqOwnership = await checkOwnership(context, "sqs-queue", context.names.orderDlq);
  const queueOwnership = await checkOwnership(context, "sqs-queue", context.names.orderQueue);
  const dlq = await ensureQueue(context, context.names.orderDlq, { ...DLQ_ATTRIBUTES }, dlqOwnership);
  const queue = await ensureQueue(context, context.names.orderQueue, { ...QUEUE_ATTRIBUTES, RedrivePolicy: redrivePolicy(dlq.arn) }, queueOwnership);
  return { dlq, queue };
}

/** What is wrong with the queues, one sentence each (empty: both as the lab needs them). */
export function queueProblems(dlq: QueueInfo | null, queue: QueueInfo | null, names: { orderDlq: string; orderQueue: string }): string[] {
  const problems: string[] = [];
  if (!dlq) problems.push(`${names.orderDlq} does not exist.`);
  if (!queue) problems.push(`${names.orderQueue} does not exist.`);
  const expect = (info: QueueInfo | null, name: string, wanted: Record<string, string>) => {
    if (!info) return;
    for (const [attribute, value] of Object.entries(wanted)) {
      if (info.attributes[attribute] !== value) problems.push(`${name} has ${attribute} ${info.attributes[attribute] ?? "unset"}, not ${value}.`);
    }
    if (info.tags.Project !== "ServerlessLab") problems.push(`${name} lacks the tag Project=ServerlessLab.`);
  };
  expect(dlq, names.orderDlq, DLQ_ATTRIBUTES);
  expect(queue, names.orderQueue, QUEUE_ATTRIBUTES);
  if (queue) {
    let policy: { deadLetterTargetArn?: string; maxReceiveCount?: number | string } = {};
    try {
      policy = JSON.parse(queue.attributes.RedrivePolicy ?? "{}");
    } catch {
      policy = {};
    }
    if (!policy.deadLetterTargetArn) problems.push(`${names.orderQueue} has no dead-letter queue.`);
    else if (dlq && policy.deadLetterTargetArn !== dlq.arn) problems.push(`${names.orderQueue} sends failed messages to ${policy.deadLetterTargetArn.split(":").pop()}, not ${names.orderDlq}.`);
    if (policy.deadLetterTargetArn && Number(policy.maxReceiveCount) !== MAX_RECEIVE_COUNT) {
      problems.push(`${names.orderQueue} moves a message after ${policy.maxReceiveCount} receives, not ${MAX_RECEIVE_COUNT}.`);
    }
  }
  return problems;
}

export interface StreamInfo {
  summary: StreamDescriptionSummary;
  tags: Record<string, string>;
  shards: Array<{ shardId: string; hashKeyRange: HashKeyRange; open: boolean }>;
}

export async function describeStream(context: KinesisLabContext): Promise<StreamInfo | null> {
  const StreamName = context.names.analyticsStream;
  const options = { abortSignal: context.signal };
  let summary: StreamDescriptionSummary | undefined;
  try {
    ({ StreamDescriptionSummary: summary } = await context.aws.kinesis.send(new DescribeStreamSummaryCommand({ StreamName }), options));
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  if (!summary) return null;
  const { Tags = [] } = await context.aws.kinesis.send(new ListTagsForStreamCommand({ StreamName }), options);
  const shards: StreamInfo["shards"] = [];
  if (summary.StreamStatus === "ACTIVE" || summary.StreamStatus === "UPDATING") {
    let NextToken: string | undefined;
    do {
      const page = await context.aws.kinesis.send(new ListShardsCommand(NextToken ? { NextToken } : { StreamName }), options);
      for (const s of page.Shards ?? []) {
        shards.push({
          shardId: s.ShardId ?? "",
          hashKeyRange: { start: s.HashKeyRange?.StartingHashKey ?? "0", end: s.HashKeyRange?.EndingHashKey ?? "0" },
          open: !s.SequenceNumberRange?.EndingSequenceNumber,
        });
      }
      NextToken = page.NextToken;
    } while (NextToken);
  }
  return { summary, tags: Object.fromEntries(Tags.map((t) => [t.Key ?? "", t.Value ?? ""])), shards };
}

/** Creates the stream (2 provisioned shards, tagged), or puts retention and tags back once ACTIVE. */
export async function ensureStream(context: KinesisLabContext): Promise<{ created: boolean; status: string; notes: string[] }> {
  const StreamName = context.names.analyticsStream;
  const options = { abortSignal: context.signal };
  const ownership = await checkOwnership(context, "kinesis-stream", StreamName);
  if (ownership === "absent") {
    await context.aws.kinesis.send(
      new CreateStreamCommand({ StreamName, ShardCount: SHARD_COUNT, StreamModeDetails: { StreamMode: "PROVISIONED" }, Tags: { ...context.tags } }),
      options,
    );
    return { created: true, status: "CREATING", notes: [] };
  }
  const info = await describeStream(context);
  const status = info?.summary.StreamStatus ?? "CREATING";
  const notes: string[] = [];
  if (status !== "ACTIVE" || !info) return { created: false, status, notes: ["It is not ACTIVE yet; run this again once it is to check its settings."] };
  const retention = info.summary.RetentionPeriodHours ?? STREAM_RETENTION_HOURS;
  if (retention > STREAM_RETENTION_HOURS) {
    await context.aws.kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName, RetentionPeriodHours: STREAM_RETENTION_HOURS }), options);
    notes.push(`Retention set back from ${retention} h to ${STREAM_RETENTION_HOURS} h.`);
  } else if (retention < STREAM_RETENTION_HOURS) {
    await context.aws.kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName, RetentionPeriodHours: STREAM_RETENTION_HOURS }), options);
  }
  const missingTags = Object.entries(context.tags).filter(([k, v]) => info.tags[k] !== v);
  if (missingTags.length) await context.aws.kinesis.send(new AddTagsToStreamCommand({ StreamName, Tags: { ...context.tags } }), options);
  const open = info.shards.filter((s) => s.open).length;
  if (open !== SHARD_COUNT) notes.push(`It has ${open} open shards, not ${SHARD_COUNT}: delete it in the clean-up step and create it again.`);
  return { created: false, status, notes };
}

export function streamProblems(info: StreamInfo | null, name: string): string[] {
  if (!info) return [`${name} does not exist.`];
  const status = info.summary.StreamStatus;
  if (status !== "ACTIVE") return [`${name} is ${status?.toLowerCase() ?? "not ready"}, not active yet.`];
  const problems: string[] = [];
  const open = info.shards.filter((s) => s.open).length;
  if (open !== SHARD_COUNT) problems.push(`${name} has ${open} open shards, not ${SHARD_COUNT}.`);
  if (info.summary.StreamModeDetails?.StreamMode && info.summary.StreamModeDetails.StreamMode !== "PROVISIONED") problems.push(`${name} is ${info.summary.StreamModeDetails.StreamMode.toLowerCase().replace("_", "-")}, not provisioned.`);
  if (info.summary.RetentionPeriodHours !== STREAM_RETENTION_HOURS) problems.push(`${name} keeps records ${info.summary.RetentionPeriodHours} h, not ${STREAM_RETENTION_HOURS} h.`);
  if (info.tags.Project !== "ServerlessLab") problems.push(`${name} lacks the tag Project=ServerlessLab.`);
  return problems;
}
