/**
 * The Kinesis inspector reads the same shards, ranges and records through the local cloud's
 * inspection route (side-effect free) and through GetRecords (what it does on AWS).
 */
import { CreateStreamCommand, PutRecordCommand, waitUntilStreamExists } from "@aws-sdk/client-kinesis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLabContext } from "@/lib/lab-framework/context";
import { defineLab, defineResources } from "@/lib/lab-framework/define";
import type { LabContext } from "@/lib/lab-framework/types";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { readKinesisStream } from "./read-kinesis-stream";

const resources = defineResources({ stream: { kind: "kinesis-stream", name: "clicks", description: "" } });
const lab = defineLab({ id: "stream-reader-test", order: 99, title: "Reader", summary: "", minutes: 1, level: "beginner", services: [], resources, steps: [] });

let cloud: LocalCloud;
let context: LabContext<typeof resources>;
let withoutInspection: LabContext<typeof resources>;
beforeAll(async () => {
  cloud = await startTestCloud();
  context = await createLabContext(lab, { connection: { mode: "endpoint", endpoint: cloud.endpoint }, region: "us-east-1", prefix: "user3" }, AbortSignal.timeout(30_000));
  withoutInspection = { ...context, connection: { ...context.connection, capabilities: { ...context.connection.capabilities, inspect: false } } };
});
afterAll(async () => {
  await cloud?.close();
});

describe("reading a Kinesis stream for the inspector", () => {
  it("says when the stream is missing, then creating, then shows its shards and records", async () => {
    const name = context.names.stream;
    expect(await readKinesisStream(context, name)).toEqual({ kind: "kinesis", streamName: name, status: "MISSING", shards: [] });

    await context.aws.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 2 }));
    expect((await readKinesisStream(context, name)).status).toBe("CREATING");
    cloud.clock.advance(5_000);
    await waitUntilStreamExists({ client: context.aws.kinesis, maxWaitTime: 20, minDelay: 0.05 }, { StreamName: name });

    const sent: Record<string, string> = {};
    for (let i = 0; i < 12; i++) {
      const PartitionKey = `USER-${i}`;
      const { ShardId = "" } = await context.aws.kinesis.send(
        new PutRecordCommand({ StreamName: name, PartitionKey, Data: new TextEncoder().encode(JSON.stringify({ eventType: "user_activity", n: i })) }),
      );
      sent[PartitionKey] = ShardId;
    }
    await context.aws.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "binary", Data: new Uint8Array([0xff, 0xfe, 0x00]) }));

    const inspected = await readKinesisStream(context, name, { limit: 5 });
    const read = await readKinesisStream(withoutInspection, name, { limit: 5 });
    expect(read).toEqual(inspected);

    expect(inspected.status).toBe("ACTIVE");
    expect(inspected.retentionHours).toBe(24);
    expect(inspected.shards.map((s) => s.shardId)).toEqual(["shardId-000000000000", "shardId-000000000001"]);
    expect(inspected.shards.reduce((sum, s) => sum + s.recordCount, 0)).toBe(13);
    for (const shard of inspected.shards) {
      expect(shard.records.length).toBe(Math.min(5, shard.recordCount));
      // Newest first, and every record in the shard its key's MD5 routes to.
      const sequence = shard.records.map((r) => BigInt(r.sequenceNumber));
      expect([...sequence].sort((a, b) => (a > b ? -1 : 1))).toEqual(sequence);
      for (const record of shard.records) {
        expect(record.routedByPartitionKey).toBe(true);
        if (record.partitionKey !== "binary") expect(sent[record.partitionKey]).toBe(shard.shardId);
      }
    }
    const binary = inspected.shards.flatMap((s) => s.records).find((r) => r.partitionKey === "binary");
    expect(binary).toMatchObject({ encoding: "base64", data: "//4A", sizeBytes: 3 });
    const text = inspected.shards.flatMap((s) => s.records).find((r) => r.partitionKey === "USER-11");
    expect(text).toMatchObject({ encoding: "utf8", data: '{"eventType":"user_activity","n":11}' });
  });

  it("marks a record an explicit hash key put outside its key's range", async () => {
    const name = `${context.names.stream}-explicit`;
    await context.aws.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 2 }));
    cloud.clock.advance(5_000);
    await waitUntilStreamExists({ client: context.aws.kinesis, maxWaitTime: 20, minDelay: 0.05 }, { StreamName: name });
    // MD5("a") is in shard 0's half; the explicit hash key 2^127 puts it in shard 1.
    await context.aws.kinesis.send(
      new PutRecordCommand({ StreamName: name, PartitionKey: "a", ExplicitHashKey: (1n << 127n).toString(), Data: new TextEncoder().encode("x") }),
    );
    const view = await readKinesisStream(withoutInspection, name);
    expect(view.shards[1].records).toEqual([expect.objectContaining({ partitionKey: "a", routedByPartitionKey: false })]);
  });
});
