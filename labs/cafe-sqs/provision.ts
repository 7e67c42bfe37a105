/**
 * Creating the lab's resources, safely re-runnable: each "ensure" creates what is missing and sets
 * what exists back to the lab's settings, after the ownership guard has checked that an existing
 * resource is this lab's and this student's. Everything created is tagged.
 */
import { CreateTableCommand, DescribeTableCommand, TagResourceCommand } from "@aws-sdk/client-dynamodb";
import { CreateQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand, SetQueueAttributesCommand, TagQueueCommand } from "@aws-sdk/client-sqs";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { PlainFailure, translateAwsError } from "@/lib/aws/errors";
import { checkOwnership } from "@/lib/lab-framework/ownership";
import type { LabContext } from "@/lib/lab-framework/types";
import { MENU } from "./menu";
import { DLQ_RETENTION_SECONDS, MAX_RECEIVE_COUNT, QUEUE_SETTINGS, VISIBILITY_TIMEOUT_SECONDS } from "./queue-settings";
import type { CafeResources } from "./resources";

export type CafeContext = LabContext<CafeResources>;

export const WORKER_MAPPING = { batchSize: 1, maximumBatchingWindowInSeconds: 0, functionResponseTypes: [] as [], timeoutSeconds: 30, memorySizeMB: 512 };

function options(context: CafeContext) {
  return { abortSignal: context.signal };
}

export function queueSettingAttributes(): Record<string, string> {
  return Object.fromEntries(QUEUE_SETTINGS.map((s) => [s.attribute, s.value]));
}

export async function queueUrl(context: CafeContext, key: "ordersQueue" | "ordersDlq"): Promise<string | null> {
  try {
    const { QueueUrl } = await context.aws.sqs.send(new GetQueueUrlCommand({ QueueName: context.names[key] }), options(context));
    return QueueUrl ?? null;
  } catch (error) {
    if (translateAwsError(error).family === "queue-not-found") return null;
    throw error;
  }
}

export async function queueAttributes(context: CafeContext, url: string): Promise<Record<string, string>> {
  const { Attributes = {} } = await context.aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }), options(context));
  return Attributes;
}

/** The queue of “Create the queue”, created or set back to the lab's settings (a DLQ added in “Forced failure” stays). */
export async function ensureOrdersQueue(context: CafeContext): Promise<{ url: string; created: boolean }> {
  const name = context.names.ordersQueue;
  const owned = await checkOwnership(context, "sqs-queue", name);
  if (owned === "absent") {
    const { QueueUrl } = await context.aws.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: queueSettingAttributes(), tags: { ...context.tags } }), options(context));
    if (!QueueUrl) throw new Error(`SQS gave no URL for ${name}.`);
    return { url: QueueUrl, created: true };
  }
  const url = (await queueUrl(context, "ordersQueue")) as string;
  await context.aws.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: queueSettingAttributes() }), options(context));
  await context.aws.sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: { ...context.tags } }), options(context));
  return { url, created: false };
}

export async function requireOrdersQueue(context: CafeContext): Promise<string> {
  const url = await queueUrl(context, "ordersQueue");
  if (!url) throw new PlainFailure("QueueMissing", `The queue ${context.names.ordersQueue} does not exist yet.`, "Create it in the step “Create the queue”, then come back.", "not-found");
  return url;
}

/** “Forced failure”: the DLQ, and the queue's redrive policy that sends an order there after three receives. */
export async function ensureDeadLetterQueue(context: CafeContext): Promise<{ created: boolean }> {
  const sourceUrl = await requireOrdersQueue(context);
  const name = context.names.ordersDlq;
  const sourceArn = (await queueAttributes(context, sourceUrl)).QueueArn;
  const owned = await checkOwnership(context, "sqs-queue", name);
  const attributes = {
    MessageRetentionPeriod: String(DLQ_RETENTION_SECONDS),
    VisibilityTimeout: String(VISIBILITY_TIMEOUT_SECONDS),
    SqsManagedSseEnabled: "false",
    RedriveAllowPolicy: JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: [sourceArn] }),
  };
  let dlqUrl: string;
  if (owned === "absent") {
    const { QueueUrl } = await context.aws.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes, tags: { ...context.tags } }), options(context));
    dlqUrl = QueueUrl ?? "";
  } else {
    dlqUrl = (await queueUrl(context, "ordersDlq")) as string;
    await context.aws.sqs.send(new SetQueueAttributesCommand({ QueueUrl: dlqUrl, Attributes: attributes }), options(context));
  }
  const dlqArn = (await queueAttributes(context, dlqUrl)).QueueArn;
  await context.aws.sqs.send(
    new SetQueueAttributesCommand({ QueueUrl: sourceUrl, Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: MAX_RECEIVE_COUNT }) } }),
    options(context),
  );
  return { created: owned === "absent" };
}

async function waitUntilActive(context: CafeContext, name: string): Promise<void> {
  const local = context.aws.connection.endpoint !== null;
  const deadline = Date.now() + 90_000;
  for (;;) {
    const { Table } = await context.aws.dynamodb.send(new DescribeTableCommand({ TableName: name }), options(context));
    if (Table?.TableStatus === "ACTIVE") return;
    if (Date.now() > deadline) throw new PlainFailure("TableNotActive", `The table ${name} is still ${Table?.TableStatus?.toLowerCase()} after 90 seconds.`, "Wait a minute and run the step again.", "timeout");
    await new Promise((r) => setTimeout(r, local ? 200 : 2000));
  }
}

async function ensureTable(context: CafeContext, key: "ordersTable" | "menuTable", keyName: string): Promise<boolean> {
  const name = context.names[key];
  const owned = await checkOwnership(context, "dynamodb-table", name);
  if (owned === "absent") {
    try {
      await context.aws.dynamodb.send(
        new CreateTableCommand({
          TableName: name,
          AttributeDefinitions: [{ AttributeName: keyName, AttributeType: "S" }],
          KeySchema: [{ AttributeName: keyName, KeyType: "HASH" }],
          BillingMode: "PAY_PER_REQUEST",
          Tags: context.tagList(),
        }),
        options(context),
      );
    } catch (error) {
      // Two clicks at once: the other one is creating it.
      if (translateAwsError(error).family !== "already-exists") throw error;
    }
  } else {
    const { Table } = await context.aws.dynamodb.send(new DescribeTableCommand({ TableName: name }), options(context));
    const hash = Table?.KeySchema?.find((k) => k.KeyType === "HASH")?.AttributeName;
    if (hash !== keyName) {
      throw new PlainFailure("TableKeyDiffers", `${name} exists with the key ${hash ?? "?"}, not ${keyName}.`, "Delete it in the clean-up step and run this step again.", "already-exists");
    }
    await context.aws.dynamodb.send(new TagResourceCommand({ ResourceArn: Table?.TableArn, Tags: context.tagList() }), options(context));
  }
  await waitUntilActive(context, name);
  return owned === "absent";
}

/** The worker's tables: CafeOrders (order_id) and CafeMenu (item), the menu seeded with prices; counters kept. */
export async function ensureTables(context: CafeContext): Promise<{ created: string[] }> {
  const created: string[] = [];
  if (await ensureTable(context, "ordersTable", "order_id")) created.push(context.names.ordersTable);
  if (await ensureTable(context, "menuTable", "item")) created.push(context.names.menuTable);
  for (const entry of MENU) {
    await context.aws.documents.send(
      new UpdateCommand({
        TableName: context.names.menuTable,
        Key: { item: entry.item },
        UpdateExpression: "SET price = :price, description = :description, orders = if_not_exists(orders, :zero)",
        ExpressionAttributeValues: { ":price": entry.price, ":description": entry.description, ":zero": 0 },
      }),
      options(context),
    );
  }
  return { created };
}

/** The order API's configuration: SQS_QUEUE_URL, as the write-up sets it on the Lambda function. */
export async function ensureApiConfigured(context: CafeContext): Promise<string> {
  const url = await requireOrdersQueue(context);
  const current = await context.runtime.environment("orderApi");
  if (current.SQS_QUEUE_URL !== url) await context.runtime.setEnvironment("orderApi", { ...current, SQS_QUEUE_URL: url });
  return url;
}

export async function tableExists(context: CafeContext, key: "ordersTable" | "menuTable"): Promise<boolean> {
  try {
    const { Table } = await context.aws.dynamodb.send(new DescribeTableCommand({ TableName: context.names[key] }), options(context));
    return Table?.TableStatus === "ACTIVE" || Table?.TableStatus === "UPDATING";
  } catch (error) {
    if (translateAwsError(error).family === "not-found") return false;
    throw error;
  }
}
