import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListTagsForStreamCommand,
  PutRecordCommand,
  PutRecordsCommand,
} from "@aws-sdk/client-kinesis";
import { afterAll, describe, expect, it } from "vitest";
import { startTestCloud } from "../test/harness";
import { createActiveStream, kinesisClient } from "./test-support";

describe("Kinesis state across a restart", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kinesis-restart-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("keeps streams, settings, tags and records in order, and numbers new records after the old ones", async () => {
    const first = await startTestCloud({ dataDir, flushIntervalMs: 10 });
    const before = kinesisClient(first);
    await createActiveStream(first, before, { StreamName: "analytics", ShardCount: 2, Tags: { Project: "ServerlessLab" } });
    const sent = await before.send(
      new PutRecordsCommand({
        StreamName: "analytics",
        Records: Array.from({ length: 20 }, (_, i) => ({ PartitionKey: `user-${i % 4}`, Data: Buffer.from(`click-${i}`) })),
      }),
    );
    before.destroy();
    await first.close();

    const second = await startTestCloud({ dataDir });
    const after = kinesisClient(second);
    try {
      const summary = await after.send(new DescribeStreamSummaryCommand({ StreamName: "analytics" }));
      expect(summary.StreamDescriptionSummary).toMatchObject({ StreamStatus: "ACTIVE", OpenShardCount: 2 });
      const tags = await after.send(new ListTagsForStreamCommand({ StreamName: "analytics" }));
      expect(tags.Tags).toEqual([{ Key: "Project", Value: "ServerlessLab" }]);

      const extra = await after.send(new PutRecordCommand({ StreamName: "analytics", PartitionKey: "user-0", Data: Buffer.from("after-restart") }));
      for (const shardId of ["shardId-000000000000", "shardId-000000000001"]) {
        const { ShardIterator } = await after.send(new GetShardIteratorCommand({ StreamName: "analytics", ShardId: shardId, ShardIteratorType: "TRIM_HORIZON" }));
        const got = await after.send(new GetRecordsCommand({ ShardIterator }));
        const expected = (sent.Records ?? []).filter((r) => r.ShardId === shardId).map((r) => r.SequenceNumber);
        if (extra.ShardId === shardId) expected.push(extra.SequenceNumber);
        expect(got.Records?.map((r) => r.SequenceNumber)).toEqual(expected);
      }
    } finally {
      after.destroy();
      await second.close();
    }
  });
});
