import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  DescribeAlarmsForMetricCommand,
  ListTagsForResourceCommand,
  PutMetricAlarmCommand,
  SetAlarmStateCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type PutMetricAlarmCommandInput,
} from "@aws-sdk/client-cloudwatch";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";

describe("managing alarms", () => {
  const bed = cloudForTests({ cw: CloudWatchClient });

  const base = (name: string, extra: Partial<PutMetricAlarmCommandInput> = {}): PutMetricAlarmCommandInput => ({
    AlarmName: name,
    Namespace: "AWS/SQS",
    MetricName: "ApproximateNumberOfMessagesVisible",
    Dimensions: [{ Name: "QueueName", Value: "order-processing-dlq" }],
    Statistic: "Average",
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 1,
    ComparisonOperator: "GreaterThanOrEqualToThreshold",
    ...extra,
  });

  it("describes an alarm as AWS does, starting in INSUFFICIENT_DATA", async () => {
    const name = uniqueName("order-processing-alarm");
    await bed.cw.send(new PutMetricAlarmCommand(base(name, { AlarmDescription: "DLQ has messages", Tags: [{ Key: "Lab", Value: "pipes" }] })));
    const [alarm] = (await bed.cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms ?? [];
    expect(alarm).toMatchObject({
      AlarmName: name,
      AlarmArn: `arn:aws:cloudwatch:us-east-1:000000000000:alarm:${name}`,
      AlarmDescription: "DLQ has messages",
      ActionsEnabled: true,
      OKActions: [],
      AlarmActions: [],
      InsufficientDataActions: [],
      StateValue: "INSUFFICIENT_DATA",
      StateReason: "Unchecked: Initial alarm creation",
      MetricName: "ApproximateNumberOfMessagesVisible",
      Namespace: "AWS/SQS",
      Statistic: "Average",
      Dimensions: [{ Name: "QueueName", Value: "order-processing-dlq" }],
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
    });
    expect(alarm.StateUpdatedTimestamp).toBeInstanceOf(Date);
    expect(alarm.AlarmConfigurationUpdatedTimestamp).toBeInstanceOf(Date);
    const tags = await bed.cw.send(new ListTagsForResourceCommand({ ResourceARN: alarm.AlarmArn }));
    expect(tags.Tags).toEqual([{ Key: "Lab", Value: "pipes" }]);
  });

  it("keeps the state when an alarm is updated, and records both in the history", async () => {
    const name = uniqueName("updated");
    await bed.cw.send(new PutMetricAlarmCommand(base(name)));
    await bed.cw.send(new SetAlarmStateCommand({ AlarmName: name, StateValue: "ALARM", StateReason: "manual" }));
    await bed.cw.send(new PutMetricAlarmCommand(base(name, { Threshold: 5 })));
    const [alarm] = (await bed.cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms ?? [];
    expect(alarm).toMatchObject({ Threshold: 5, StateValue: "ALARM" });

    const history = await bed.cw.send(new DescribeAlarmHistoryCommand({ AlarmName: name }));
    expect(history.AlarmHistoryItems?.map((h) => [h.HistoryItemType, h.HistorySummary])).toEqual([
      ["ConfigurationUpdate", `Alarm "${name}" updated`],
      ["StateUpdate", "Alarm updated from INSUFFICIENT_DATA to ALARM"],
      ["ConfigurationUpdate", `Alarm "${name}" created`],
    ]);
    const states = await bed.cw.send(new DescribeAlarmHistoryCommand({ AlarmName: name, HistoryItemType: "StateUpdate", ScanBy: "TimestampAscending" }));
    expect(states.AlarmHistoryItems).toHaveLength(1);
    expect(JSON.parse(states.AlarmHistoryItems?.[0].HistoryData ?? "{}")).toMatchObject({
      oldState: { stateValue: "INSUFFICIENT_DATA" },
      newState: { stateValue: "ALARM", stateReason: "manual" },
    });
  });

  it("filters alarms by name, prefix, state and action, and pages them", async () => {
    const prefix = uniqueName("filtered");
    for (let i = 0; i < 5; i++) {
      await bed.cw.send(new PutMetricAlarmCommand(base(`${prefix}-${i}`, { AlarmActions: i === 0 ? ["arn:aws:sns:us-east-1:000000000000:pager"] : [] })));
    }
    await bed.cw.send(new SetAlarmStateCommand({ AlarmName: `${prefix}-1`, StateValue: "OK", StateReason: "fine" }));
    expect((await bed.cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: prefix }))).MetricAlarms).toHaveLength(5);
    expect((await bed.cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: prefix, StateValue: "OK" }))).MetricAlarms?.map((a) => a.AlarmName)).toEqual([
      `${prefix}-1`,
    ]);
    expect(
      (await bed.cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: prefix, ActionPrefix: "arn:aws:sns:us-east-1:000000000000:pag" }))).MetricAlarms,
    ).toHaveLength(1);
    const page1 = await bed.cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: prefix, MaxRecords: 2 }));
    expect(page1.MetricAlarms).toHaveLength(2);
    const page2 = await bed.cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: prefix, MaxRecords: 2, NextToken: page1.NextToken }));
    expect(page2.MetricAlarms?.[0].AlarmName).toBe(`${prefix}-2`);
    expect((await bed.cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: prefix, AlarmTypes: ["CompositeAlarm"] }))).MetricAlarms).toEqual([]);
    await expect(bed.cw.send(new DescribeAlarmsCommand({ AlarmNames: ["a"], AlarmNamePrefix: "a" }))).rejects.toMatchObject({
      name: "InvalidParameterCombinationException",
    });
  });

  it("finds the alarms watching a metric", async () => {
    const queue = uniqueName("watched-queue");
    const name = uniqueName("watcher");
    await bed.cw.send(new PutMetricAlarmCommand(base(name, { Dimensions: [{ Name: "QueueName", Value: queue }] })));
    const found = await bed.cw.send(
      new DescribeAlarmsForMetricCommand({
        Namespace: "AWS/SQS",
        MetricName: "ApproximateNumberOfMessagesVisible",
        Dimensions: [{ Name: "QueueName", Value: queue }],
      }),
    );
    expect(found.MetricAlarms?.map((a) => a.AlarmName)).toEqual([name]);
    const other = await bed.cw.send(
      new DescribeAlarmsForMetricCommand({ Namespace: "AWS/SQS", MetricName: "ApproximateNumberOfMessagesVisible", Dimensions: [{ Name: "QueueName", Value: "x" }] }),
    );
    expect(other.MetricAlarms).toEqual([]);
  });

  it("deletes alarms, passing over names that match none", async () => {
    const name = uniqueName("doomed");
    await bed.cw.send(new PutMetricAlarmCommand(base(name)));
    await bed.cw.send(new DeleteAlarmsCommand({ AlarmNames: [name, uniqueName("never")] }));
    expect((await bed.cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms).toEqual([]);
    const history = await bed.cw.send(new DescribeAlarmHistoryCommand({ AlarmName: name }));
    expect(history.AlarmHistoryItems?.[0].HistorySummary).toBe(`Alarm "${name}" deleted`);
  });

  it("tags and untags an alarm", async () => {
    const name = uniqueName("tagged");
    await bed.cw.send(new PutMetricAlarmCommand(base(name)));
    const arn = `arn:aws:cloudwatch:us-east-1:000000000000:alarm:${name}`;
    await bed.cw.send(new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: "Project", Value: "ServerlessLab" }, { Key: "Student", Value: "user3" }] }));
    await bed.cw.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: ["Student"] }));
    expect((await bed.cw.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags).toEqual([{ Key: "Project", Value: "ServerlessLab" }]);
    await expect(bed.cw.send(new ListTagsForResourceCommand({ ResourceARN: `${arn}-missing` }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      $metadata: { httpStatusCode: 404 },
    });
  });

  it("validates alarm definitions", async () => {
    const name = uniqueName("invalid");
    await expect(bed.cw.send(new PutMetricAlarmCommand(base(name, { Period: 45 })))).rejects.toMatchObject({ name: "ValidationException" });
    await expect(bed.cw.send(new PutMetricAlarmCommand(base(name, { Period: 3600, EvaluationPeriods: 200 })))).rejects.toMatchObject({
      name: "ValidationException",
    });
    await expect(bed.cw.send(new PutMetricAlarmCommand(base(name, { DatapointsToAlarm: 2 })))).rejects.toMatchObject({ name: "ValidationException" });
    await expect(bed.cw.send(new PutMetricAlarmCommand(base(name, { ExtendedStatistic: "p99" })))).rejects.toMatchObject({
      name: "InvalidParameterCombinationException",
    });
    await expect(bed.cw.send(new PutMetricAlarmCommand(base(name, { Statistic: undefined, ExtendedStatistic: "avg" })))).rejects.toMatchObject({
      name: "InvalidParameterValueException",
    });
    await expect(
      bed.cw.send(new PutMetricAlarmCommand(base(name, { AlarmActions: ["arn:aws:sns:eu-west-1:000000000000:elsewhere"] }))),
    ).rejects.toMatchObject({ name: "ValidationException", message: "Invalid region eu-west-1 specified. Only us-east-1 is supported." });
    await expect(bed.cw.send(new PutMetricAlarmCommand(base(name, { AlarmActions: ["not an arn"] })))).rejects.toMatchObject({
      name: "ValidationException",
    });
    await expect(
      bed.cw.send(
        new PutMetricAlarmCommand(
          base(name, {
            Namespace: undefined,
            MetricName: undefined,
            Statistic: undefined,
            Period: undefined,
            Dimensions: undefined,
            Metrics: [
              { Id: "a", MetricStat: { Metric: { Namespace: "N", MetricName: "A" }, Period: 60, Stat: "Sum" } },
              { Id: "b", MetricStat: { Metric: { Namespace: "N", MetricName: "B" }, Period: 60, Stat: "Sum" } },
            ],
          }),
        ),
      ),
    ).rejects.toMatchObject({ name: "ValidationException", message: "Exactly one element of the metrics list should return data." });
  });
});
