/**
 * CafeOrderWorker, the consumer: an SQS trigger (batch size 1, no batching window, no partial batch
 * responses) hands it each order. It stores the order in CafeOrders with status RECEIVED and adds
 * the quantity to the item's `orders` counter in CafeMenu (`ADD orders :quantity`), both in one
 * transaction. Throwing is how it says "not done": Lambda then leaves the message in the queue, it
 * comes back after the visibility timeout, and after maxReceiveCount receives SQS moves it to the DLQ.
 *
 * Standard queues deliver at least once, so the same message can arrive twice: the transaction
 * stores an order only if its id is new, so a second delivery neither duplicates the order nor
 * counts it twice.
 *
 * Deploy to Lambda with ORDERS_TABLE and MENU_TABLE set (FORCE_FAILURE=true makes it fail on
 * purpose, SLOW_SECONDS makes it take longer); `handler` is the entry point.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { structuredLog } from "@/lib/runtime/logs/structured-log";
import { checkOrder } from "./order-validation";

export interface OrderWorkerDeps {
  documents: DynamoDBDocumentClient;
  ordersTable: string;
  menuTable: string;
  /** The step-7 switch: throw for every message. */
  forceFailure?: boolean;
  /** Take this long per message (the "visibility timeout too short" mistake). */
  slowSeconds?: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/** What CafeOrders holds for one order. */
export interface StoredOrder {
  order_id: string;
  table_number: number;
  customer_name: string;
  item: string;
  quantity: number;
  status: "RECEIVED";
  created_at: string;
  message_id: string;
}

function isDuplicate(error: unknown): boolean {
  const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
  return (error as Error).name === "TransactionCanceledException" && reasons?.[0]?.Code === "ConditionalCheckFailed";
}

async function processRecord(record: SQSRecord, deps: OrderWorkerDeps): Promise<void> {
  const trace = record.messageId;
  const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? 1);
  structuredLog({ trace_id: trace, action: "order_received", status: "info", details: { receive_count: receiveCount } });
  if (deps.forceFailure) {
    structuredLog({ trace_id: trace, action: "forced_failure", status: "error", details: { receive_count: receiveCount } });
    throw new Error("FORCE FAIL: the worker is switched to fail on purpose");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(record.body);
  } catch {
    throw new Error("The message body is not JSON, so it is not an order");
  }
  const checked = checkOrder(parsed);
  if (!checked.ok) throw new Error(`The message is not a valid order: ${checked.error}`);
  if (deps.slowSeconds && deps.slowSeconds > 0) await (deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(deps.slowSeconds * 1000);
  const givenId = (parsed as { order_id?: unknown }).order_id;
  const order: StoredOrder = {
    order_id: typeof givenId === "string" && givenId.trim() ? givenId.trim().slice(0, 64) : record.messageId,
    ...checked.order,
    status: "RECEIVED",
    created_at: (deps.now?.() ?? new Date()).toISOString(),
    message_id: record.messageId,
  };
  try {
    await deps.documents.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: deps.ordersTable, Item: order, ConditionExpression: "attribute_not_exists(order_id)" } },
          {
            Update: {
              TableName: deps.menuTable,
              Key: { item: order.item },
              UpdateExpression: "ADD orders :quantity",
              ExpressionAttributeValues: { ":quantity": order.quantity },
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (isDuplicate(error)) {
      structuredLog({ trace_id: trace, action: "duplicate_skipped", status: "warning", details: { order_id: order.order_id, why: "already stored: a second delivery of the same message" } });
      return;
    }
    throw error;
  }
  structuredLog({ trace_id: trace, action: "order_stored", status: "success", details: { order_id: order.order_id, item: order.item, quantity: order.quantity, table: order.table_number } });
}

export function createOrderWorker(deps: OrderWorkerDeps) {
  return async (event: SQSEvent): Promise<void> => {
    for (const record of event.Records) await processRecord(record, deps);
  };
}

let lambdaWorker: ReturnType<typeof createOrderWorker> | undefined;

/** The Lambda entry point: clients from the execution role, tables from the environment. */
export const handler = (event: SQSEvent): Promise<void> => {
  lambdaWorker ??= createOrderWorker({
    documents: DynamoDBDocumentClient.from(new DynamoDBClient({})),
    ordersTable: process.env.ORDERS_TABLE ?? "CafeOrders",
    menuTable: process.env.MENU_TABLE ?? "CafeMenu",
    forceFailure: process.env.FORCE_FAILURE === "true",
    slowSeconds: Number(process.env.SLOW_SECONDS ?? 0),
  });
  return lambdaWorker(event);
};
