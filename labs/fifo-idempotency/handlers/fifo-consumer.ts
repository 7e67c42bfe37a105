/**
 * The lab's consumer: a Lambda handler for an SQS FIFO queue that saves each message once, even
 * when SQS delivers it again.
 *
 * For each record of the batch (one message group, in order):
 *  1. parse the body; invalid → logged and failed (SQS moves it to the DLQ after maxReceiveCount);
 *  2. save it with a conditional PutItem, `attribute_not_exists(message_id)`: the write is the
 *     idempotency check, so two deliveries can never both save. A refused write is a duplicate:
 *     skipped, and noted on the saved item;
 *  3. delete it from the queue.
 * The first failure stops the batch: it and every later record are reported as failed, so the
 * group's order holds (Lambda returns them to the queue together). Counters go to CloudWatch
 * when the invocation ends, every action to a structured log line.
 *
 * The handler takes its clients and settings from an environment source, so the same code runs
 * in the workbook's runtime and on Lambda (see lambda-handler.ts).
 */
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { ConditionalCheckFailedException, PutItemCommand, UpdateItemCommand, type AttributeValue, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DeleteMessageCommand, GetQueueUrlCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { structuredLog } from "@/lib/runtime/logs/structured-log";
import { ConsumerCounters } from "./consumer-metrics";
import { parseOrderMessage, type OrderMessage, type ParsedBody } from "./order-message";

export interface FifoConsumerEnvironment {
  dynamodb: DynamoDBClient;
  sqs: SQSClient;
  cloudwatch: CloudWatchClient;
  /** The idempotency table, keyed by `message_id`. */
  tableName: string;
  /** Where the counters go; the workbook's IAM policy allows `MessagingLabs/*`. */
  metricsNamespace: string;
  /** The lab's fault switch: fail right after the save, before the delete. */
  crashAfterSave(record: SQSRecord, message: OrderMessage): boolean;
}

export type EnvironmentSource = (context: Context) => FifoConsumerEnvironment | Promise<FifoConsumerEnvironment>;

/** Thrown on purpose by the crash switch: the invocation dies with the message saved but not deleted. */
export class CrashAfterSaveError extends Error {
  constructor(messageId: string) {
    super(`Simulated crash after saving ${messageId} and before deleting it from the queue.`);
    this.name = "CrashAfterSaveError";
  }
}

type RecordOutcome = "deleted" | "failed";

interface QueueRef {
  name: string;
  account: string;
  region: string;
}

function queueOf(record: SQSRecord): QueueRef {
  const [, , , region = "", account = "", name = ""] = record.eventSourceARN.split(":");
  return { name, account, region };
}

/** Queue URLs per client, asked once (SQSGetURLError when that fails). */
const queueUrls = new WeakMap<SQSClient, Map<string, string>>();

async function queueUrl(sqs: SQSClient, queue: QueueRef): Promise<string> {
  let known = queueUrls.get(sqs);
  if (!known) queueUrls.set(sqs, (known = new Map()));
  const key = `${queue.account}:${queue.name}`;
  const cached = known.get(key);
  if (cached) return cached;
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queue.name, QueueOwnerAWSAccountId: queue.account || undefined }));
  if (!QueueUrl) throw new Error(`GetQueueUrl returned no URL for ${queue.name}.`);
  known.set(key, QueueUrl);
  return QueueUrl;
}

/** A message's trace id is its message_id, so every delivery of it shares one; the SQS id when it has none. */
function traceIdOf(record: SQSRecord, parsed: ParsedBody = parseOrderMessage(record.body)): string {
  return parsed.ok ? parsed.message.message_id : record.messageId;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function savedItem(record: SQSRecord, message: OrderMessage): Record<string, AttributeValue> {
  const item: Record<string, AttributeValue> = {
    message_id: { S: message.message_id },
    body: { S: record.body },
    message_group_id: { S: record.attributes.MessageGroupId ?? "" },
    sqs_message_id: { S: record.messageId },
    sqs_sequence_number: { S: record.attributes.SequenceNumber ?? "" },
    receive_count: { N: record.attributes.ApproximateReceiveCount },
    sent_at: { S: new Date(Number(record.attributes.SentTimestamp)).toISOString() },
    saved_at: { S: new Date().toISOString() },
  };
  if (typeof message.order_id === "string") item.order_id = { S: message.order_id };
  if (typeof message.event === "string") item.event = { S: message.event };
  if (typeof message.seq === "number" && Number.isFinite(message.seq)) item.seq = { N: String(message.seq) };
  return item;
}

export function createFifoConsumer(source: EnvironmentSource) {
  return async function fifoConsumer(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
    const env = await source(context);
    const counters = new ConsumerCounters();
    const records = event.Records;
    const queue = records[0] ? queueOf(records[0]) : { name: "", account: "", region: "" };

    async function processRecord(record: SQSRecord): Promise<RecordOutcome> {
      const receiveCount = Number(record.attributes.ApproximateReceiveCount);
      const group = record.attributes.MessageGroupId ?? "";
      const parsed = parseOrderMessage(record.body);
      const traceId = traceIdOf(record, parsed);
      const where = { group, receive_count: receiveCount, sqs_message_id: record.messageId, queue_name: queue.name };
      structuredLog({ trace_id: traceId, action: "message_received", status: "info", details: where });

      if (!parsed.ok) {
        // Counted once per message, on its first delivery; every delivery is logged.
        if (receiveCount === 1) counters.add("InvalidMessages");
        structuredLog({
          trace_id: traceId,
          action: "message_invalid",
          status: "error",
          details: { error: parsed.reason, next: "left in the queue for SQS to move to the dead-letter queue after maxReceiveCount receives", ...where },
        });
        return "failed";
      }
      const message = parsed.message;

      try {
        await env.dynamodb.send(
          new PutItemCommand({
            TableName: env.tableName,
            Item: savedItem(record, message),
            ConditionExpression: "attribute_not_exists(message_id)",
            ReturnValuesOnConditionCheckFailure: "ALL_OLD",
          }),
        );
        counters.add("MessagesSaved");
        structuredLog({ trace_id: traceId, action: "dynamodb_save", status: "success", details: { table: env.tableName, ...where } });
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) && (error as { name?: string }).name !== "ConditionalCheckFailedException") {
          counters.add("DynamoDBSaveError");
          structuredLog({ trace_id: traceId, action: "dynamodb_save", status: "error", details: { error: errorText(error), table: env.tableName, ...where } });
          return "failed";
        }
        const first = (error as ConditionalCheckFailedException).Item;
        const firstSqsId = first?.sqs_message_id?.S;
        const redelivery = firstSqsId === record.messageId;
        counters.add("DuplicateMessages");
        structuredLog({
          trace_id: traceId,
          action: "message_skipped",
          status: "info",
          details: {
            reason: redelivery
              ? "a redelivery: this same SQS message was saved before and never deleted"
              : "a duplicate send: another SQS message with this message_id was saved",
            first_saved_at: first?.saved_at?.S ?? null,
            first_sqs_message_id: firstSqsId ?? null,
            ...where,
          },
        });
        await noteSkip(env, message.message_id, redelivery ? "skipped_redeliveries" : "skipped_duplicates", traceId);
        return deleteRecord(record, traceId, where);
      }

      if (env.crashAfterSave(record, message)) {
        structuredLog({ trace_id: traceId, action: "consumer_crash", status: "error", details: { error: "crash switch on: dying after the save, before the delete", ...where } });
        throw new CrashAfterSaveError(message.message_id);
      }
      return deleteRecord(record, traceId, where);
    }

    async function deleteRecord(record: SQSRecord, traceId: string, where: Record<string, unknown>): Promise<RecordOutcome> {
      let url: string;
      try {
        url = await queueUrl(env.sqs, queue);
      } catch (error) {
        counters.add("SQSGetURLError");
        structuredLog({ trace_id: traceId, action: "sqs_get_queue_url", status: "error", details: { error: errorText(error), ...where } });
        return "failed";
      }
      try {
        await env.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: record.receiptHandle }));
      } catch (error) {
        counters.add("SQSDeleteError");
        structuredLog({ trace_id: traceId, action: "sqs_delete_message", status: "error", details: { error: errorText(error), ...where } });
        return "failed";
      }
      counters.add("MessagesDeleted");
      structuredLog({ trace_id: traceId, action: "sqs_delete_message", status: "success", details: where });
      return "deleted";
    }

    try {
      for (let i = 0; i < records.length; i++) {
        if ((await processRecord(records[i])) === "deleted") continue;
        const held = records.slice(i + 1);
        for (const record of held) {
          structuredLog({
            trace_id: traceIdOf(record),
            action: "message_held",
            status: "info",
            details: { reason: "an earlier message of its group failed; returned with it to keep the order", group: record.attributes.MessageGroupId ?? "", sqs_message_id: record.messageId, queue_name: queue.name },
          });
        }
        return { batchItemFailures: records.slice(i).map((r) => ({ itemIdentifier: r.messageId })) };
      }
      return { batchItemFailures: [] };
    } finally {
      try {
        await counters.publish(env.cloudwatch, env.metricsNamespace, queue.name);
      } catch (error) {
        structuredLog({ trace_id: context.awsRequestId, action: "metrics_publish", status: "error", details: { namespace: env.metricsNamespace, error: errorText(error) } });
      }
    }
  };
}

/** Adds 1 to the saved item's count of skipped deliveries; a failure here only costs the note. */
async function noteSkip(env: FifoConsumerEnvironment, messageId: string, field: "skipped_redeliveries" | "skipped_duplicates", traceId: string): Promise<void> {
  try {
    await env.dynamodb.send(
      new UpdateItemCommand({
        TableName: env.tableName,
        Key: { message_id: { S: messageId } },
        UpdateExpression: "ADD #field :one",
        ConditionExpression: "attribute_exists(message_id)",
        ExpressionAttributeNames: { "#field": field },
        ExpressionAttributeValues: { ":one": { N: "1" } },
      }),
    );
  } catch (error) {
    structuredLog({ trace_id: traceId, action: "dynamodb_note_skip", status: "warning", details: { field, error: errorText(error) } });
  }
}
