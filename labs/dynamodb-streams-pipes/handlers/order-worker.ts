/**
 * OrderWorker: takes orders from the processing queue and settles them by the lab's three rules.
 *
 * - Technical failure (the notes contain FAIL): it notes the attempt on the order and throws. The
 *   message is not deleted, comes back after the visibility timeout, and after three receives
 *   SQS moves it to the DLQ.
 * - Business rule (amount above 10,000): status FAILED with a failureReason. Retrying cannot
 *   change the amount, so the message is consumed, not retried.
 * - Anything else: status COMPLETED with completedAt.
 *
 * Updates only PENDING orders, so a message delivered twice changes nothing the second time.
 * A message that is not an order is logged and dropped: retrying bad data cannot fix it.
 *
 * Deploy: Node.js 20+, environment ORDERS_TABLE, a role allowed dynamodb:UpdateItem on the table
 * and the SQS consumer actions; event source mapping on the queue with batch size 1.
 */
import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { structuredLog } from "@/lib/runtime/logs/structured-log";
import { decideOrder } from "../order";
import { once, requiredEnv } from "./lambda-environment";

export interface OrderWorkerOptions {
  documents: DynamoDBDocumentClient;
  tableName: string;
  now?: () => Date;
}

export function createOrderWorker(options: OrderWorkerOptions) {
  const now = options.now ?? (() => new Date());

  async function settle(orderId: string, update: { status: "COMPLETED" | "FAILED"; at: string; reason?: string }): Promise<boolean> {
    const completed = update.status === "COMPLETED";
    try {
      await options.documents.send(
        new UpdateCommand({
          TableName: options.tableName,
          Key: { orderId },
          UpdateExpression: completed ? "SET #status = :status, completedAt = :at" : "SET #status = :status, failedAt = :at, failureReason = :reason",
          ConditionExpression: "attribute_exists(orderId) AND #status = :pending",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":status": update.status, ":at": update.at, ":pending": "PENDING", ...(completed ? {} : { ":reason": update.reason }) },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === "ConditionalCheckFailedException") return false;
      throw error;
    }
  }

  /**
   * Records the failed attempt on the order (`attempts` = the message's receive count), so the
   * table shows the retries and, after the third, that the order is on its way to the DLQ. Only
   * bookkeeping: if it fails too, the message is retried all the same.
   */
  async function noteAttempt(orderId: string, receiveCount: number, reason: string): Promise<void> {
    try {
      await options.documents.send(
        new UpdateCommand({
          TableName: options.tableName,
          Key: { orderId },
          UpdateExpression: "SET attempts = :count, lastError = :reason",
          ConditionExpression: "attribute_exists(orderId) AND #status = :pending",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":count": receiveCount, ":reason": reason, ":pending": "PENDING" },
        }),
      );
    } catch {
      // The order is gone or settled, or the table is unreachable: the throw below retries anyway.
    }
  }

  async function processRecord(record: SQSRecord): Promise<void> {
    const receiveCount = Number(record.attributes.ApproximateReceiveCount);
    const decision = decideOrder(record.body);
    switch (decision.kind) {
      case "reject":
        structuredLog({ trace_id: record.messageId, action: "message_rejected", status: "warning", details: { reason: decision.reason } });
        return;
      case "technical-failure":
        structuredLog({ trace_id: decision.orderId, action: "order_processing", status: "error", details: { reason: decision.reason, receiveCount } });
        await noteAttempt(decision.orderId, receiveCount, decision.reason);
        throw new Error(decision.reason);
      case "fail": {
        const changed = await settle(decision.orderId, { status: "FAILED", at: now().toISOString(), reason: decision.reason });
        structuredLog({
          trace_id: decision.orderId,
          action: changed ? "order_failed" : "order_unchanged",
          status: changed ? "warning" : "info",
          details: changed ? { failureReason: decision.reason, retried: false } : { why: "the order is not PENDING (already settled, or not in the table)" },
        });
        return;
      }
      case "complete": {
        const changed = await settle(decision.orderId, { status: "COMPLETED", at: now().toISOString() });
        structuredLog({
          trace_id: decision.orderId,
          action: changed ? "order_completed" : "order_unchanged",
          status: changed ? "success" : "info",
          details: changed ? { receiveCount } : { why: "the order is not PENDING (already settled, or not in the table)" },
        });
        return;
      }
    }
  }

  return async (event: SQSEvent): Promise<void> => {
    for (const record of event.Records) await processRecord(record);
  };
}

const fromEnvironment = once(() => createOrderWorker({ documents: DynamoDBDocumentClient.from(new DynamoDBClient({})), tableName: requiredEnv("ORDERS_TABLE") }));

/** The Lambda entry point. */
export const handler = (event: SQSEvent): Promise<void> => fromEnvironment()(event);
