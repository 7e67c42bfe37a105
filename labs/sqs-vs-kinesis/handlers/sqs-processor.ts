/**
 * The queue processor: works through a batch of orders one by one (a high-priority order takes
 * 1 s, a normal one 2 s) and reports the orders it could not process as batch item failures, so
 * SQS deletes the rest and shows only those again after the visibility timeout. After three
 * receives SQS moves a failing order to the dead-letter queue.
 *
 * PROCESSING_TIME_SCALE in the function's environment scales the work time (the workbook sets 0.1
 * on the local cloud; on AWS it is unset, so the write-up's full seconds).
 */
import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { structuredLog } from "@/lib/runtime/logs/structured-log";
import { HIGH_PRIORITY_WORK_MS, NORMAL_PRIORITY_WORK_MS } from "../settings";
import type { Order } from "./orders";

export interface QueueProcessorOptions {
  /** Multiplies the work time per order (1: the write-up's 1 s and 2 s). */
  timeScale?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** One message of a batch as the processor saw it (logged once per batch, as `batch_processed`). */
export interface ProcessedMessage {
  messageId: string;
  orderId: string;
  priority: string;
  receiveCount: number;
  /** When SQS accepted the message (epoch ms, its SentTimestamp). */
  sentAt: number;
  ok: boolean;
  reason?: string;
  workMs?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function timeScaleOf(value: string | undefined): number {
  const scale = Number(value);
  return value !== undefined && Number.isFinite(scale) && scale > 0 && scale <= 1 ? scale : 1;
}

function readOrder(record: SQSRecord): { order: Partial<Order> } | { error: string } {
  try {
    const parsed: unknown = JSON.parse(record.body);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { error: "the body is not a JSON object" };
    return { order: parsed as Partial<Order> };
  } catch {
    return { error: "the body is not JSON" };
  }
}

async function processOne(record: SQSRecord, scale: number, sleep: (ms: number) => Promise<void>): Promise<ProcessedMessage> {
  const base = {
    messageId: record.messageId,
    receiveCount: Number(record.attributes.ApproximateReceiveCount),
    sentAt: Number(record.attributes.SentTimestamp),
  };
  const priority = record.messageAttributes?.Priority?.stringValue ?? "normal";
  const read = readOrder(record);
  if ("error" in read) {
    structuredLog({ trace_id: record.messageId, action: "order_failed", status: "error", details: { reason: read.error } });
    return { ...base, orderId: "unknown", priority, ok: false, reason: read.error };
  }
  const orderId = read.order.orderId ?? "unknown";
  if (read.order.simulateFailure === true) {
    const reason = `simulated processing failure for ${orderId}`;
    structuredLog({ trace_id: record.messageId, action: "order_failed", status: "error", details: { orderId, priority, receiveCount: base.receiveCount, reason } });
    return { ...base, orderId, priority, ok: false, reason };
  }
  const workMs = Math.round((priority === "high" ? HIGH_PRIORITY_WORK_MS : NORMAL_PRIORITY_WORK_MS) * scale);
  await sleep(workMs);
  structuredLog({
    trace_id: record.messageId,
    action: "order_processed",
    status: "success",
    details: { orderId, priority, amount: read.order.amount ?? null, items: read.order.items?.length ?? 0, receiveCount: base.receiveCount, workMs },
  });
  return { ...base, orderId, priority, ok: true, workMs };
}

export function createQueueProcessor(options: QueueProcessorOptions = {}) {
  const scale = options.timeScale ?? 1;
  const sleep = options.sleep ?? realSleep;
  return async function queueProcessor(event: SQSEvent): Promise<SQSBatchResponse> {
    const processed: ProcessedMessage[] = [];
    for (const record of event.Records) processed.push(await processOne(record, scale, sleep));
    const failures = processed.filter((m) => !m.ok);
    structuredLog({
      trace_id: event.Records[0]?.messageId ?? "empty",
      action: "batch_processed",
      status: failures.length ? "warning" : "success",
      details: { size: processed.length, failed: failures.length, messages: processed as unknown as Record<string, unknown>[] },
    });
    return { batchItemFailures: failures.map((m) => ({ itemIdentifier: m.messageId })) };
  };
}

/** Lambda's entry point. */
export const handler = (event: SQSEvent) => createQueueProcessor({ timeScale: timeScaleOf(process.env.PROCESSING_TIME_SCALE) })(event);
