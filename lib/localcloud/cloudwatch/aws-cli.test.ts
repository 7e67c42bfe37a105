import { describe, expect, it } from "vitest";
import { awsCliAvailable, awsCliSkipReason, runAwsCli } from "../test/aws-cli";
import { cloudForTests } from "../test/test-bed";

describe("Debian's AWS CLI against CloudWatch (query protocol)", () => {
  const bed = cloudForTests({});
  const aws = (...args: string[]) => runAwsCli(bed.cloud.endpoint, ["cloudwatch", ...args]);

  it.skipIf(!awsCliAvailable)(`puts and reads metrics, alarms and a dashboard${awsCliSkipReason}`, async () => {
    const minute = Math.floor(bed.cloud.clock.now() / 60_000) * 60_000 - 5 * 60_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    await aws(
      "put-metric-data", "--namespace", "Lab/Cli",
      "--metric-data", JSON.stringify([
        { MetricName: "Orders", Value: 4, Unit: "Count", Timestamp: iso(minute), Dimensions: [{ Name: "Queue", Value: "cafe" }] },
        { MetricName: "Orders", Values: [1, 2], Counts: [1, 3], Unit: "Count", Timestamp: iso(minute + 60_000), Dimensions: [{ Name: "Queue", Value: "cafe" }] },
      ]),
    );
    const stats = (await aws(
      "get-metric-statistics", "--namespace", "Lab/Cli", "--metric-name", "Orders", "--dimensions", "Name=Queue,Value=cafe",
      "--start-time", iso(minute), "--end-time", iso(minute + 120_000), "--period", "60", "--statistics", "Sum", "SampleCount",
    )) as { Datapoints: Array<{ Timestamp: string; Sum: number; SampleCount: number; Unit: string }>; Label: string };
    expect(stats.Label).toBe("Orders");
    expect(stats.Datapoints.map((d) => [Date.parse(d.Timestamp), d.Sum, d.SampleCount, d.Unit]).sort()).toEqual(
      [[minute, 4, 1, "Count"], [minute + 60_000, 7, 4, "Count"]].sort(),
    );
    const data = (await aws(
      "get-metric-data", "--start-time", iso(minute), "--end-time", iso(minute + 120_000), "--scan-by", "TimestampAscending",
      "--metric-data-queries", JSON.stringify([
        { Id: "orders", MetricStat: { Metric: { Namespace: "Lab/Cli", MetricName: "Orders", Dimensions: [{ Name: "Queue", Value: "cafe" }] }, Period: 60, Stat: "Sum" }, ReturnData: false },
        { Id: "doubled", Expression: "orders * 2", Label: "Doubled" },
      ]),
    )) as { MetricDataResults: Array<{ Id: string; Label: string; Values: number[] }> };
    expect(data.MetricDataResults).toEqual([expect.objectContaining({ Id: "doubled", Label: "Doubled", Values: [8, 14] })]);
    const listed = (await aws("list-metrics", "--namespace", "Lab/Cli")) as { Metrics: unknown[] };
    expect(listed.Metrics).toEqual([{ Namespace: "Lab/Cli", MetricName: "Orders", Dimensions: [{ Name: "Queue", Value: "cafe" }] }]);

    await aws(
      "put-metric-alarm", "--alarm-name", "cli-dlq-alarm", "--namespace", "AWS/SQS", "--metric-name", "ApproximateNumberOfMessagesVisible",
      "--dimensions", "Name=QueueName,Value=order-processing-dlq", "--statistic", "Average", "--period", "60", "--evaluation-periods", "1",
      "--threshold", "1", "--comparison-operator", "GreaterThanOrEqualToThreshold", "--treat-missing-data", "ignore",
      "--alarm-actions", "arn:aws:sns:us-east-1:000000000000:order-processing-alerts", "--tags", "Key=Project,Value=ServerlessLab",
    );
    await aws("set-alarm-state", "--alarm-name", "cli-dlq-alarm", "--state-value", "ALARM", "--state-reason", "drill");
    const alarms = (await aws("describe-alarms", "--alarm-names", "cli-dlq-alarm")) as { MetricAlarms: Array<Record<string, unknown>> };
    expect(alarms.MetricAlarms[0]).toMatchObject({
      AlarmName: "cli-dlq-alarm",
      StateValue: "ALARM",
      StateReason: "drill",
      Threshold: 1,
      TreatMissingData: "ignore",
      Dimensions: [{ Name: "QueueName", Value: "order-processing-dlq" }],
    });
    const history = (await aws("describe-alarm-history", "--alarm-name", "cli-dlq-alarm", "--history-item-type", "StateUpdate")) as {
      AlarmHistoryItems: Array<{ HistorySummary: string }>;
    };
    expect(history.AlarmHistoryItems.map((h) => h.HistorySummary)).toEqual(["Alarm updated from INSUFFICIENT_DATA to ALARM"]);
    await aws("delete-alarms", "--alarm-names", "cli-dlq-alarm");

    await aws("put-dashboard", "--dashboard-name", "cli-dashboard", "--dashboard-body", '{"widgets":[{"type":"text","properties":{"markdown":"hi"}}]}');
    expect(((await aws("list-dashboards")) as { DashboardEntries: Array<{ DashboardName: string }> }).DashboardEntries.map((d) => d.DashboardName)).toEqual([
      "cli-dashboard",
    ]);
    await aws("delete-dashboards", "--dashboard-names", "cli-dashboard");
    const failure = await aws("get-dashboard", "--dashboard-name", "cli-dashboard").catch((error: { stderr: string }) => error);
    expect((failure as { stderr: string }).stderr).toContain("An error occurred (ResourceNotFound) when calling the GetDashboard operation");
    const invalid = await aws("put-metric-data", "--namespace", "AWS/SQS", "--metric-name", "x", "--value", "1").catch((error: { stderr: string }) => error);
    expect((invalid as { stderr: string }).stderr).toContain("An error occurred (InvalidParameterValue) when calling the PutMetricData operation");
  }, 120_000);
});
