import {
  CloudWatchClient,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  PutMetricDataCommand,
} from "@aws-sdk/client-cloudwatch";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";

describe("ListMetrics and GetMetricStatistics", () => {
  const bed = cloudForTests({ cw: CloudWatchClient });

  it("lists metrics by namespace, name and dimension filter", async () => {
    const namespace = uniqueName("Lab/Workers");
    await bed.cw.send(
      new PutMetricDataCommand({
        Namespace: namespace,
        MetricData: [
          { MetricName: "MessagesSaved", Value: 1, Dimensions: [{ Name: "Worker", Value: "fifo" }] },
          { MetricName: "MessagesSaved", Value: 1, Dimensions: [{ Name: "Worker", Value: "cafe" }, { Name: "Stage", Value: "dev" }] },
          { MetricName: "DuplicateMessages", Value: 1, Dimensions: [{ Name: "Worker", Value: "fifo" }] },
        ],
      }),
    );
    const all = await bed.cw.send(new ListMetricsCommand({ Namespace: namespace }));
    expect(all.Metrics).toHaveLength(3);
    const saved = await bed.cw.send(new ListMetricsCommand({ Namespace: namespace, MetricName: "MessagesSaved" }));
    expect(saved.Metrics).toHaveLength(2);
    const fifo = await bed.cw.send(new ListMetricsCommand({ Namespace: namespace, Dimensions: [{ Name: "Worker", Value: "fifo" }] }));
    expect(fifo.Metrics?.map((m) => m.MetricName).sort()).toEqual(["DuplicateMessages", "MessagesSaved"]);
    const staged = await bed.cw.send(new ListMetricsCommand({ Namespace: namespace, Dimensions: [{ Name: "Stage" }] }));
    expect(staged.Metrics).toEqual([
      { Namespace: namespace, MetricName: "MessagesSaved", Dimensions: expect.arrayContaining([{ Name: "Stage", Value: "dev" }]) },
    ]);
  });

  it("lists only recently active metrics when asked, and pages by 500", async () => {
    const namespace = uniqueName("Lab/Paging");
    const old = bed.cloud.clock.now() - 5 * 3600_000;
    const data = Array.from({ length: 501 }, (_, i) => ({ MetricName: `m${i}`, Value: 1, Timestamp: new Date(old) }));
    for (let i = 0; i < data.length; i += 500) await bed.cw.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: data.slice(i, i + 500) }));
    const first = await bed.cw.send(new ListMetricsCommand({ Namespace: namespace }));
    expect(first.Metrics).toHaveLength(500);
    const second = await bed.cw.send(new ListMetricsCommand({ Namespace: namespace, NextToken: first.NextToken }));
    expect(second.Metrics).toHaveLength(1);
    bed.cloud.clock.advance(4 * 3600_000);
    const recent = await bed.cw.send(new ListMetricsCommand({ Namespace: namespace, RecentlyActive: "PT3H" }));
    expect(recent.Metrics).toHaveLength(0);
    await expect(bed.cw.send(new ListMetricsCommand({ Namespace: namespace, NextToken: "bogus" }))).rejects.toMatchObject({
      name: "InvalidNextToken",
    });
  });

  it("reads statistics per period, percentiles, and data of one unit", async () => {
    const namespace = uniqueName("Lab/Latency");
    const minute = Math.floor(bed.cloud.clock.now() / 60_000) * 60_000 - 10 * 60_000;
    await bed.cw.send(
      new PutMetricDataCommand({
        Namespace: namespace,
        MetricData: [
          { MetricName: "Duration", Values: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100], Unit: "Milliseconds", Timestamp: new Date(minute) },
          { MetricName: "Duration", Value: 5, Unit: "Seconds", Timestamp: new Date(minute + 60_000) },
        ],
      }),
    );
    const percentiles = await bed.cw.send(
      new GetMetricStatisticsCommand({
        Namespace: namespace,
        MetricName: "Duration",
        StartTime: new Date(minute),
        EndTime: new Date(minute + 60_000),
        Period: 60,
        ExtendedStatistics: ["p50", "p90", "p99"],
      }),
    );
    expect(percentiles.Datapoints?.[0].ExtendedStatistics).toEqual({ p50: 50, p90: 90, p99: 100 });

    const seconds = await bed.cw.send(
      new GetMetricStatisticsCommand({
        Namespace: namespace,
        MetricName: "Duration",
        StartTime: new Date(minute),
        EndTime: new Date(minute + 120_000),
        Period: 120,
        Statistics: ["Sum"],
        Unit: "Seconds",
      }),
    );
    expect(seconds.Datapoints).toEqual([expect.objectContaining({ Sum: 5, Unit: "Seconds" })]);
    expect(seconds.Label).toBe("Duration");
  });

  it("keeps exact percentiles as values arrive one at a time", async () => {
    const namespace = uniqueName("Lab/OneByOne");
    const minute = Math.floor(bed.cloud.clock.now() / 60_000) * 60_000 - 10 * 60_000;
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    await bed.cw.send(
      new PutMetricDataCommand({
        Namespace: namespace,
        MetricData: values.map((v) => ({ MetricName: "Wait", Value: v, Timestamp: new Date(minute + v * 100) })),
      }),
    );
    await bed.cw.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: [{ MetricName: "Wait", Value: 50, Timestamp: new Date(minute) }] }));
    const result = await bed.cw.send(
      new GetMetricStatisticsCommand({
        Namespace: namespace,
        MetricName: "Wait",
        StartTime: new Date(minute),
        EndTime: new Date(minute + 60_000),
        Period: 60,
        ExtendedStatistics: ["p10", "p50", "p99", "p100"],
      }),
    );
    expect(result.Datapoints?.[0].ExtendedStatistics).toEqual({ p10: 11, p50: 50, p99: 99, p100: 100 });
  });

  it("enforces the statistics request's limits", async () => {
    const base = { Namespace: "Lab/Limits", MetricName: "x", Period: 60 };
    const now = bed.cloud.clock.now();
    const minute = Math.floor(now / 60_000) * 60_000;
    await expect(
      bed.cw.send(new GetMetricStatisticsCommand({ ...base, StartTime: new Date(now - 3_600_000), EndTime: new Date(now) })),
    ).rejects.toMatchObject({ name: "MissingRequiredParameterException" });
    await expect(
      bed.cw.send(new GetMetricStatisticsCommand({ ...base, StartTime: new Date(minute - 2 * 86_400_000), EndTime: new Date(minute), Statistics: ["Sum"] })),
    ).rejects.toMatchObject({
      name: "InvalidParameterCombinationException",
      message: "You have requested up to 2880 datapoints, which exceeds the limit of 1440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.",
    });
    await expect(
      bed.cw.send(new GetMetricStatisticsCommand({ ...base, StartTime: new Date(now), EndTime: new Date(now - 60_000), Statistics: ["Sum"] })),
    ).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    await expect(
      bed.cw.send(new GetMetricStatisticsCommand({ ...base, Period: 61, StartTime: new Date(now - 600_000), EndTime: new Date(now), Statistics: ["Sum"] })),
    ).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    await expect(
      bed.cw.send(
        new GetMetricStatisticsCommand({ ...base, StartTime: new Date(now - 600_000), EndTime: new Date(now), Statistics: ["Median" as never] }),
      ),
    ).rejects.toMatchObject({ name: "InvalidParameterValueException" });
  });

  it("keeps high-resolution data by the second for three hours, then by the minute", async () => {
    const namespace = uniqueName("Lab/HighRes");
    const minute = Math.floor(bed.cloud.clock.now() / 60_000) * 60_000 - 5 * 60_000;
    await bed.cw.send(
      new PutMetricDataCommand({
        Namespace: namespace,
        MetricData: [
          { MetricName: "Burst", Value: 1, StorageResolution: 1, Timestamp: new Date(minute + 1_000) },
          { MetricName: "Burst", Value: 2, StorageResolution: 1, Timestamp: new Date(minute + 12_000) },
        ],
      }),
    );
    const read = (Period: number) =>
      bed.cw.send(
        new GetMetricStatisticsCommand({
          Namespace: namespace,
          MetricName: "Burst",
          StartTime: new Date(minute),
          EndTime: new Date(minute + 60_000),
          Period,
          Statistics: ["Sum"],
        }),
      );
    expect((await read(10)).Datapoints?.map((d) => d.Sum).sort()).toEqual([1, 2]);
    bed.cloud.clock.advance(3 * 3600_000 + 60_000);
    expect((await read(10)).Datapoints?.map((d) => d.Sum)).toEqual([3]);
    expect((await read(60)).Datapoints?.map((d) => d.Sum)).toEqual([3]);
  });
});
