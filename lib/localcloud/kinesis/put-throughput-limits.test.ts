import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  ProvisionedThroughputExceededException,
  PutRecordCommand,
  PutRecordsCommand,
  KinesisClient,
} from "@aws-sdk/client-kinesis";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { createActiveStream } from "./test-support";

describe("Kinesis per-shard limits", () => {
  const bed = cloudForTests({ kinesis: KinesisClient }, { clients: { maxAttempts: 1 } });

  const batch = (n: number, key = "hot") => Array.from({ length: n }, (_, i) => ({ PartitionKey: key, Data: Buffer.from(`r${i}`) }));

  it("fails the records past 1,000 a second on one shard, with AWS's partial-failure shape", async () => {
    const name = uniqueName("hot");
    await createActiveStream(bed.cloud, bed.kinesis, { StreamName: name, ShardCount: 1 });
    const first = await bed.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: batch(500) }));
    const second = await bed.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: batch(500) }));
    expect(first.FailedRecordCount).toBe(0);
    expect(second.FailedRecordCount).toBe(0);
    const third = await bed.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: batch(3) }));
    expect(third.FailedRecordCount).toBe(3);
    expect(third.Records?.[0]).toEqual({
      ErrorCode: "ProvisionedThroughputExceededException",
      ErrorMessage: `Rate exceeded for shard shardId-000000000000 in stream ${name} under account 000000000000.`,
    });
    const single = await bed.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "hot", Data: Buffer.from("x") })).catch((e: unknown) => e);
    expect(single).toBeInstanceOf(ProvisionedThroughputExceededException);

    bed.cloud.clock.advance(1_000);
    const later = await bed.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: batch(3) }));
    expect(later.FailedRecordCount).toBe(0);
  });

  it("fails only the records bound for the saturated shard", async () => {
    const name = uniqueName("mixed");
    await createActiveStream(bed.cloud, bed.kinesis, { StreamName: name, ShardCount: 2 });
    await bed.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: batch(500, "0") }));
    await bed.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: batch(500, "0") }));
    const shardOfZero = (await bed.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: batch(1, "0") }))).Records?.[0];
    expect(shardOfZero?.ErrorCode).toBe("ProvisionedThroughputExceededException");
    const records = [
      { ExplicitHashKey: "0", PartitionKey: "a", Data: Buffer.from("to shard 0") },
      { ExplicitHashKey: ((1n << 128n) - 1n).toString(), PartitionKey: "b", Data: Buffer.from("to shard 1") },
    ];
    const hotShard = shardOfZero?.ErrorMessage?.includes("shardId-000000000000") ? 0 : 1;
    const result = await bed.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: records }));
    expect(result.FailedRecordCount).toBe(1);
    expect(result.Records?.[hotShard].ErrorCode).toBe("ProvisionedThroughputExceededException");
    expect(result.Records?.[1 - hotShard].SequenceNumber).toMatch(/^\d{56}$/);
  });

  it("refuses more than 1 MiB a second into one shard", async () => {
    const name = uniqueName("bytes");
    await createActiveStream(bed.cloud, bed.kinesis, { StreamName: name, ShardCount: 1 });
    const big = Buffer.alloc(600 * 1024, 1);
    await bed.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: big }));
    const error = await bed.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: big })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProvisionedThroughputExceededException);
  });

  it("allows 5 GetRecords calls a second per shard", async () => {
    const name = uniqueName("reads");
    await createActiveStream(bed.cloud, bed.kinesis, { StreamName: name, ShardCount: 1 });
    let { ShardIterator } = await bed.kinesis.send(
      new GetShardIteratorCommand({ StreamName: name, ShardId: "shardId-000000000000", ShardIteratorType: "TRIM_HORIZON" }),
    );
    for (let i = 0; i < 5; i++) ShardIterator = (await bed.kinesis.send(new GetRecordsCommand({ ShardIterator }))).NextShardIterator;
    const error = await bed.kinesis.send(new GetRecordsCommand({ ShardIterator })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProvisionedThroughputExceededException);
    expect((error as Error).message).toBe(`Rate exceeded for Shard - shardId-000000000000 in stream ${name} under account 000000000000.`);
    bed.cloud.clock.advance(1_000);
    await expect(bed.kinesis.send(new GetRecordsCommand({ ShardIterator }))).resolves.toHaveProperty("Records");
  });

  it("rejects batches over AWS's request limits", async () => {
    const name = uniqueName("limits");
    await createActiveStream(bed.cloud, bed.kinesis, { StreamName: name, ShardCount: 1 });
    const tooMany = await bed.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: batch(501) })).catch((e: unknown) => e);
    expect((tooMany as Error).name).toBe("ValidationException");
    const tooBig = await bed.kinesis
      .send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: Buffer.alloc(1024 * 1024 + 1) }))
      .catch((e: unknown) => e);
    expect((tooBig as Error).name).toBe("ValidationException");
  });
});
