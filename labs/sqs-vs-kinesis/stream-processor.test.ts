/**
 * The stream processor logs one analytics summary per batch (with the records it read) and an
 * alert per hot host; a record it cannot read fails the whole invocation so the batch is retried.
 */
import { describe, expect, it } from "vitest";
import type { AnalyticsSummary } from "./analytics";
import { streamProcessor, UnreadableRecordError, type ProcessedRecord } from "./handlers/kinesis-processor";
import { kinesisRecord, withLogs } from "./test-support";

describe("stream processor", () => {
  it("summarises a batch and logs alerts above the thresholds", async () => {
    const records = [
      kinesisRecord(JSON.stringify({ eventType: "user_activity", userId: "USER-1" }), "USER-1", { arrivedAt: 1_700_000_001_250 }),
      kinesisRecord(JSON.stringify({ eventType: "system_metric", metricName: "cpu_usage", value: 93.2, hostname: "server-04", unit: "percent" }), "server-04"),
      kinesisRecord(JSON.stringify({ eventType: "transaction", amount: 12.5, status: "completed", customerId: "CUST-1" }), "CUST-1"),
    ];
    const { error, logs } = await withLogs(() => streamProcessor({ Records: records }));
    expect(error).toBeUndefined();
    const batch = logs.find((l) => l.action === "analytics_batch");
    expect(batch?.details.shardId).toBe("shardId-000000000000");
    expect((batch?.details.records as ProcessedRecord[]).map((r) => [r.partitionKey, r.eventType])).toEqual([
      ["USER-1", "user_activity"],
      ["server-04", "system_metric"],
      ["CUST-1", "transaction"],
    ]);
    expect((batch?.details.records as ProcessedRecord[])[0].arrivedAt).toBe(1_700_000_001_250);
    const summary = batch?.details.summary as AnalyticsSummary;
    expect(summary.byType).toEqual({ user_activity: 1, system_metric: 1, transaction: 1 });
    expect(summary.transactions.totalCents).toBe(1250);
    expect(logs.filter((l) => l.action === "high_cpu_alert").map((l) => l.details)).toEqual([{ hostname: "server-04", value: 93.2, threshold: 80 }]);
  });

  it("fails the whole batch on a record that is not JSON, naming it, and logs no summary", async () => {
    const bad = kinesisRecord("<xml>oops</xml>", "USER-9", { sequenceNumber: "49000000000000000000000000001", shardId: "shardId-000000000001" });
    const { error, logs } = await withLogs(() => streamProcessor({ Records: [kinesisRecord('{"eventType":"user_activity","userId":"U"}', "U"), bad] }));
    expect(error).toBeInstanceOf(UnreadableRecordError);
    expect((error as Error).message).toBe("Record 49000000000000000000000000001 (partition key USER-9) is not JSON.");
    expect(logs.map((l) => l.action)).toEqual(["record_unreadable"]);
    expect(logs[0].details).toMatchObject({ shardId: "shardId-000000000001", partitionKey: "USER-9", batchSize: 2 });
    const { error: arrayError } = await withLogs(() => streamProcessor({ Records: [kinesisRecord("[1,2]", "K")] }));
    expect((arrayError as Error).message).toContain("is not a JSON object");
  });
});
