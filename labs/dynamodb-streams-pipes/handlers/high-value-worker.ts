/**
 * HighValueWorker: consumes what the pipe routes to the high-value queue (the clean payload its
 * input template writes) and puts each order up for a fraud check: it records reviewStatus,
 * routedBy and routedAt on the order. A payload routed twice changes nothing the second time.
 *
 * The amount may arrive as a number (from the queue's JSON body) or as text (a DynamoDB stream
 * image holds numbers as strings); both are read, anything else is reported.
 *
 * Deploy: Node.js 20+, environment ORDERS_TABLE, a role allowed dynamodb:UpdateItem on the table
 * and the SQS consumer actions; event source mapping on the high-value queue.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { structuredLog } from "@/lib/runtime/logs/structured-log";
import { describeJson } from "../order";
import { once, requiredEnv } from "./lambda-environment";

export const REVIEW_STATUS = "FRAUD_CHECK_QUEUED";

export interface HighValueWorkerOptions {
  documents: DynamoDBDocumentClient;
  tableName: string;
  now?: () => Date;
}

export type RoutedPayload = { ok: true; orderId: string; amount: number | null; routedBy: string; amountNote?: string } | { ok: false; reason: string };

/** Reads the pipe's payload; never throws. */
export function readRoutedPayload(body: string): RoutedPayload {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, reason: "the payload is not JSON" };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { ok: false, reason: `the payload must be an object, not ${describeJson(parsed)}` };
  const fields = parsed as Record<string, unknown>;
  if (typeof fields.orderId !== "string" || !fields.orderId) return { ok: false, reason: "the payload has no orderId" };
  const routedBy = typeof fields.routedBy === "string" && fields.routedBy ? fields.routedBy : "unknown pipe";
  const raw = fields.amount;
  if (typeof raw === "number" && Number.isFinite(raw)) return { ok: true, orderId: fields.orderId, amount: raw, routedBy };
  if (typeof raw === "string" && raw.trim() !== "" && Number.isFinite(Number(raw))) {
    return { ok: true, orderId: fields.orderId, amount: Number(raw), routedBy, amountNote: "the amount arrived as text and was read as a number" };
  }
  return { ok: true, orderId: fields.orderId, amount: null, routedBy, amountNote: `the amount is ${describeJson(raw)}` };
}

export function createHighValueWorker(options: HighValueWorkerOptions) {
  const now = options.now ?? (() => new Date());

  async function processRecord(record: SQSRecord): Promise<void> {
    const payload = readRoutedPayload(record.body);
    if (!payload.ok) {
      structuredLog({ trace_id: record.messageId, action: "payload_rejected", status: "warning", details: { reason: payload.reason } });
      return;
    }
    try {
      await options.documents.send(
        new UpdateCommand({
          TableName: options.tableName,
          Key: { orderId: payload.orderId },
          UpdateExpression: "SET reviewStatus = :review, routedAt = :at, routedBy = :by",
          ConditionExpression: "attribute_exists(orderId) AND attribute_not_exists(reviewStatus)",
          ExpressionAttributeValues: { ":review": REVIEW_STATUS, ":at": now().toISOString(), ":by": payload.routedBy },
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name !== "ConditionalCheckFailedException") throw error;
      structuredLog({ trace_id: payload.orderId, action: "review_unchanged", status: "info", details: { why: "already queued for review, or not in the table" } });
      return;
    }
    structuredLog({
      trace_id: payload.orderId,
      action: "fraud_check_queued",
      status: "success",
      details: { amount: payload.amount, routedBy: payload.routedBy, ...(payload.amountNote ? { note: payload.amountNote } : {}) },
    });
  }

  return async (event: SQSEvent): Promise<void> => {
    for (const record of event.Records) await processRecord(record);
  };
}

const fromEnvironment = once(() => createHighValueWorker({ documents: DynamoDBDocumentClient.from(new DynamoDBClient({})), tableName: requiredEnv("ORDERS_TABLE") }));

/** The Lambda entry point. */
export const handler = (event: SQSEvent): Promise<void> => fromEnvironment()(event);
