/**
 * Creating and reading the lab's queues and table. Every create is idempotent: a second run finds
 * what exists, puts its settings back where the lab needs them, and changes nothing else.
 */
import { CreateTableCommand, DescribeTableCommand, type TableDescription } from "@aws-sdk/client-dynamodb";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SetQueueAttributesCommand,
  type QueueAttributeName,
} from "@aws-sdk/client-sqs";
import { PlainFailure } from "@/lib/aws/errors";
import { checkOwnership } from "@/lib/lab-framework/ownership";
import type { LabContext } from "@/lib/lab-framework/types";
import { DLQ_RETENTION_SECONDS, MAX_RECEIVE_COUNT, VISIBILITY_TIMEOUT_SECONDS } from "./lab-settings";
import type { FifoResources } from "./resources";

export type FifoContext = LabContext<FifoResources>;

export { MAX_RECEIVE_COUNT, VISIBILITY_TIMEOUT_SECONDS } from "./lab-settings";

/** The main queue's attributes, the redrive policy aside. */
export const QUEUE_ATTRIBUTES = {
  FifoQueue: "true",
  ContentBasedDeduplication: "true",
  VisibilityTimeout: String(VISIBILITY_TIMEOUT_SECONDS),
} as const;

export const DLQ_ATTRIBUTES = {
  FifoQueue: "true",
  MessageRetentionPeriod: String(DLQ_RETENTION_SECONDS),
} as const;

export function redrivePolicy(dlqArn: string): string {
  return JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: MAX_RECEIVE_COUNT });
}

function isNamed(error: unknown, ...names: string[]): boolean {
  const e = error as { name?: string; Code?: string };
  return names.includes(e?.name ?? "") || names.includes(e?.Code ?? "");
}

export async function queueUrlOf(context: FifoContext, name: string): Promise<string | null> {
  try {
    const { QueueUrl } = await context.aws.sqs.send(new GetQueueUrlCommand({ QueueName: name }), { abortSignal: context.signal });
    return QueueUrl ?? null;
  } catch (error) {
    if (isNamed(error, "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue")) return null;
    throw error;
  }
}

export async function queueAttributes(context: FifoContext, url: string, names: QueueAttributeName[] = ["All"]): Promise<Record<string, string>> {
  const { Attributes = {} } = await context.aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: names }), { abortSignal: context.signal });
  return Attributes;
}

/**
 * Creates the queue, or, when it exists (and is this lab's and this student's: the ownership
 * guard refuses anything else), sets the lab's settings on it. Answers its URL and whether it was
 * new. FifoQueue cannot change: a standard queue with the name fails with AWS's own error.
 */
async function ensureQueue(context: FifoContext, name: string, attributes: Record<string, string>): Promise<{ url: string; created: boolean }> {
  const { sqs } = context.aws;
  const options = { abortSignal: context.signal };
  const existed = (await checkOwnership(context, "sqs-queue", name)) === "ours";
  try {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes, tags: { ...context.tags } }), options);
    if (!QueueUrl) throw new Error(`CreateQueue returned no URL for ${name}.`);
    return { url: QueueUrl, created: !existed };
  } catch (error) {
    if (!existed || !isNamed(error, "QueueNameExists", "QueueAlreadyExists", "AWS.SimpleQueueService.QueueNameExists")) throw error;
    // It exists with other settings: put the lab's back (all but FifoQueue, which no queue can change).
    const url = await queueUrlOf(context, name);
    if (!url) throw error;
    const { FifoQueue: _fifo, ...changeable } = attributes;
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: changeable }), options);
    return { url, created: false };
  }
}

export interface QueuesResult {
  queueUrl: string;
  dlqUrl: string;
  dlqArn: string;
  created: string[];
}

export async function ensureQueues(context: FifoContext): Promise<QueuesResult> {
  const created: string[] = [];
  const dlq = await ensureQueue(context, context.names.ordersDlq, { ...DLQ_ATTRIBUTES });
  if (dlq.created) created.push(context.names.ordersDlq);
  const { QueueArn: dlqArn } = await queueAttributes(context, dlq.url, ["QueueArn"]);
  if (!dlqArn) throw new Error(`${context.names.ordersDlq} has no ARN.`);
  const main = await ensureQueue(context, context.names.ordersQueue, { ...QUEUE_ATTRIBUTES, RedrivePolicy: redrivePolicy(dlqArn) });
  if (main.created) created.push(context.names.ordersQueue);
  return { queueUrl: main.url, dlqUrl: dlq.url, dlqArn, created };
}

export async function describeTable(context: FifoContext): Promise<TableDescription | null> {
  try {
    const { Table } = await context.aws.dynamodb.send(new DescribeTableCommand({ TableName: context.names.processedTable }), { abortSignal: context.signal });
    return Table ?? null;
  } catch (error) {
    if (isNamed(error, "ResourceNotFoundException")) return null;
    throw error;
  }
}

export function hasMessageIdKey(table: TableDescription): boolean {
  const hash = table.KeySchema?.find((k) => k.KeyType === "HASH");
  const range = table.KeySchema?.find((k) => k.KeyType === "RANGE");
  const type = table.AttributeDefinitions?.find((a) => a.AttributeName === "message_id")?.AttributeType;
  return hash?.AttributeName === "message_id" && !range && type === "S";
}

function tableKeyMismatch(name: string): PlainFailure {
  return new PlainFailure(
    "TableKeyMismatch",
    `The table ${name} exists with another key than message_id (a string), so it cannot hold the consumer's records.`,
    "Delete it in the clean-up step, then run this step again.",
  );
}

/** Creates the table (on demand, key message_id) or accepts the one there; waits until it is ACTIVE. */
export async function ensureTable(context: FifoContext, waitMs = 30_000): Promise<{ created: boolean; status: string }> {
  const { dynamodb } = context.aws;
  const name = context.names.processedTable;
  await checkOwnership(context, "dynamodb-table", name);
  let table = await describeTable(context);
  let created = false;
  if (!table) {
    try {
      const result = await dynamodb.send(
        new CreateTableCommand({
          TableName: name,
          AttributeDefinitions: [{ AttributeName: "message_id", AttributeType: "S" }],
          KeySchema: [{ AttributeName: "message_id", KeyType: "HASH" }],
          BillingMode: "PAY_PER_REQUEST",
          Tags: context.tagList(),
        }),
        { abortSignal: context.signal },
      );
      table = result.TableDescription ?? null;
      created = true;
    } catch (error) {
      if (!isNamed(error, "ResourceInUseException")) throw error;
      table = await describeTable(context);
    }
  }
  if (!table) throw new Error(`The table ${name} could not be read after creating it.`);
  if (!hasMessageIdKey(table)) throw tableKeyMismatch(name);
  const deadline = Date.now() + waitMs;
  let status = table.TableStatus ?? "CREATING";
  while (status === "CREATING" && Date.now() < deadline && !context.signal.aborted) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    status = (await describeTable(context))?.TableStatus ?? "CREATING";
  }
  return { created, status };
}
