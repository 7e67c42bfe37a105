import { GetRecordsCommand, GetShardIteratorCommand, PutRecordCommand, KinesisClient } from "@aws-sdk/client-kinesis";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { createActiveStream } from "./test-support";

describe("Kinesis inspection API", () => {
  const bed = cloudForTests({ kinesis: KinesisClient }, { clients: { maxAttempts: 1 } });

  it("shows each shard's records without reading them through the API", async () => {
    const name = uniqueName("peek");
    await createActiveStream(bed.cloud, bed.kinesis, { StreamName: name, ShardCount: 2 });
    const put = await bed.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "order-1", Data: Buffer.from('{"amount":12}') }));
    await bed.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "bin", Data: Buffer.from([0xff, 0x00]) }));

    for (let i = 0; i < 8; i++) {
      const response = await fetch(`${bed.cloud.endpoint}/_localcloud/kinesis/records?region=us-east-1&stream=${name}`);
      expect(response.status).toBe(200);
    }
    const view = await (await fetch(`${bed.cloud.endpoint}/_localcloud/kinesis/records?region=us-east-1&stream=${name}`)).json();
    expect(view.shards).toHaveLength(2);
    const all = view.shards.flatMap((s: { records: unknown[] }) => s.records);
    const order = all.find((r: { partitionKey: string }) => r.partitionKey === "order-1");
    expect(order).toMatchObject({ sequenceNumber: put.SequenceNumber, text: '{"amount":12}', sizeBytes: 13 });
    expect(view.shards.find((s: { shardId: string }) => s.shardId === put.ShardId).records).toContainEqual(order);
    expect(all.find((r: { partitionKey: string }) => r.partitionKey === "bin")).toMatchObject({ text: null, dataBase64: "/wA=" });

    // Nine inspections in a second did not use up the shard's 5 reads a second.
    const { ShardIterator } = await bed.kinesis.send(
      new GetShardIteratorCommand({ StreamName: name, ShardId: put.ShardId, ShardIteratorType: "TRIM_HORIZON" }),
    );
    await expect(bed.kinesis.send(new GetRecordsCommand({ ShardIterator }))).resolves.toHaveProperty("Records");

    const streams = await (await fetch(`${bed.cloud.endpoint}/_localcloud/kinesis/streams?region=us-east-1`)).json();
    expect(streams.streams.find((s: { name: string }) => s.name === name)).toMatchObject({ status: "ACTIVE", shardCount: 2, records: 2 });
  });

  it("answers 404 for an unknown stream", async () => {
    const response = await fetch(`${bed.cloud.endpoint}/_localcloud/kinesis/records?region=us-east-1&stream=nope`);
    expect(response.status).toBe(404);
  });
});
