import {
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  InvalidArgumentException,
  PutRecordCommand,
  KinesisClient,
  type ShardIteratorType,
} from "@aws-sdk/client-kinesis";
import { beforeAll, describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { createActiveStream } from "./test-support";

const SHARD = "shardId-000000000000";

describe("Kinesis shard iterators and GetRecords", () => {
  const bed = cloudForTests({ kinesis: KinesisClient }, { clients: { maxAttempts: 1 } });
  let name: string;
  const sequence: string[] = [];
  let putTimes: Date[] = [];

  beforeAll(async () => {
    name = uniqueName("events");
    await createActiveStream(bed.cloud, bed.kinesis, { StreamName: name, ShardCount: 1 });
    putTimes = [];
    for (let i = 0; i < 5; i++) {
      putTimes.push(bed.cloud.clock.nowDate());
      const put = await bed.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: Buffer.from(`event-${i}`) }));
      sequence.push(put.SequenceNumber as string);
      bed.cloud.clock.advance(10_000);
    }
  });

  async function iterator(type: ShardIteratorType, extra: { StartingSequenceNumber?: string; Timestamp?: Date } = {}) {
    const out = await bed.kinesis.send(new GetShardIteratorCommand({ StreamName: name, ShardId: SHARD, ShardIteratorType: type, ...extra }));
    return out.ShardIterator as string;
  }

  async function read(shardIterator: string, limit?: number) {
    bed.cloud.clock.advance(1_000); // stay under 5 reads a second
    return bed.kinesis.send(new GetRecordsCommand({ ShardIterator: shardIterator, Limit: limit }));
  }

  const texts = (records: Array<{ Data?: Uint8Array }> | undefined) => (records ?? []).map((r) => Buffer.from(r.Data as Uint8Array).toString());

  it("TRIM_HORIZON reads from the oldest record, in pages, with MillisBehindLatest", async () => {
    const first = await read(await iterator("TRIM_HORIZON"), 2);
    expect(texts(first.Records)).toEqual(["event-0", "event-1"]);
    expect(first.MillisBehindLatest).toBeGreaterThan(0);
    const second = await read(first.NextShardIterator as string, 10);
    expect(texts(second.Records)).toEqual(["event-2", "event-3", "event-4"]);
    expect(second.MillisBehindLatest).toBe(0);
    const empty = await read(second.NextShardIterator as string);
    expect(empty.Records).toEqual([]);
    expect(empty.NextShardIterator).toBeTruthy();
  });

  it("AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER start at and after a record", async () => {
    expect(texts((await read(await iterator("AT_SEQUENCE_NUMBER", { StartingSequenceNumber: sequence[2] }))).Records)).toEqual([
      "event-2",
      "event-3",
      "event-4",
    ]);
    expect(texts((await read(await iterator("AFTER_SEQUENCE_NUMBER", { StartingSequenceNumber: sequence[2] }))).Records)).toEqual([
      "event-3",
      "event-4",
    ]);
  });

  it("AT_TIMESTAMP starts at the first record that arrived at or after the time", async () => {
    const records = (await read(await iterator("AT_TIMESTAMP", { Timestamp: new Date(putTimes[3].getTime() - 1) }))).Records;
    expect(texts(records)).toEqual(["event-3", "event-4"]);
  });

  it("LATEST sees only records put after the iterator was issued", async () => {
    const latest = await iterator("LATEST");
    expect((await read(latest)).Records).toEqual([]);
    await bed.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: Buffer.from("event-5") }));
    expect(texts((await read(latest)).Records)).toEqual(["event-5"]);
  });

  it("expires iterators after 5 minutes", async () => {
    const stale = await iterator("TRIM_HORIZON");
    bed.cloud.clock.advance(301_000);
    const error = await bed.kinesis.send(new GetRecordsCommand({ ShardIterator: stale })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpiredIteratorException);
    expect((error as Error).message).toMatch(/^Iterator expired\. The iterator was created at time .* tolerated delay of 300000 milliseconds\.$/);
  });

  it("rejects an iterator that is not one, and a sequence number from another shard", async () => {
    const error = await bed.kinesis.send(new GetRecordsCommand({ ShardIterator: "bm90LWFuLWl0ZXJhdG9y" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentException);
    const other = uniqueName("other");
    await createActiveStream(bed.cloud, bed.kinesis, { StreamName: other, ShardCount: 2 });
    const put = await bed.kinesis.send(new PutRecordCommand({ StreamName: other, PartitionKey: "p", ExplicitHashKey: ((1n << 128n) - 1n).toString(), Data: Buffer.from("x") }));
    expect(put.ShardId).toBe("shardId-000000000001");
    const wrongShard = await bed.kinesis
      .send(new GetShardIteratorCommand({ StreamName: other, ShardId: SHARD, ShardIteratorType: "AT_SEQUENCE_NUMBER", StartingSequenceNumber: put.SequenceNumber }))
      .catch((e: unknown) => e);
    expect(wrongShard).toBeInstanceOf(InvalidArgumentException);
    expect((wrongShard as Error).message).toContain("It encodes shardId-000000000001, while it was used in a call to a shard with shardId-000000000000");
  });
});
