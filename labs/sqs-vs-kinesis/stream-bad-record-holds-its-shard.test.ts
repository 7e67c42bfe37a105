/**
 * Steps 3, 6 and 7 through the runtime: the stream trigger reads from LATEST, the processor's
 * summaries add up to running analytics, and a record it cannot read fails its batch, which is
 * retried three times while its shard waits (the other shard goes on) and then skipped with the
 * good records in it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { check, fastForward, labContext, live, runAction, waitFor } from "./lab-test-support";
import type { KinesisLabContext } from "./resources";
import type { PutEventsResult } from "./steps/kinesis-producer";

let cloud: LocalCloud;
let context: KinesisLabContext;
beforeAll(async () => {
  cloud = await startTestCloud();
  context = await labContext(cloud, "shard1");
});
afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

describe("the stream path", () => {
  it("creates the stream, explains where each record went, and refuses events while it is CREATING", async () => {
    expect((await runAction(context, "stream", "create-stream")).message).toBe("Asked Kinesis to create shard1-analytics-stream with 2 shards; it is CREATING.");
    expect(await check(context, "stream")).toMatchObject({ passed: false, reason: "shard1-analytics-stream is creating, not active yet." });
    await expect(runAction(context, "kinesis-producer", "put-events", { eventType: "transaction", eventCount: 3 })).rejects.toThrow("shard1-analytics-stream is creating, not active.");
    await fastForward(cloud, [context], 5);
    expect(await check(context, "stream")).toMatchObject({ passed: true, reason: "shard1-analytics-stream is active with 2 provisioned shards and 24 h retention." });

    const put = (await runAction(context, "kinesis-producer", "put-events", { eventType: "transaction", eventCount: 12 })).data as unknown as PutEventsResult;
    expect(put.records).toHaveLength(12);
    for (const record of put.records) {
      expect(record.predictedShardId).toBe(record.shardId);
      expect(BigInt(record.hashKey)).toBe(BigInt(`0x${record.md5}`));
      expect(BigInt(record.hashKey) >= BigInt(record.range?.start ?? "x") && BigInt(record.hashKey) <= BigInt(record.range?.end ?? "x")).toBe(true);
    }
    expect(await check(context, "kinesis-producer")).toMatchObject({ passed: true, reason: "The stream holds 12 records." });
  });

  it("reads only what arrives after the trigger (LATEST) and adds the batch summaries up", async () => {
    await runAction(context, "stream-processor", "connect-processor");
    expect(await check(context, "stream-processor")).toMatchObject({ passed: false });
    await runAction(context, "stream-processor", "put-mixed-events");
    await fastForward(cloud, [context], 6);
    const state = await waitFor(async () => {
      const s = await live(context);
      return s.stream.analytics.records === 30 ? s : null;
    }, "30 events summarised");
    // The 12 transactions of step 6 came before the trigger: LATEST never reads them.
    expect(state.stream.analytics.byType).toEqual({ user_activity: 10, transaction: 10, system_metric: 10 });
    expect(state.stream.analytics.transactionCount).toBe(10);
    expect(state.stream.batches.every((b) => b.outcome === "success" && b.size <= 10)).toBe(true);
    expect(await check(context, "stream-processor")).toMatchObject({ passed: false, reason: "Analytics are running. Now put a record that is not JSON, and watch its shard wait." });
  }, 40_000);

  it("retries a batch with a bad record while its shard waits, then skips it with the good records in it", async () => {
    const bad = (await runAction(context, "stream-processor", "put-bad-record")).data as { shardId: string; goodBehind: number };
    const otherShard = bad.shardId.endsWith("0") ? "shardId-000000000001" : "shardId-000000000000";
    await fastForward(cloud, [context], 6);
    // The bad record's shard waits; the other shard's good events go through meanwhile.
    const summarised = 30 + (10 - bad.goodBehind);
    const waiting = await waitFor(async () => {
      const s = await live(context);
      return s.stream.waitingShards.includes(bad.shardId) && s.stream.analytics.records === summarised ? s : null;
    }, "the shard to wait while the other goes on");
    expect(waiting.stream.waitingShards).toEqual([bad.shardId]);
    expect(waiting.diagram.edges.toStreamProcessor).toBe("retrying · 1 shard waiting");
    expect(waiting.stream.batches.some((b) => b.shardId === otherShard && b.outcome === "success" && b.records.some((r) => r.eventType === "user_activity"))).toBe(true);

    for (let i = 0; i < 4; i++) await fastForward(cloud, [context], 11);
    const skipped = await waitFor(async () => {
      const s = await live(context);
      return s.stream.skipped.length ? s : null;
    }, "the skip");
    expect(skipped.stream.failedInvocations).toBe(4);
    expect(skipped.stream.waitingShards).toEqual([]);
    // A batch holds at most 10 records: the bad one and the good ones behind it, up to 9.
    const lost = Math.min(10, 1 + bad.goodBehind);
    expect(skipped.stream.skipped[0]).toMatchObject({ shardId: bad.shardId, count: lost });
    if (lost < 1 + bad.goodBehind) await fastForward(cloud, [context], 6);
    await waitFor(async () => (await live(context)).stream.analytics.records === summarised + (1 + bad.goodBehind - lost), "the records after the skipped batch");
    const result = await check(context, "stream-processor");
    expect(result).toMatchObject({ passed: true });
    expect(result.reason).toBe(`${summarised + (1 + bad.goodBehind - lost)} events summarised; a failing batch of ${lost} records in ${bad.shardId} was retried 3 times and skipped.`);
  }, 60_000);
});
