import {
  CloudWatchClient,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  PutMetricDataCommand,
} from "@aws-sdk/client-cloudwatch";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";

describe("PutMetricData, then reading the data back", () => {
  const bed = cloudForTests({ cw: CloudWatchClient });

  it("aggregates values, value sets and statistic sets per minute", async () => {
    const namespace = uniqueName("Lab/Orders");
    const minute = Math.floor(bed.cloud.clock.now() / 60_000) * 60_000 - 5 * 60_000;
    const dims = [{ Name: "Queue", Value: "orders" }];
    await bed.cw.send(
      new PutMetricDataCommand({
        Namespace: namespace,
        MetricData: [
          { MetricName: "Latency", Dimensions: dims, Value: 10, Unit: "Milliseconds", Timestamp: new Date(minute + 1_000) },
          { MetricName: "Latency", Dimensions: dims, Values: [20, 30], Counts: [1, 2], Unit: "Milliseconds", Timestamp: new Date(minute + 2_000) },
          {
            MetricName: "Latency",
            Dimensions: dims,
            StatisticValues: { SampleCount: 2, Sum: 100, Minimum: 40, Maximum: 60 },
            Unit: "Milliseconds",
            Timestamp: new Date(minute + 70_000),
          },
        ],
      }),
    );
    const stats = await bed.cw.send(
      new GetMetricStatisticsCommand({
        Namespace: namespace,
        MetricName: "Latency",
        Dimensions: dims,
        StartTime: new Date(minute),
        EndTime: new Date(minute + 180_000),
        Period: 60,
        Statistics: ["Sum", "SampleCount", "Average", "Minimum", "Maximum"],
      }),
    );
    const points = [...(stats.Datapoints ?? [])].sort((a, b) => (a.Timestamp?.getTime() ?? 0) - (b.Timestamp?.getTime() ?? 0));
    expect(points).toHaveLength(2);
    expect(points[0]).toMatchObject({ Sum: 90, SampleCount: 4, Average: 22.5, Minimum: 10, Maximum: 30, Unit: "Milliseconds" });
    expect(points[0].Timestamp?.getTime()).toBe(minute);
    expect(points[1]).toMatchObject({ Sum: 100, SampleCount: 2, Minimum: 40, Maximum: 60 });

    const data = await bed.cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(minute),
        EndTime: new Date(minute + 180_000),
        ScanBy: "TimestampAscending",
        MetricDataQueries: [
          { Id: "sum", MetricStat: { Metric: { Namespace: namespace, MetricName: "Latency", Dimensions: dims }, Period: 120, Stat: "Sum" } },
          { Id: "p50", MetricStat: { Metric: { Namespace: namespace, MetricName: "Latency", Dimensions: dims }, Period: 60, Stat: "p50" } },
        ],
      }),
    );
    const sum = data.MetricDataResults?.find((r) => r.Id === "sum");
    expect(sum?.Values).toEqual([190]);
    expect(sum?.Label).toBe("Latency");
    expect(sum?.StatusCode).toBe("Complete");
    expect(data.MetricDataResults?.find((r) => r.Id === "p50")?.Values).toEqual([20]);

    const listed = await bed.cw.send(new ListMetricsCommand({ Namespace: namespace }));
    expect(listed.Metrics).toEqual([{ Namespace: namespace, MetricName: "Latency", Dimensions: dims }]);
  });
});
