/**
 * The stream processor: summarises each batch of analytics events (counts by type, active users,
 * transactions by status, metric averages and maxima, high CPU and memory alerts) and logs the
 * summary, which the lab's live panel adds up into running totals.
 *
 * A record it cannot read fails the whole invocation, on purpose: the event source mapping then
 * retries the same batch, and the shard waits behind it until the retries run out and the batch
 * is skipped (the write-up's processor swallowed such errors, so nothing was ever retried).
 */
import type { KinesisStreamEvent, KinesisStreamRecord } from "aws-lambda";
import { structuredLog } from "@/lib/runtime/logs/structured-log";
import { addEvent, emptySummary, HIGH_CPU_PERCENT, HIGH_MEMORY_PERCENT } from "../analytics";

/** One record of a batch as the processor saw it (logged once per batch, as `analytics_batch`). */
export interface ProcessedRecord {
  sequenceNumber: string;
  partitionKey: string;
  /** When Kinesis accepted the record (epoch ms). */
  arrivedAt: number;
  eventType: string;
}

export class UnreadableRecordError extends Error {
  constructor(record: KinesisStreamRecord, reason: string) {
    super(`Record ${record.kinesis.sequenceNumber} (partition key ${record.kinesis.partitionKey}) ${reason}.`);
    this.name = "UnreadableRecordError";
  }
}

function shardOf(record: KinesisStreamRecord): string {
  return record.eventID.split(":")[0];
}

function decode(record: KinesisStreamRecord): Record<string, unknown> {
  const text = Buffer.from(record.kinesis.data, "base64").toString("utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UnreadableRecordError(record, "is not JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new UnreadableRecordError(record, "is not a JSON object");
  return parsed as Record<string, unknown>;
}

export async function streamProcessor(event: KinesisStreamEvent): Promise<void> {
  const summary = emptySummary();
  const records: ProcessedRecord[] = [];
  for (const record of event.Records) {
    let data: Record<string, unknown>;
    try {
      data = decode(record);
    } catch (error) {
      structuredLog({
        trace_id: record.eventID,
        action: "record_unreadable",
        status: "error",
        details: { shardId: shardOf(record), sequenceNumber: record.kinesis.sequenceNumber, partitionKey: record.kinesis.partitionKey, batchSize: event.Records.length },
      });
      throw error;
    }
    addEvent(summary, data);
    records.push({
      sequenceNumber: record.kinesis.sequenceNumber,
      partitionKey: record.kinesis.partitionKey,
      arrivedAt: Math.round(record.kinesis.approximateArrivalTimestamp * 1000),
      eventType: typeof data.eventType === "string" ? data.eventType : "unknown",
    });
  }
  for (const alert of summary.alerts) {
    structuredLog({
      trace_id: alert.hostname,
      action: alert.kind === "high_cpu" ? "high_cpu_alert" : "high_memory_alert",
      status: "warning",
      details: { hostname: alert.hostname, value: alert.value, threshold: alert.kind === "high_cpu" ? HIGH_CPU_PERCENT : HIGH_MEMORY_PERCENT },
    });
  }
  const first = event.Records[0];
  structuredLog({
    trace_id: first?.eventID ?? "empty",
    action: "analytics_batch",
    status: "success",
    details: {
      shardId: first ? shardOf(first) : "",
      size: records.length,
      records: records as unknown as Record<string, unknown>[],
      summary: summary as unknown as Record<string, unknown>,
    },
  });
}

/** Lambda's entry point. */
export const handler = streamProcessor;
