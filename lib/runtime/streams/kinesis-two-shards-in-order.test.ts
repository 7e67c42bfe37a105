import type { KinesisStreamEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { backendForTests, backendKindFor, eventually } from "../test/backend";
import { createStream, decode, putRecord } from "../test/streams";
import { owner, testRegistry } from "../test/test-registry";

const kind = await backendKindFor(["kinesis"]);

describe.skipIf(!kind)(`Kinesis: one poller per shard, each shard in order (${kind ?? "skipped: no local cloud Kinesis and no moto_server"})`, () => {
  const backend = backendForTests(["kinesis"]);

  it("delivers the records of two shards, each shard's in the order they were put", async () => {
    const stream = await createStream(backend, "activity", 2);
    const put: Record<string, string[]> = {};
    for (let i = 1; i <= 12; i += 1) {
      for (const index of [0, 1]) {
        const { shardId, sequenceNumber } = await putRecord(backend, stream, `shard${index}-event${i}`, { index, count: 2 });
        (put[shardId] ??= []).push(sequenceNumber);
      }
    }
    expect(Object.keys(put)).toHaveLength(2);

    const batches: Array<{ shardIds: string[]; data: string[]; sequenceNumbers: string[] }> = [];
    const registry = testRegistry(backend, {
      analytics: async (event: KinesisStreamEvent) => {
        batches.push({
          shardIds: event.Records.map((r) => r.eventID.split(":")[0]),
          data: event.Records.map((r) => decode(r.kinesis.data)),
          sequenceNumbers: event.Records.map((r) => r.kinesis.sequenceNumber),
        });
      },
    });
    await registry.create(owner, {
      functionName: "user3-kinesis-processor",
      handler: "analytics",
      eventSourceArn: stream.arn,
      startingPosition: "TRIM_HORIZON",
      batchSize: 5,
    });
    await eventually(backend, () => batches.flatMap((b) => b.data).length === 24, { stepSeconds: 0.5, what: "all 24 records" });

    for (const batch of batches) expect(new Set(batch.shardIds).size).toBe(1); // a batch never mixes shards
    for (const [shardId, sequenceNumbers] of Object.entries(put)) {
      const delivered = batches.filter((b) => b.shardIds[0] === shardId);
      expect(delivered.flatMap((b) => b.sequenceNumbers)).toEqual(sequenceNumbers);
      const index = delivered[0].data[0].slice("shard".length, "shard".length + 1);
      expect(delivered.flatMap((b) => b.data)).toEqual(Array.from({ length: 12 }, (_, i) => `shard${index}-event${i + 1}`));
      expect(Math.max(...delivered.map((b) => b.data.length))).toBeLessThanOrEqual(5);
    }
    const view = registry.list(owner)[0];
    expect(view.shards?.map((s) => s.state)).toEqual(["reading", "reading"]);
    expect(view.shards?.map((s) => s.checkpoint).sort()).toEqual(Object.values(put).map((seqs) => seqs[seqs.length - 1]).sort());
    expect(registry.logs.query(owner, { filter: { type: "mapping", text: "too fast" } })).toEqual([]);
    await registry.shutdown();
  });
});
