/**
 * What the processors did, read back from the lab's live log: each SQS batch (which messages,
 * which failed, receive counts), each Kinesis batch per shard (retries, records skipped after the
 * retries ran out) and the running analytics (the merge of every successful batch's summary).
 * Pure: the lab's live state computes these on the server from `ctx.runtime.logs()`.
 */
import type { LogLine } from "@/lib/runtime";
import { emptySummary, mergeSummaries, type AnalyticsSummary } from "./analytics";
import type { ProcessedRecord } from "./handlers/kinesis-processor";
import type { ProcessedMessage } from "./handlers/sqs-processor";

type Line = LogLine & { seq?: number };
type HandlerLine = Extract<LogLine, { type: "handler" }>;
type InvocationLine = Extract<LogLine, { type: "invocation" }>;

export interface SqsBatchView {
  requestId: string;
  /** When the invocation ended (the runtime's clock). */
  at: string;
  durationMs: number | null;
  outcome: InvocationLine["outcome"] | "running";
  size: number;
  failed: number;
  messages: ProcessedMessage[];
}

export interface StreamBatchView {
  requestId: string;
  at: string;
  shardId: string;
  size: number;
  outcome: InvocationLine["outcome"] | "running";
  durationMs: number | null;
  /** Why it failed, for a failed invocation. */
  error?: string;
  records: ProcessedRecord[];
}

export interface SkippedBatch {
  at: string;
  shardId: string;
  count: number;
  startSequenceNumber: string;
  endSequenceNumber: string;
}

export interface StreamActivity {
  batches: StreamBatchView[];
  /** Invocations that failed (each one is retried, or ends in a skip). */
  failedInvocations: number;
  skipped: SkippedBatch[];
  /** Shards whose latest batch failed and has not been retried successfully or skipped yet. */
  waitingShards: string[];
  analytics: AnalyticsSummary;
}

function invocationsOf(lines: readonly Line[], functionName: string): Map<string, InvocationLine> {
  const out = new Map<string, InvocationLine>();
  for (const line of lines) if (line.type === "invocation" && line.function === functionName) out.set(line.requestId, line);
  return out;
}

function handlerLines(lines: readonly Line[], functionName: string, action: string): HandlerLine[] {
  return lines.filter((l): l is HandlerLine & { seq?: number } => l.type === "handler" && l.function === functionName && l.action === action);
}

/** The queue processor's batches, newest first. */
export function sqsBatches(lines: readonly Line[], functionName: string, limit = 30): SqsBatchView[] {
  const invocations = invocationsOf(lines, functionName);
  const seen = new Set<string>();
  const batches: SqsBatchView[] = [];
  for (const line of handlerLines(lines, functionName, "batch_processed")) {
    seen.add(line.requestId);
    const invocation = invocations.get(line.requestId);
    const messages = Array.isArray(line.details.messages) ? (line.details.messages as ProcessedMessage[]) : [];
    batches.push({
      requestId: line.requestId,
      at: invocation?.timestamp ?? line.timestamp,
      durationMs: invocation?.durationMs ?? null,
      outcome: invocation?.outcome ?? "running",
      size: messages.length,
      failed: messages.filter((m) => !m.ok).length,
      messages,
    });
  }
  // Invocations that ended without a batch summary (a timeout, a crash) are batches too.
  for (const invocation of invocations.values()) {
    if (seen.has(invocation.requestId) || invocation.eventSource !== "aws:sqs") continue;
    batches.push({ requestId: invocation.requestId, at: invocation.timestamp, durationMs: invocation.durationMs, outcome: invocation.outcome, size: invocation.batchSize, failed: invocation.batchSize, messages: [] });
  }
  return batches.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
}

/** The stream processor's batches, retries, skips and running analytics. */
export function streamActivity(lines: readonly Line[], functionName: string, limit = 30): StreamActivity {
  const invocations = invocationsOf(lines, functionName);
  const batches: StreamBatchView[] = [];
  let analytics = emptySummary();
  for (const line of handlerLines(lines, functionName, "analytics_batch")) {
    const invocation = invocations.get(line.requestId);
    // A batch that timed out after logging its summary did not count: it is retried.
    if (invocation && invocation.outcome !== "success") continue;
    const records = Array.isArray(line.details.records) ? (line.details.records as ProcessedRecord[]) : [];
    batches.push({
      requestId: line.requestId,
      at: invocation?.timestamp ?? line.timestamp,
      shardId: String(line.details.shardId ?? ""),
      size: records.length,
      outcome: invocation?.outcome ?? "running",
      durationMs: invocation?.durationMs ?? null,
      records,
    });
    if (line.details.summary && typeof line.details.summary === "object") analytics = mergeSummaries(analytics, line.details.summary as AnalyticsSummary);
  }
  let failedInvocations = 0;
  for (const line of handlerLines(lines, functionName, "record_unreadable")) {
    const invocation = invocations.get(line.requestId);
    failedInvocations += 1;
    batches.push({
      requestId: line.requestId,
      at: invocation?.timestamp ?? line.timestamp,
      shardId: String(line.details.shardId ?? ""),
      size: Number(line.details.batchSize ?? 0),
      outcome: invocation?.outcome ?? "error",
      durationMs: invocation?.durationMs ?? null,
      error: invocation?.error ?? `Record ${String(line.details.sequenceNumber ?? "")} is not JSON.`,
      records: [],
    });
  }
  const skipped: SkippedBatch[] = [];
  for (const line of lines) {
    // The mapping's line for a discarded batch: its details name the condition and the sequence range.
    if (line.type !== "mapping" || line.function !== functionName || !line.details?.condition || !line.details.startSequenceNumber) continue;
    const details = line.details;
    skipped.push({
      at: line.timestamp,
      shardId: String(details.shardId ?? ""),
      count: Number(/(\d+) records/.exec(line.message)?.[1] ?? 0),
      startSequenceNumber: String(details.startSequenceNumber ?? ""),
      endSequenceNumber: String(details.endSequenceNumber ?? ""),
    });
  }
  batches.sort((a, b) => b.at.localeCompare(a.at));
  const waitingShards: string[] = [];
  const shards = new Set(batches.map((b) => b.shardId));
  for (const shardId of shards) {
    const latest = batches.find((b) => b.shardId === shardId);
    const skippedSince = skipped.some((s) => s.shardId === shardId && latest && s.at >= latest.at);
    if (latest && latest.outcome !== "success" && latest.outcome !== "running" && !skippedSince) waitingShards.push(shardId);
  }
  return { batches: batches.slice(0, limit), failedInvocations, skipped: skipped.reverse(), waitingShards: waitingShards.sort(), analytics };
}
