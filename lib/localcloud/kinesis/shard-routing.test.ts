import { createHash } from "node:crypto";
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  PutRecordCommand,
  PutRecordsCommand,
  KinesisClient,
} from "@aws-sdk/client-kinesis";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { createActiveStream } from "./test-support";

const TWO_128 = 1n << 128n;
const md5Key = (partitionKey: string) => BigInt(`0x${createHash("md5").update(partitionKey).digest("hex")}`);

describe("Kinesis shard routing and ordering", () => {
  const bed = cloudForTests({ kinesis: KinesisClient }, { clients: { maxAttempts: 1 } });

  async function shardsOf(name: string) {
    const described = await bed.kinesis.send(new DescribeStreamCommand({ StreamName: name }));
    return (described.StreamDescription?.Shards ?? []).map((s) => ({
      id: s.ShardId as string,
      start: BigInt(s.HashKeyRange?.StartingHashKey as string),
      end: BigInt(s.HashKeyRange?.EndingHashKey as string),
    }));
  }

  it("splits the hash key space evenly, as AWS does for 3 shards", async () => {
    const name = uniqueName("split");
    await createActiveStream(bed.cloud, bed.kinesis, { StreamName: name, ShardCount: 3 });
    const shards = await shardsOf(name);
    expect(shards.map((s) => [s.start.toString(), s.end.toString()])).toEqual([
      ["0", "113427455640312821154458202477256070484"],
      ["113427455640312821154458202477256070485", "226854911280625642308916404954512140969"],
      ["226854911280625642308916404954512140970", "340282366920938463463374607431768211455"],
    ]);
    expect(shards[2].end).toBe(TWO_128 - 1n);
  });

  it("puts each record in the shard whose range holds the MD5 of its partition key, or its ExplicitHashKey", async () => {
    const name = uniqueName("route");
    await createActiveStream(bed.cloud, bed.kinesis, { StreamName: name, ShardCount: 4 });
    const shards = await shardsOf(name);
    const keys = Array.from({ length: 40 }, (_, i) => `customer-${i}`);
    for (const key of keys) {
      const put = await bed.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: key, Data: Buffer.from(key) }));
      const hash = md5Key(key);
      const expected = shards.find((s) => hash >= s.start && hash <= s.end);
      expect(put.ShardId).toBe(expected?.id);
      expect(put.SequenceNumber).toMatch(/^\d{56}$/);
    }
    const explicit = await bed.kinesis.send(
      new PutRecordCommand({ StreamName: name, PartitionKey: "ignored", ExplicitHashKey: (TWO_128 - 1n).toString(), Data: Buffer.from("last") }),
    );
    expect(explicit.ShardId).toBe("shardId-000000000003");
    const batch = await bed.kinesis.send(
      new PutRecordsCommand({
        StreamName: name,
        Records: [
          { PartitionKey: "p", ExplicitHashKey: "0", Data: Buffer.from("first") },
          { PartitionKey: "p", ExplicitHashKey: shards[1].start.toString(), Data: Buffer.from("second") },
        ],
      }),
    );
    expect(batch.FailedRecordCount).toBe(0);
    expect(batch.Records?.map((r) => r.ShardId)).toEqual(["shardId-000000000000", "shardId-000000000001"]);
  });

  it("returns one shard's records in the order they were put, with their partition keys and data", async () => {
    const name = uniqueName("order");
    await createActiveStream(bed.cloud, bed.kinesis, { StreamName: name, ShardCount: 2 });
    const sent: Array<{ key: string; body: string; shardId: string; sequenceNumber: string }> = [];
    for (let i = 0; i < 30; i++) {
      const key = `sensor-${i % 5}`;
      const body = JSON.stringify({ reading: i });
      const put = await bed.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: key, Data: Buffer.from(body) }));
      sent.push({ key, body, shardId: put.ShardId as string, sequenceNumber: put.SequenceNumber as string });
    }
    for (const shardId of ["shardId-000000000000", "shardId-000000000001"]) {
      const expected = sent.filter((s) => s.shardId === shardId);
      const { ShardIterator } = await bed.kinesis.send(
        new GetShardIteratorCommand({ StreamName: name, ShardId: shardId, ShardIteratorType: "TRIM_HORIZON" }),
      );
      const got = await bed.kinesis.send(new GetRecordsCommand({ ShardIterator }));
      expect(got.Records?.map((r) => r.SequenceNumber)).toEqual(expected.map((s) => s.sequenceNumber));
      expect(got.Records?.map((r) => r.PartitionKey)).toEqual(expected.map((s) => s.key));
      expect(got.Records?.map((r) => Buffer.from(r.Data as Uint8Array).toString())).toEqual(expected.map((s) => s.body));
      expect(got.Records?.[0]?.ApproximateArrivalTimestamp).toBeInstanceOf(Date);
      const sequence = got.Records?.map((r) => BigInt(r.SequenceNumber as string)) ?? [];
      expect([...sequence].sort((a, b) => (a < b ? -1 : 1))).toEqual(sequence);
    }
  });
});
