import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { GetRecordsCommand, GetShardIteratorCommand, PutRecordCommand, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "../index";
import { clientConfig, startTestCloud } from "../test/harness";
import { createActiveStream, kinesisClient } from "./test-support";

describe("Kinesis AWS/Kinesis metrics", () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startTestCloud();
  });
  afterAll(async () => {
    await cloud.close();
  });

  it("emits the stream's traffic each virtual minute, readable with GetMetricData", async () => {
    const kinesis = kinesisClient(cloud);
    const cloudwatch = new CloudWatchClient(clientConfig(cloud));
    await createActiveStream(cloud, kinesis, { StreamName: "metered", ShardCount: 1 });
    cloud.clock.advance(60_000);
    const start = new Date(Math.floor(cloud.clock.now() / 60_000) * 60_000);

    await kinesis.send(new PutRecordCommand({ StreamName: "metered", PartitionKey: "a", Data: Buffer.from("12345") }));
    for (let i = 0; i < 2; i++) {
      await kinesis.send(
        new PutRecordsCommand({ StreamName: "metered", Records: Array.from({ length: 500 }, () => ({ PartitionKey: "a", Data: Buffer.from("x") })) }),
      );
    }
    const { ShardIterator } = await kinesis.send(
      new GetShardIteratorCommand({ StreamName: "metered", ShardId: "shardId-000000000000", ShardIteratorType: "TRIM_HORIZON" }),
    );
    cloud.clock.advance(2_000);
    await kinesis.send(new GetRecordsCommand({ ShardIterator, Limit: 10 }));
    cloud.clock.advance(120_000);

    const query = (id: string, metricName: string, stat: string): MetricDataQuery => ({
      Id: id,
      MetricStat: {
        Metric: { Namespace: "AWS/Kinesis", MetricName: metricName, Dimensions: [{ Name: "StreamName", Value: "metered" }] },
        Period: 300,
        Stat: stat,
      },
    });
    const result = await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: start,
        EndTime: new Date(cloud.clock.now()),
        MetricDataQueries: [
          query("incoming", "IncomingRecords", "Sum"),
          query("bytes", "IncomingBytes", "Sum"),
          query("putsuccess", "PutRecord.Success", "Average"),
          query("batchsuccess", "PutRecords.Success", "Average"),
          query("batchcalls", "PutRecords.Success", "SampleCount"),
          query("batchrecords", "PutRecords.Records", "Sum"),
          query("throttled", "WriteProvisionedThroughputExceeded", "Sum"),
          query("read", "GetRecords.Records", "Sum"),
          query("age", "GetRecords.IteratorAgeMilliseconds", "Maximum"),
        ],
      }),
    );
    kinesis.destroy();
    cloudwatch.destroy();
    const total = (id: string) => (result.MetricDataResults?.find((r) => r.Id === id)?.Values ?? []).reduce((a, b) => a + b, 0);
    expect(total("incoming")).toBe(1_000); // the last record of the second batch was throttled
    expect(total("bytes")).toBe(5 + 999);
    expect(total("putsuccess")).toBe(1);
    expect(total("batchsuccess")).toBe(0.5);
    expect(total("batchcalls")).toBe(2);
    expect(total("batchrecords")).toBe(999);
    expect(total("throttled")).toBe(1);
    expect(total("read")).toBe(10);
    expect(total("age")).toBeGreaterThanOrEqual(2_000);
  });
});
