/**
 * OrderProcessor: the Lambda function behind OrderQueue. For each SQS record it takes the order
 * out of the SNS envelope (or the raw body, when raw message delivery is on), checks it, and
 * writes it to the Orders table.
 *
 * What it does with an order it cannot process is the point of the lab:
 * - `swallow` (the write-up's version): log the error and carry on. Lambda sees a success, the
 *   event source mapping deletes the message, and the order is gone: nothing reaches the DLQ.
 * - `fail`: report the record in `batchItemFailures`. The mapping leaves it in the queue, it comes
 *   back after the visibility timeout, and after maxReceiveCount receives SQS moves it to the DLQ.
 *   (The mapping needs FunctionResponseTypes=ReportBatchItemFailures; without it the response is
 *   ignored and the whole batch counts as a success.)
 *
 * Deployed to Lambda, `handler` reads ORDERS_TABLE and ON_ERROR (swallow | fail) from the environment.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { structuredLog } from "@/lib/runtime/logs/structured-log";
import type { Order } from "../order";
import { orderFromSqsBody } from "../order-message";

export type ErrorMode = "swallow" | "fail";

export interface OrderProcessorSettings {
  errorMode: ErrorMode;
  /** Writes one order (the table and client are the deployment's business). */
  saveOrder(order: Order & { deliveredAs: string }): Promise<void>;
}

class RejectedOrder extends Error {
  override name = "RejectedOrder";
}

async function processRecord(record: SQSRecord, settings: OrderProcessorSettings): Promise<void> {
  const found = orderFromSqsBody(record.body);
  if (!found.ok) throw new RejectedOrder(found.reason);
  structuredLog({
    trace_id: found.order.orderId,
    action: "order_received",
    status: "info",
    details: { messageId: record.messageId, deliveredAs: found.delivery, receiveCount: Number(record.attributes.ApproximateReceiveCount) },
  });
  await settings.saveOrder({ ...found.order, deliveredAs: found.delivery });
  structuredLog({ trace_id: found.order.orderId, action: "order_saved", status: "success", details: { quantity: found.order.quantity, itemName: found.order.itemName } });
}

/** The handler, for settings supplied per invocation (the workbook) or from the environment (Lambda). */
export function createOrderProcessor(settingsFor: () => OrderProcessorSettings | Promise<OrderProcessorSettings>) {
  return async function orderProcessor(event: SQSEvent): Promise<SQSBatchResponse> {
    const settings = await settingsFor();
    const batchItemFailures: SQSBatchItemFailure[] = [];
    for (const record of event.Records) {
      try {
        await processRecord(record, settings);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const receiveCount = Number(record.attributes.ApproximateReceiveCount);
        if (settings.errorMode === "swallow") {
          // The write-up's catch-all: the error is printed and the message is deleted with the batch.
          console.error(`Failed to process message ${record.messageId}: ${reason}`);
          structuredLog({
            trace_id: record.messageId,
            action: "error_swallowed",
            status: "warning",
            details: { reason, receiveCount, outcome: "deleted with the batch: this message is lost" },
          });
          continue;
        }
        structuredLog({
          trace_id: record.messageId,
          action: error instanceof RejectedOrder ? "order_rejected" : "order_not_saved",
          status: "error",
          details: { reason, receiveCount, outcome: "reported as a batch item failure: SQS will deliver it again" },
        });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}

let lambdaDocuments: DynamoDBDocumentClient | undefined;

/** Settings of the function as deployed to Lambda: its environment and a client of its own. */
function settingsFromEnvironment(): OrderProcessorSettings {
  const tableName = process.env.ORDERS_TABLE;
  if (!tableName) throw new Error("Set ORDERS_TABLE to the name of the Orders table.");
  lambdaDocuments ??= DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const documents = lambdaDocuments;
  return {
    errorMode: process.env.ON_ERROR === "fail" ? "fail" : "swallow",
    async saveOrder(order) {
      await documents.send(new PutCommand({ TableName: tableName, Item: order }));
    },
  };
}

export const handler = createOrderProcessor(settingsFromEnvironment);
