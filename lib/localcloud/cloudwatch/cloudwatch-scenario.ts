/**
 * One CloudWatch scenario, run unchanged against the local cloud and against moto_server by the
 * differential test; what each answers is recorded in a plain object for a field-by-field compare.
 * Every timestamp is relative to `now` (the endpoint's own clock), so the two runs line up.
 */
import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DeleteDashboardsCommand,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetDashboardCommand,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListDashboardsCommand,
  ListMetricsCommand,
  PutDashboardCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
} from "@aws-sdk/client-cloudwatch";

const credentials = { accessKeyId: "test", secretAccessKey: "test" };

async function outcome<T>(call: () => Promise<T>): Promise<{ ok: true } | { error: string; message: string; status?: number }> {
  try {
    await call();
    return { ok: true };
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { error: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
}

export async function runCloudWatchScenario(endpoint: string, now: number): Promise<Record<string, unknown>> {
  const cw = new CloudWatchClient({ endpoint, region: "us-east-1", credentials });
  const seen: Record<string, unknown> = {};
  try {
    const minute = Math.floor(now / 60_000) * 60_000 - 10 * 60_000;
    const dims = [{ Name: "QueueName", Value: "diff-queue" }];
    await cw.send(
      new PutMetricDataCommand({
        Namespace: "Lab/Diff",
        MetricData: [
          { MetricName: "Sent", Dimensions: dims, Value: 5, Unit: "Count", Timestamp: new Date(minute) },
          { MetricName: "Sent", Dimensions: dims, Value: 7, Unit: "Count", Timestamp: new Date(minute + 10_000) },
          { MetricName: "Sent", Dimensions: dims, Value: 2, Unit: "Count", Timestamp: new Date(minute + 60_000) },
          { MetricName: "Failed", Dimensions: dims, Value: 1, Unit: "Count", Timestamp: new Date(minute) },
        ],
      }),
    );
    const stats = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: "Lab/Diff",
        MetricName: "Sent",
        Dimensions: dims,
        StartTime: new Date(minute),
        EndTime: new Date(minute + 120_000),
        Period: 60,
        Statistics: ["Sum", "Average", "Maximum", "Minimum", "SampleCount"],
      }),
    );
    seen.statistics = (stats.Datapoints ?? [])
      .map((d) => ({ at: (d.Timestamp?.getTime() ?? 0) - minute, Sum: d.Sum, Average: d.Average, Maximum: d.Maximum, Minimum: d.Minimum, SampleCount: d.SampleCount, Unit: d.Unit }))
      .sort((a, b) => a.at - b.at);
    seen.statisticsLabel = stats.Label;

    const data = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(minute),
        EndTime: new Date(minute + 120_000),
        ScanBy: "TimestampAscending",
        MetricDataQueries: [
          { Id: "sent", MetricStat: { Metric: { Namespace: "Lab/Diff", MetricName: "Sent", Dimensions: dims }, Period: 60, Stat: "Sum" } },
          { Id: "failed", MetricStat: { Metric: { Namespace: "Lab/Diff", MetricName: "Failed", Dimensions: dims }, Period: 60, Stat: "Sum" }, Label: "Failures" },
        ],
      }),
    );
    seen.metricData = data.MetricDataResults?.map((r) => ({
      Id: r.Id,
      Values: r.Values,
      at: r.Timestamps?.map((t) => t.getTime() - minute),
      StatusCode: r.StatusCode,
    }));
    seen.metricDataLabels = data.MetricDataResults?.map((r) => r.Label);
    const expression = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(minute),
        EndTime: new Date(minute + 120_000),
        MetricDataQueries: [
          { Id: "sent", MetricStat: { Metric: { Namespace: "Lab/Diff", MetricName: "Sent", Dimensions: dims }, Period: 60, Stat: "Sum" }, ReturnData: false },
          { Id: "doubled", Expression: "sent * 2", Label: "Doubled" },
        ],
      }),
    );
    seen.expression = expression.MetricDataResults?.map((r) => ({ Id: r.Id, Label: r.Label, Values: r.Values }));
    seen.listMetrics = (await cw.send(new ListMetricsCommand({ Namespace: "Lab/Diff" }))).Metrics?.map((m) => `${m.MetricName}:${JSON.stringify(m.Dimensions)}`).sort();
    seen.listFiltered = (await cw.send(new ListMetricsCommand({ Namespace: "Lab/Diff", MetricName: "Failed" }))).Metrics?.length;
    seen.awsNamespace = await outcome(() => cw.send(new PutMetricDataCommand({ Namespace: "AWS/SQS", MetricData: [{ MetricName: "x", Value: 1 }] })));
    seen.countsMismatch = await outcome(() =>
      cw.send(new PutMetricDataCommand({ Namespace: "Lab/Diff", MetricData: [{ MetricName: "x", Values: [1, 2], Counts: [1] }] })),
    );

    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: "diff-alarm",
        AlarmDescription: "DLQ not empty",
        Namespace: "AWS/SQS",
        MetricName: "ApproximateNumberOfMessagesVisible",
        Dimensions: [{ Name: "QueueName", Value: "diff-dlq" }],
        Statistic: "Average",
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        TreatMissingData: "notBreaching",
        AlarmActions: ["arn:aws:sns:us-east-1:000000000000:diff-alerts"],
      }),
    );
    const [alarm] = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ["diff-alarm"] }))).MetricAlarms ?? [];
    seen.alarm = {
      AlarmName: alarm?.AlarmName,
      AlarmArn: alarm?.AlarmArn,
      AlarmDescription: alarm?.AlarmDescription,
      ActionsEnabled: alarm?.ActionsEnabled,
      AlarmActions: alarm?.AlarmActions,
      OKActions: alarm?.OKActions,
      StateValue: alarm?.StateValue,
      MetricName: alarm?.MetricName,
      Namespace: alarm?.Namespace,
      Statistic: alarm?.Statistic,
      Dimensions: alarm?.Dimensions,
      Period: alarm?.Period,
      EvaluationPeriods: alarm?.EvaluationPeriods,
      Threshold: alarm?.Threshold,
      ComparisonOperator: alarm?.ComparisonOperator,
      TreatMissingData: alarm?.TreatMissingData,
    };
    seen.initialReason = alarm?.StateReason;
    await cw.send(new SetAlarmStateCommand({ AlarmName: "diff-alarm", StateValue: "ALARM", StateReason: "drill" }));
    const [set] = (await cw.send(new DescribeAlarmsCommand({ StateValue: "ALARM" }))).MetricAlarms ?? [];
    seen.afterSet = { StateValue: set?.StateValue, StateReason: set?.StateReason };
    seen.history = await cw
      .send(new DescribeAlarmHistoryCommand({ AlarmName: "diff-alarm", HistoryItemType: "StateUpdate" }))
      .then((history) => history.AlarmHistoryItems?.map((h) => h.HistorySummary), () => "not implemented");
    seen.badState = await outcome(() => cw.send(new SetAlarmStateCommand({ AlarmName: "diff-alarm", StateValue: "PANIC" as never, StateReason: "x" })));
    seen.missingAlarmState = await outcome(() => cw.send(new SetAlarmStateCommand({ AlarmName: "absent", StateValue: "OK", StateReason: "x" })));
    seen.deleteMissingAlarm = await outcome(() => cw.send(new DeleteAlarmsCommand({ AlarmNames: ["absent"] })));
    await cw.send(new DeleteAlarmsCommand({ AlarmNames: ["diff-alarm"] }));
    seen.afterDelete = (await cw.send(new DescribeAlarmsCommand({}))).MetricAlarms?.length;

    const body = JSON.stringify({ widgets: [{ type: "text", x: 0, y: 0, width: 6, height: 2, properties: { markdown: "hi" } }] });
    await cw.send(new PutDashboardCommand({ DashboardName: "diff-dashboard", DashboardBody: body }));
    const dashboard = await cw.send(new GetDashboardCommand({ DashboardName: "diff-dashboard" }));
    seen.dashboard = { DashboardName: dashboard.DashboardName, DashboardArn: dashboard.DashboardArn, same: dashboard.DashboardBody === body };
    seen.dashboards = (await cw.send(new ListDashboardsCommand({}))).DashboardEntries?.map((d) => [d.DashboardName, d.Size]);
    seen.badDashboard = await outcome(() => cw.send(new PutDashboardCommand({ DashboardName: "bad", DashboardBody: "not json" })));
    await cw.send(new DeleteDashboardsCommand({ DashboardNames: ["diff-dashboard"] }));
    seen.missingDashboard = await outcome(() => cw.send(new GetDashboardCommand({ DashboardName: "diff-dashboard" })));
    return seen;
  } finally {
    cw.destroy();
  }
}
