/**
 * The side-by-side comparison, measured: for the messages and records one comparison run sent,
 * how many were processed, how fast, how long each waited, in what order, and what was retried.
 * Pure: the server computes it from the processors' batches as the live state refreshes.
 */
import type { SkippedBatch, SqsBatchView, StreamBatchView } from "./activity";
import type { ComparisonRun } from "./comparison-runs";

export interface LatencySummary {
  /** Milliseconds from send (SQS SentTimestamp, Kinesis arrival) to the end of the batch that processed it. */
  median: number;
  p95: number;
  max: number;
}

export interface SideMeasurement {
  sent: number;
  processed: number;
  /** Seconds from the first send to the last processed item; null until one is processed. */
  elapsedSeconds: number | null;
  perSecond: number | null;
  latency: LatencySummary | null;
  batches: number;
  largestBatch: number;
  /** SQS: items that finished after an item sent later. Kinesis: partition keys whose records finished out of order. */
  outOfOrder: number;
  /** Kinesis: distinct partition keys; SQS: 0. */
  keys: number;
  /** SQS: messages received more than once. Kinesis: failed invocations while the run was processed. */
  retried: number;
  /** SQS: failed attempts reported. Kinesis: records skipped after their retries. */
  failed: number;
}

export interface ComparisonView {
  id: string;
  startedAt: string;
  done: boolean;
  sqs: SideMeasurement;
  kinesis: SideMeasurement;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function latencySummary(values: number[]): LatencySummary | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] };
}

function rate(processed: number, firstSent: number, lastDone: number): { elapsedSeconds: number | null; perSecond: number | null } {
  if (!processed || !Number.isFinite(firstSent) || !Number.isFinite(lastDone)) return { elapsedSeconds: null, perSecond: null };
  const seconds = Math.max(0.001, (lastDone - firstSent) / 1000);
  return { elapsedSeconds: Math.round(seconds * 10) / 10, perSecond: Math.round((processed / seconds) * 10) / 10 };
}

export function measureSqs(run: ComparisonRun, batches: readonly SqsBatchView[]): SideMeasurement {
  const sendOrder = new Map(run.sqs.map((m, i) => [m.messageId, i]));
  const ordered = [...batches].sort((a, b) => a.at.localeCompare(b.at));
  const finished: Array<{ index: number; at: number; latency: number }> = [];
  const done = new Set<string>();
  const retried = new Set<string>();
  let failed = 0;
  let batchCount = 0;
  let largest = 0;
  let firstSent = Infinity;
  for (const batch of ordered) {
    const ours = batch.messages.filter((m) => sendOrder.has(m.messageId));
    if (!ours.length) continue;
    batchCount += 1;
    largest = Math.max(largest, batch.messages.length);
    const at = Date.parse(batch.at);
    for (const m of ours) {
      firstSent = Math.min(firstSent, m.sentAt);
      if (m.receiveCount > 1) retried.add(m.messageId);
      if (!m.ok) {
        failed += 1;
        continue;
      }
      if (done.has(m.messageId)) continue;
      done.add(m.messageId);
      finished.push({ index: sendOrder.get(m.messageId) ?? 0, at, latency: at - m.sentAt });
    }
  }
  // An item is out of order when an item sent after it finished before it (batch order, then place in the batch).
  let outOfOrder = 0;
  let latestIndex = -1;
  for (const item of finished) {
    if (item.index < latestIndex) outOfOrder += 1;
    latestIndex = Math.max(latestIndex, item.index);
  }
  return {
    sent: run.sqs.length,
    processed: finished.length,
    ...rate(finished.length, firstSent, Math.max(...finished.map((f) => f.at))),
    latency: latencySummary(finished.map((f) => f.latency)),
    batches: batchCount,
    largestBatch: largest,
    outOfOrder,
    keys: 0,
    retried: retried.size,
    failed,
  };
}

function inSequenceRange(sequenceNumber: string, batch: SkippedBatch): boolean {
  if (!batch.startSequenceNumber || !batch.endSequenceNumber) return false;
  const n = BigInt(sequenceNumber);
  return n >= BigInt(batch.startSequenceNumber) && n <= BigInt(batch.endSequenceNumber);
}

export function measureKinesis(run: ComparisonRun, batches: readonly StreamBatchView[], skipped: readonly SkippedBatch[] = []): SideMeasurement {
  const ours = new Map(run.kinesis.map((r) => [r.sequenceNumber, r]));
  const ordered = [...batches].sort((a, b) => a.at.localeCompare(b.at));
  const done = new Map<string, { at: number; latency: number; key: string; sequence: bigint }>();
  const finishOrder: string[] = [];
  let batchCount = 0;
  let largest = 0;
  let firstSent = Infinity;
  let failedInvocations = 0;
  for (const batch of ordered) {
    const mine = batch.records.filter((r) => ours.has(r.sequenceNumber));
    if (batch.outcome === "success" && mine.length) {
      batchCount += 1;
      largest = Math.max(largest, batch.records.length);
      const at = Date.parse(batch.at);
      for (const r of mine) {
        firstSent = Math.min(firstSent, r.arrivedAt);
        if (done.has(r.sequenceNumber)) continue;
        done.set(r.sequenceNumber, { at, latency: at - r.arrivedAt, key: r.partitionKey, sequence: BigInt(r.sequenceNumber) });
        finishOrder.push(r.sequenceNumber);
      }
    }
  }
  for (const batch of ordered) if (batch.outcome !== "success" && Date.parse(batch.at) >= run.cloudStartedAt) failedInvocations += 1;
  // Per partition key, records must finish in sequence-number order.
  const lastByKey = new Map<string, bigint>();
  const unordered = new Set<string>();
  for (const sequenceNumber of finishOrder) {
    const item = done.get(sequenceNumber);
    if (!item) continue;
    const previous = lastByKey.get(item.key);
    if (previous !== undefined && item.sequence < previous) unordered.add(item.key);
    lastByKey.set(item.key, previous !== undefined && previous > item.sequence ? previous : item.sequence);
  }
  const items = [...done.values()];
  return {
    sent: run.kinesis.length,
    processed: items.length,
    ...rate(items.length, firstSent, Math.max(...items.map((i) => i.at))),
    latency: latencySummary(items.map((i) => i.latency)),
    batches: batchCount,
    largestBatch: largest,
    outOfOrder: unordered.size,
    keys: new Set(run.kinesis.map((r) => r.partitionKey)).size,
    retried: failedInvocations,
    failed: run.kinesis.filter((r) => !done.has(r.sequenceNumber) && skipped.some((s) => s.shardId === r.shardId && inSequenceRange(r.sequenceNumber, s))).length,
  };
}

export function measureComparison(run: ComparisonRun, sqs: readonly SqsBatchView[], kinesis: readonly StreamBatchView[], skipped: readonly SkippedBatch[] = []): ComparisonView {
  const sqsSide = measureSqs(run, sqs);
  const kinesisSide = measureKinesis(run, kinesis, skipped);
  return {
    id: run.id,
    startedAt: run.startedAt,
    done: sqsSide.processed >= sqsSide.sent && kinesisSide.processed + kinesisSide.failed >= kinesisSide.sent,
    sqs: sqsSide,
    kinesis: kinesisSide,
  };
}
