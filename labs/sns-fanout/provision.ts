/**
 * Creating the lab's resources, each safe to run again: what exists is checked and brought to the
 * lab's settings instead of created twice, and what another lab or student owns is left alone.
 */
import { CreateTableCommand, DescribeTableCommand, type TableDescription } from "@aws-sdk/client-dynamodb";
import {
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  SetSubscriptionAttributesCommand,
  SubscribeCommand,
  type Subscription,
} from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand, SetQueueAttributesCommand, TagQueueCommand } from "@aws-sdk/client-sqs";
import { PlainFailure, translateAwsError } from "@/lib/aws/errors";
import { checkOwnership } from "@/lib/lab-framework/ownership";
import { topicArn as topicArnOf } from "@/lib/lab-framework/resource-tags";
import type { LabContext } from "@/lib/lab-framework/types";
import type { QueueKey, Resources } from "./resources";

export type Context = LabContext<Resources>;

/** The processor's timeout; AWS advises a queue visibility timeout of at least six times it. */
export const PROCESSOR_TIMEOUT_SECONDS = 5;
export const ORDER_QUEUE_VISIBILITY_SECONDS = 30;
export const MAX_RECEIVE_COUNT = 3;
const FOURTEEN_DAYS = 14 * 24 * 3600;

function options(context: Context) {
  return { abortSignal: context.signal };
}

function isMissing(error: unknown, context: Context): boolean {
  const family = translateAwsError(error, { region: context.region }).family;
  return family === "not-found" || family === "queue-not-found";
}

export async function topicArn(context: Context): Promise<string> {
  return topicArnOf(context, context.names.orderTopic);
}

// ---- queues ----

export async function queueUrl(context: Context, key: QueueKey): Promise<string | null> {
  try {
    const { QueueUrl } = await context.aws.sqs.send(new GetQueueUrlCommand({ QueueName: context.names[key] }), options(context));
    return QueueUrl ?? null;
  } catch (error) {
    if (isMissing(error, context)) return null;
    throw error;
  }
}

export async function queueAttributes(context: Context, url: string): Promise<Record<string, string>> {
  const { Attributes = {} } = await context.aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }), options(context));
  return Attributes;
}

export interface QueueRef {
  key: QueueKey;
  name: string;
  url: string;
  arn: string;
}

/** The queue's URL and ARN, or a plain failure saying which step creates it. */
export async function requireQueue(context: Context, key: QueueKey, createdBy: string): Promise<QueueRef> {
  const url = await queueUrl(context, key);
  if (!url) throw new PlainFailure("QueueMissing", `The queue ${context.names[key]} does not exist yet.`, `Run the step "${createdBy}" first.`, "not-found");
  const { QueueArn } = await queueAttributes(context, url);
  return { key, name: context.names[key], url, arn: QueueArn };
}

/** Creates the queue with `attributes`, or brings an existing one of this lab's to them. */
export async function ensureQueue(context: Context, key: QueueKey, attributes: Record<string, string>): Promise<QueueRef & { created: boolean }> {
  const name = context.names[key];
  const existing = (await checkOwnership(context, "sqs-queue", name)) === "ours" ? await queueUrl(context, key) : null;
  if (existing) {
    if (Object.keys(attributes).length) await context.aws.sqs.send(new SetQueueAttributesCommand({ QueueUrl: existing, Attributes: attributes }), options(context));
    await context.aws.sqs.send(new TagQueueCommand({ QueueUrl: existing, Tags: { ...context.tags } }), options(context));
    const { QueueArn } = await queueAttributes(context, existing);
    return { key, name, url: existing, arn: QueueArn, created: false };
  }
  const { QueueUrl } = await context.aws.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes, tags: { ...context.tags } }), options(context));
  if (!QueueUrl) throw new Error(`SQS returned no URL for ${name}.`);
  const { QueueArn } = await queueAttributes(context, QueueUrl);
  return { key, name, url: QueueUrl, arn: QueueArn, created: true };
}

/** OrderDLQ first (OrderQueue's redrive policy names it), then OrderQueue. */
export async function ensureOrderQueues(context: Context): Promise<{ dlq: QueueRef & { created: boolean }; queue: QueueRef & { created: boolean } }> {
  const dlq = await ensureQueue(context, "orderDlq", { MessageRetentionPeriod: String(FOURTEEN_DAYS) });
  const queue = await ensureQueue(context, "orderQueue", {
    VisibilityTimeout: String(ORDER_QUEUE_VISIBILITY_SECONDS),
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: MAX_RECEIVE_COUNT }),
  });
  return { dlq, queue };
}

// ---- the table ----

export const ORDERS_KEY = "orderId";

async function describeTable(context: Context): Promise<TableDescription | null> {
  try {
    const { Table } = await context.aws.dynamodb.send(new DescribeTableCommand({ TableName: context.names.ordersTable }), options(context));
    return Table ?? null;
  } catch (error) {
    if (isMissing(error, context)) return null;
    throw error;
  }
}

export function hasOrdersKey(table: TableDescription): boolean {
  const hash = table.KeySchema?.find((k) => k.KeyType === "HASH");
  const type = table.AttributeDefinitions?.find((a) => a.AttributeName === hash?.AttributeName)?.AttributeType;
  return hash?.AttributeName === ORDERS_KEY && type === "S" && (table.KeySchema?.length ?? 0) === 1;
}

/** Waits (briefly polling) until the table is ACTIVE; tables take seconds on AWS. */
async function waitActive(context: Context, deadline = Date.now() + 60_000): Promise<TableDescription> {
  for (;;) {
    const table = await describeTable(context);
    if (table?.TableStatus === "ACTIVE") return table;
    if (Date.now() > deadline) {
      throw new PlainFailure("TableNotActive", `The table ${context.names.ordersTable} is still ${table?.TableStatus ?? "missing"} after a minute.`, "Wait a little and run the step again.");
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function ensureOrdersTable(context: Context): Promise<{ created: boolean; table: TableDescription }> {
  const name = context.names.ordersTable;
  const existing = (await checkOwnership(context, "dynamodb-table", name)) === "ours" ? await describeTable(context) : null;
  if (existing) {
    if (!hasOrdersKey(existing)) {
      throw new PlainFailure("WrongKeySchema", `The table ${name} exists with another key than ${ORDERS_KEY} (String).`, "Delete it (clean-up) and run this step again.");
    }
    return { created: false, table: await waitActive(context) };
  }
  await context.aws.dynamodb.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [{ AttributeName: ORDERS_KEY, AttributeType: "S" }],
      KeySchema: [{ AttributeName: ORDERS_KEY, KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
      Tags: context.tagList(),
    }),
    options(context),
  );
  return { created: true, table: await waitActive(context) };
}

export async function ordersTable(context: Context): Promise<TableDescription | null> {
  return describeTable(context);
}

// ---- the topic and its subscriptions ----

export async function topicExists(context: Context): Promise<boolean> {
  try {
    await context.aws.sns.send(new GetTopicAttributesCommand({ TopicArn: await topicArn(context) }), options(context));
    return true;
  } catch (error) {
    if (isMissing(error, context)) return false;
    throw error;
  }
}

export async function ensureTopic(context: Context): Promise<{ arn: string; created: boolean }> {
  const arn = await topicArn(context);
  if ((await checkOwnership(context, "sns-topic", context.names.orderTopic)) === "ours") return { arn, created: false };
  const { TopicArn } = await context.aws.sns.send(new CreateTopicCommand({ Name: context.names.orderTopic, Tags: context.tagList() }), options(context));
  return { arn: TopicArn ?? arn, created: true };
}

/** The policy on a queue that lets this one topic (and nothing else) send to it. */
export function queuePolicy(queueArn: string, topic: string): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AllowOrderTopicToSend",
        Effect: "Allow",
        Principal: { Service: "sns.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: queueArn,
        Condition: { ArnEquals: { "aws:SourceArn": topic } },
      },
    ],
  };
}

/** Whether a queue's Policy attribute lets the topic send (the statement `queuePolicy` writes, or an equivalent one). */
export function policyAllowsTopic(policyText: string | undefined, queueArn: string, topic: string): boolean {
  if (!policyText) return false;
  let policy: { Statement?: unknown };
  try {
    policy = JSON.parse(policyText) as { Statement?: unknown };
  } catch {
    return false;
  }
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
  return statements.some((raw) => {
    if (typeof raw !== "object" || raw === null) return false;
    const s = raw as Record<string, unknown>;
    const principal = s.Principal as Record<string, unknown> | string | undefined;
    const service = typeof principal === "object" && principal !== null ? list(principal.Service) : [];
    const condition = (s.Condition ?? {}) as Record<string, Record<string, unknown>>;
    const sources = [...list(condition.ArnEquals?.["aws:SourceArn"]), ...list(condition.ArnLike?.["aws:SourceArn"])];
    return (
      s.Effect === "Allow" &&
      (principal === "*" || service.includes("sns.amazonaws.com")) &&
      list(s.Action).some((a) => a === "sqs:SendMessage" || a === "sqs:*") &&
      list(s.Resource).some((r) => r === queueArn || r === "*") &&
      (sources.length === 0 || sources.includes(topic))
    );
  });
}

export async function subscriptions(context: Context): Promise<Subscription[]> {
  const TopicArn = await topicArn(context);
  const all: Subscription[] = [];
  let NextToken: string | undefined;
  do {
    const page = await context.aws.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn, NextToken }), options(context));
    all.push(...(page.Subscriptions ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return all;
}

export interface SubscriptionState {
  arn: string;
  pending: boolean;
  raw: boolean;
  filterPolicy: string | null;
  filterPolicyScope: "MessageAttributes" | "MessageBody";
}

/** The subscription of `queueArn` to the topic, with its attributes, or null. */
export async function subscriptionOf(context: Context, queueArn: string, list?: Subscription[]): Promise<SubscriptionState | null> {
  const found = (list ?? (await subscriptions(context))).find((s) => s.Protocol === "sqs" && s.Endpoint === queueArn);
  if (!found?.SubscriptionArn) return null;
  if (!found.SubscriptionArn.startsWith("arn:")) {
    return { arn: found.SubscriptionArn, pending: true, raw: false, filterPolicy: null, filterPolicyScope: "MessageAttributes" };
  }
  const { Attributes = {} } = await context.aws.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: found.SubscriptionArn }), options(context));
  return {
    arn: found.SubscriptionArn,
    pending: Attributes.PendingConfirmation === "true",
    raw: Attributes.RawMessageDelivery === "true",
    filterPolicy: Attributes.FilterPolicy ?? null,
    filterPolicyScope: Attributes.FilterPolicyScope === "MessageBody" ? "MessageBody" : "MessageAttributes",
  };
}

export interface SubscribeOptions {
  /** The filter policy to set; null removes one. Undefined leaves it as it is. */
  filterPolicy?: Record<string, unknown> | null;
  raw?: boolean;
}

/**
 * Lets the topic send to the queue (its access policy) and subscribes the queue. Subscribing the
 * same queue again is safe: the existing subscription is brought to the wanted attributes.
 */
export async function subscribeQueue(context: Context, queue: QueueRef, wanted: SubscribeOptions = {}): Promise<{ arn: string; policy: Record<string, unknown>; created: boolean }> {
  const topic = await topicArn(context);
  if (!(await topicExists(context))) {
    throw new PlainFailure("TopicMissing", `The topic ${context.names.orderTopic} does not exist yet.`, 'Run the step "The topic" first.', "not-found");
  }
  // Both are changed below (the queue's policy, the topic's subscriptions): they must be this lab's.
  await checkOwnership(context, "sqs-queue", queue.name);
  await checkOwnership(context, "sns-topic", context.names.orderTopic);
  const policy = queuePolicy(queue.arn, topic);
  await context.aws.sqs.send(new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: { Policy: JSON.stringify(policy) } }), options(context));
  const existing = await subscriptionOf(context, queue.arn);
  if (existing && !existing.pending) {
    const set = async (AttributeName: string, AttributeValue: string) =>
      context.aws.sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: existing.arn, AttributeName, AttributeValue }), options(context));
    if (wanted.raw !== undefined && wanted.raw !== existing.raw) await set("RawMessageDelivery", String(wanted.raw));
    if (wanted.filterPolicy !== undefined) {
      const text = wanted.filterPolicy ? JSON.stringify(wanted.filterPolicy) : "";
      if ((existing.filterPolicy ?? "") !== text) await set("FilterPolicy", text);
    }
    return { arn: existing.arn, policy, created: false };
  }
  const Attributes: Record<string, string> = {};
  if (wanted.raw) Attributes.RawMessageDelivery = "true";
  if (wanted.filterPolicy) {
    Attributes.FilterPolicy = JSON.stringify(wanted.filterPolicy);
    Attributes.FilterPolicyScope = "MessageAttributes";
  }
  const { SubscriptionArn } = await context.aws.sns.send(
    new SubscribeCommand({ TopicArn: topic, Protocol: "sqs", Endpoint: queue.arn, Attributes, ReturnSubscriptionArn: true }),
    options(context),
  );
  if (!SubscriptionArn) throw new Error(`SNS returned no subscription ARN for ${queue.name}.`);
  return { arn: SubscriptionArn, policy, created: true };
}

export async function setRawDelivery(context: Context, queue: QueueRef, raw: boolean): Promise<void> {
  const subscription = await subscriptionOf(context, queue.arn);
  if (!subscription || subscription.pending) {
    throw new PlainFailure("NotSubscribed", `${queue.name} is not subscribed to ${context.names.orderTopic}.`, "Subscribe it first (the button above).", "not-found");
  }
  await context.aws.sns.send(
    new SetSubscriptionAttributesCommand({ SubscriptionArn: subscription.arn, AttributeName: "RawMessageDelivery", AttributeValue: String(raw) }),
    options(context),
  );
}
