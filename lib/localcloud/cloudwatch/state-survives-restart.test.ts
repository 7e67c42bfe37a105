import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetDashboardCommand,
  GetMetricStatisticsCommand,
  PutDashboardCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
} from "@aws-sdk/client-cloudwatch";
import { afterAll, describe, expect, it } from "vitest";
import { clientConfig, startTestCloud } from "../test/harness";

describe("CloudWatch state across a restart", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudwatch-restart-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("keeps metric data, alarms with their state and history, and dashboards", async () => {
    const first = await startTestCloud({ dataDir, flushIntervalMs: 10 });
    let cw = new CloudWatchClient(clientConfig(first));
    const minute = Math.floor(first.clock.now() / 60_000) * 60_000;
    await cw.send(
      new PutMetricDataCommand({
        Namespace: "Lab/Restart",
        MetricData: [
          { MetricName: "Orders", Value: 3, Timestamp: new Date(minute - 120_000), Unit: "Count" },
          { MetricName: "Orders", Values: [1, 2], Timestamp: new Date(minute - 60_000), Unit: "Count" },
        ],
      }),
    );
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: "orders-alarm",
        Namespace: "Lab/Restart",
        MetricName: "Orders",
        Statistic: "Sum",
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 2,
        ComparisonOperator: "GreaterThanThreshold",
        TreatMissingData: "ignore",
      }),
    );
    await cw.send(new PutMetricDataCommand({ Namespace: "Lab/Restart", MetricData: [{ MetricName: "Orders", Value: 10, Unit: "Count" }] }));
    first.clock.advance(60_000);
    expect((await cw.send(new DescribeAlarmsCommand({ AlarmNames: ["orders-alarm"] }))).MetricAlarms?.[0].StateValue).toBe("ALARM");
    await cw.send(new PutDashboardCommand({ DashboardName: "lab", DashboardBody: '{"widgets":[]}' }));
    cw.destroy();
    await first.close();

    const second = await startTestCloud({ dataDir, flushIntervalMs: 10 });
    cw = new CloudWatchClient(clientConfig(second));
    try {
      const stats = await cw.send(
        new GetMetricStatisticsCommand({
          Namespace: "Lab/Restart",
          MetricName: "Orders",
          StartTime: new Date(minute - 120_000),
          EndTime: new Date(minute),
          Period: 60,
          Statistics: ["Sum", "SampleCount"],
        }),
      );
      expect(stats.Datapoints?.map((d) => [d.Timestamp?.getTime(), d.Sum, d.SampleCount]).sort()).toEqual(
        [
          [minute - 120_000, 3, 1],
          [minute - 60_000, 3, 2],
        ].sort(),
      );
      const [alarm] = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ["orders-alarm"] }))).MetricAlarms ?? [];
      expect(alarm).toMatchObject({ StateValue: "ALARM", Threshold: 2, TreatMissingData: "ignore" });
      const history = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: "orders-alarm" }));
      expect(history.AlarmHistoryItems?.map((h) => h.HistorySummary)).toContain("Alarm updated from INSUFFICIENT_DATA to ALARM");
      expect((await cw.send(new GetDashboardCommand({ DashboardName: "lab" }))).DashboardBody).toBe('{"widgets":[]}');
    } finally {
      cw.destroy();
      await second.close();
    }
  });
});
