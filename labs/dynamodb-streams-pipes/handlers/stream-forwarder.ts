/**
 * OrderStreamForwarder: reads the Orders table's stream, sends each NEW order to the processing
 * queue and notes on the order when it was queued (`queuedAt`). Only INSERT records are
 * forwarded: that note, and the worker's status updates, come back through the stream as MODIFY
 * records, and forwarding those would loop an order round forever.
 *
 * On a send failure it reports that record (and stops), so Lambda checkpoints before it and
 * retries from there instead of sending the earlier orders twice.
 *
 * Deploy: Node.js 20+, environment QUEUE_URL and ORDERS_TABLE, a role allowed sqs:SendMessage on
 * the queue, dynamodb:UpdateItem on the table and the stream read actions; event source mapping on
 * the table's stream with ReportBatchItemFailures.
 */
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBClient, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { structuredLog } from "@/lib/runtime/logs/structured-log";
import { once, requiredEnv } from "./lambda-environment";

export interface StreamForwarderOptions {
  sqs: SQSClient;
  queueUrl: string;
  documents: DynamoDBDocumentClient;
  tableName: string;
  now?: () => Date;
}

export function createStreamForwarder(options: StreamForwarderOptions) {
  const now = options.now ?? (() => new Date());

  /** Bookkeeping only: the order is already in the queue, so a failure here is logged, not retried. */
  async function noteQueued(orderId: string): Promise<void> {
    try {
      await options.documents.send(
        new UpdateCommand({
          TableName: options.tableName,
          Key: { orderId },
          UpdateExpression: "SET queuedAt = :at",
          ConditionExpression: "attribute_exists(orderId)",
          ExpressionAttributeValues: { ":at": now().toISOString() },
        }),
      );
    } catch (error) {
      structuredLog({ trace_id: orderId, action: "order_note_queued", status: "warning", details: { error: error instanceof Error ? error.message : String(error) } });
    }
  }

  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    let forwarded = 0;
    let skipped = 0;
    for (const record of event.Records) {
      const image = record.dynamodb?.NewImage;
      if (record.eventName !== "INSERT" || !image) {
        skipped += 1;
        continue;
      }
      const order = unmarshall(image as Record<string, AttributeValue>);
      const orderId = typeof order.orderId === "string" ? order.orderId : "unknown";
      try {
        await options.sqs.send(new SendMessageCommand({ QueueUrl: options.queueUrl, MessageBody: JSON.stringify(order) }));
        forwarded += 1;
        await noteQueued(orderId);
        structuredLog({ trace_id: orderId, action: "order_forwarded", status: "success", details: { sequenceNumber: record.dynamodb?.SequenceNumber } });
      } catch (error) {
        structuredLog({ trace_id: orderId, action: "order_forward", status: "error", details: { error: error instanceof Error ? error.message : String(error) } });
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? "" }] };
      }
    }
    if (skipped > 0) {
      structuredLog({ trace_id: "batch", action: "records_skipped", status: "info", details: { skipped, forwarded, why: "only INSERT records are new orders" } });
    }
    return { batchItemFailures: [] };
  };
}

const fromEnvironment = once(() =>
  createStreamForwarder({
    sqs: new SQSClient({}),
    queueUrl: requiredEnv("QUEUE_URL"),
    documents: DynamoDBDocumentClient.from(new DynamoDBClient({})),
    tableName: requiredEnv("ORDERS_TABLE"),
  }),
);

/** The Lambda entry point. */
export const handler = (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => fromEnvironment()(event);
