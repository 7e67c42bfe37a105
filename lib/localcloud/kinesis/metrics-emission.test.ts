import { GetRecordsCommand, GetShardIteratorCommand, PutRecordCommand, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MetricDatum } from "../core/links";
import type { ServiceFactory } from "../core/service";
import type { LocalCloud } from "../index";
import { startTestCloud } from "../test/harness";
import { createKinesisService } from "./index";
import { createActiveStream, kinesisClient } from "./test-support";

/** Stands in for CloudWatch's side of `links.metrics`: keeps what is put, as PutMetricData would receive it. */
const received: Array<{ region: string; datum: MetricDatum }> = [];
const metricsRecorder: ServiceFactory = (context) => {
  context.links.metrics = { put: (region, data) => data.forEach((datum) => received.push({ region, datum })) };
  return { name: "metrics-recorder", match: {}, handle: async () => ({ status: 404, headers: {}, body: "" }) };
};

describe("Kinesis AWS/Kinesis metrics", () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startTestCloud({ services: [metricsRecorder, createKinesisService] });
  });
  afterAll(async () => {
    await cloud.close();
  });

  it("emits the stream's traffic each virtual minute with dimension StreamName", async () => {
    const kinesis = kinesisClient(cloud);
    await createActiveStream(cloud, kinesis, { StreamName: "metered", ShardCount: 1 });
    cloud.clock.advance(60_000);
    received.length = 0;

    await kinesis.send(new PutRecordCommand({ StreamName: "metered", PartitionKey: "a", Data: Buffer.from("12345") }));
    for (let i = 0; i < 2; i++) {
      await kinesis.send(
        new PutRecordsCommand({ StreamName: "metered", Records: Array.from({ length: 500 }, () => ({ PartitionKey: "a", Data: Buffer.from("x") })) }),
      );
    }
    const { ShardIterator } = await kinesis.send(
      new GetShardIteratorCommand({ StreamName: "metered", ShardId: "shardId-000000000000", ShardIteratorType: "TRIM_HORIZON" }),
    );
    await kinesis.send(new GetRecordsCommand({ ShardIterator, Limit: 10 }));
    cloud.clock.advance(60_000);
    kinesis.destroy();

    const points = received.filter((r) => r.datum.dimensions.some((d) => d.Name === "StreamName" && d.Value === "metered"));
    const sum = (metric: string) => points.filter((p) => p.datum.metricName === metric).reduce((s, p) => s + p.datum.value, 0);
    const values = (metric: string) => points.filter((p) => p.datum.metricName === metric).map((p) => p.datum.value);
    expect(points.every((p) => p.region === "us-east-1" && p.datum.namespace === "AWS/Kinesis")).toBe(true);
    expect(sum("IncomingRecords")).toBe(1_000); // the last record of the batch was throttled
    expect(sum("IncomingBytes")).toBe(5 + 999);
    expect(values("PutRecord.Success")).toEqual([1]);
    expect(values("PutRecords.Success")).toEqual([1, 0]);
    expect(sum("PutRecords.Records")).toBe(999);
    expect(sum("PutRecords.TotalRecords")).toBe(1_000);
    expect(sum("WriteProvisionedThroughputExceeded")).toBe(1);
    expect(sum("GetRecords.Records")).toBe(10);
    expect(values("GetRecords.IteratorAgeMilliseconds")).toHaveLength(1);
    expect(points.find((p) => p.datum.metricName === "IncomingBytes")?.datum.unit).toBe("Bytes");
  });
});
