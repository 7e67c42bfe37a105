/**
 * The comparison table's figures from batches: items finishing after a later-sent one, order per
 * partition key, retries, skipped records, latency percentiles and throughput.
 */
import { describe, expect, it } from "vitest";
import type { SqsBatchView, StreamBatchView } from "./activity";
import { latencySummary, measureKinesis, measureSqs } from "./comparison";
import type { ComparisonRun } from "./comparison-runs";

const T0 = Date.parse("2025-01-01T00:00:00Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();

const run: ComparisonRun = {
  id: "r",
  startedAt: at(0),
  cloudStartedAt: T0,
  sqs: ["m1", "m2", "m3", "m4"].map((messageId) => ({ messageId, orderId: `O-${messageId}` })),
  kinesis: [
    { sequenceNumber: "101", partitionKey: "A", shardId: "s0" },
    { sequenceNumber: "102", partitionKey: "A", shardId: "s0" },
    { sequenceNumber: "201", partitionKey: "B", shardId: "s1" },
    { sequenceNumber: "202", partitionKey: "B", shardId: "s1" },
    { sequenceNumber: "203", partitionKey: "C", shardId: "s1" },
  ],
};

const message = (messageId: string, ok = true, receiveCount = 1) => ({ messageId, orderId: `O-${messageId}`, priority: "normal", receiveCount, sentAt: T0, ok });
const sqsBatch = (ms: number, messages: SqsBatchView["messages"]): SqsBatchView => ({ requestId: `q${ms}`, at: at(ms), durationMs: 1, outcome: "success", size: messages.length, failed: messages.filter((m) => !m.ok).length, messages });
const record = (sequenceNumber: string, partitionKey: string) => ({ sequenceNumber, partitionKey, arrivedAt: T0, eventType: "user_activity" });
const streamBatch = (ms: number, shardId: string, records: StreamBatchView["records"], outcome: StreamBatchView["outcome"] = "success"): StreamBatchView => ({ requestId: `k${ms}`, at: at(ms), shardId, size: records.length, outcome, durationMs: 1, records });

describe("comparison measurements", () => {
  it("counts SQS orders that finished after a later-sent one, and messages received again", () => {
    const measured = measureSqs(run, [
      sqsBatch(1000, [message("m2"), message("m1", false)]),
      sqsBatch(2000, [message("m4")]),
      sqsBatch(4000, [message("m3"), message("m1", true, 2), message("other")]),
    ]);
    // Finished in the order m2, m4, m3, m1: m3 and m1 finished after m4, which was sent later.
    expect(measured).toMatchObject({ sent: 4, processed: 4, outOfOrder: 2, retried: 1, failed: 1, batches: 3, largestBatch: 3, elapsedSeconds: 4, perSecond: 1 });
    expect(measured.latency).toEqual({ median: 2000, p95: 4000, max: 4000 });
  });

  it("checks Kinesis order per partition key, and counts records skipped with a failed batch", () => {
    const measured = measureKinesis(
      run,
      [
        streamBatch(1000, "s1", [record("202", "B"), record("203", "C")]),
        streamBatch(2000, "s1", [record("201", "B")]),
        streamBatch(1500, "s0", [], "error"),
      ],
      [{ at: at(2500), shardId: "s0", count: 2, startSequenceNumber: "101", endSequenceNumber: "102" }],
    );
    expect(measured).toMatchObject({ sent: 5, processed: 3, outOfOrder: 1, keys: 3, retried: 1, failed: 2, batches: 2 });
  });

  it("summarises latencies by nearest rank", () => {
    expect(latencySummary([])).toBeNull();
    expect(latencySummary([5])).toEqual({ median: 5, p95: 5, max: 5 });
    expect(latencySummary(Array.from({ length: 20 }, (_, i) => (i + 1) * 10))).toEqual({ median: 100, p95: 190, max: 200 });
  });
});
