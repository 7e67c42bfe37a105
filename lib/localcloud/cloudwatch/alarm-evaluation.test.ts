import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  DisableAlarmActionsCommand,
  EnableAlarmActionsCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
  type PutMetricAlarmCommandInput,
} from "@aws-sdk/client-cloudwatch";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { createQueue, drain } from "../sns/test-support";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";

describe("alarm evaluation on the virtual clock", () => {
  const bed = cloudForTests({ cw: CloudWatchClient, sns: SNSClient, sqs: SQSClient });

  /** Moves the clock to the top of the next minute, which ends (and evaluates) the current one. */
  const endMinute = () => bed.cloud.clock.advance(60_000 - (bed.cloud.clock.now() % 60_000));
  const state = async (name: string) => (await bed.cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms?.[0];

  async function alarm(namespace: string, extra: Partial<PutMetricAlarmCommandInput> = {}): Promise<string> {
    const name = uniqueName("alarm");
    await bed.cw.send(
      new PutMetricAlarmCommand({
        AlarmName: name,
        Namespace: namespace,
        MetricName: "Errors",
        Statistic: "Sum",
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 5,
        ComparisonOperator: "GreaterThanThreshold",
        ...extra,
      }),
    );
    return name;
  }

  const record = (namespace: string, value: number) =>
    bed.cw.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: [{ MetricName: "Errors", Value: value }] }));

  async function topicQueue() {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("alarm-topic") }));
    const queue = await createQueue(bed.sqs, uniqueName("alarm-inbox"));
    await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queue.arn, Attributes: { RawMessageDelivery: "true" } }));
    return { topicArn: TopicArn as string, queue };
  }

  it("needs DatapointsToAlarm of the last EvaluationPeriods periods to breach", async () => {
    const namespace = uniqueName("Lab/MofN");
    endMinute();
    const name = await alarm(namespace, { EvaluationPeriods: 3, DatapointsToAlarm: 2 });
    const sequence: Array<[number, string]> = [
      [10, "INSUFFICIENT_DATA"],
      [1, "INSUFFICIENT_DATA"],
      [1, "OK"],
      [10, "OK"],
      [10, "ALARM"],
      [1, "ALARM"],
      [1, "OK"],
    ];
    for (const [value, expected] of sequence) {
      await record(namespace, value);
      endMinute();
      expect((await state(name))?.StateValue, `after ${value}`).toBe(expected);
    }
    const alarmed = await state(name);
    expect(alarmed?.StateReason).toMatch(/^Threshold Crossed: 2 out of the last 3 datapoints \[1\.0 .*\] was not greater than the threshold \(5\.0\)/);
    expect(JSON.parse(alarmed?.StateReasonData ?? "{}")).toMatchObject({ version: "1.0", statistic: "Sum", period: 60, threshold: 5 });
  });

  it("treats missing data as the alarm says", async () => {
    const namespace = uniqueName("Lab/Missing");
    endMinute();
    const breaching = await alarm(namespace, { TreatMissingData: "breaching" });
    const notBreaching = await alarm(namespace, { TreatMissingData: "notBreaching" });
    const ignore = await alarm(namespace, { TreatMissingData: "ignore" });
    const missing = await alarm(namespace, { TreatMissingData: "missing" });
    endMinute();
    expect((await state(breaching))?.StateValue).toBe("ALARM");
    expect((await state(notBreaching))?.StateValue).toBe("OK");
    expect((await state(ignore))?.StateValue).toBe("INSUFFICIENT_DATA");
    expect((await state(missing))?.StateValue).toBe("INSUFFICIENT_DATA");

    await record(namespace, 10);
    endMinute();
    for (const name of [breaching, notBreaching, ignore, missing]) expect((await state(name))?.StateValue).toBe("ALARM");

    // Data stops: "ignore" keeps ALARM; "missing" holds while older data is in range, then has nothing to go on.
    endMinute();
    expect((await state(notBreaching))?.StateValue).toBe("OK");
    expect((await state(ignore))?.StateValue).toBe("ALARM");
    expect((await state(missing))?.StateValue).toBe("ALARM");
    endMinute();
    endMinute();
    expect((await state(missing))?.StateValue).toBe("INSUFFICIENT_DATA");
    expect((await state(missing))?.StateReason).toBe("Insufficient Data: 1 datapoint was unknown.");
    expect((await state(ignore))?.StateValue).toBe("ALARM");
  });

  it("publishes AWS's alarm notification to the topic of the new state", async () => {
    const namespace = uniqueName("Lab/Notify");
    const { topicArn, queue } = await topicQueue();
    endMinute();
    const name = await alarm(namespace, { AlarmActions: [topicArn], OKActions: [topicArn], AlarmDescription: "Too many errors" });
    await record(namespace, 9);
    endMinute();
    const [message] = await drain(bed.sqs, queue.url);
    const notification = JSON.parse(message.Body as string);
    expect(notification).toMatchObject({
      AlarmName: name,
      AlarmDescription: "Too many errors",
      AWSAccountId: "000000000000",
      NewStateValue: "ALARM",
      OldStateValue: "INSUFFICIENT_DATA",
      Region: "US East (N. Virginia)",
      AlarmArn: `arn:aws:cloudwatch:us-east-1:000000000000:alarm:${name}`,
      AlarmActions: [topicArn],
      OKActions: [topicArn],
      InsufficientDataActions: [],
      Trigger: {
        MetricName: "Errors",
        Namespace: namespace,
        StatisticType: "Statistic",
        Statistic: "SUM",
        Unit: null,
        Dimensions: [],
        Period: 60,
        EvaluationPeriods: 1,
        ComparisonOperator: "GreaterThanThreshold",
        Threshold: 5,
        TreatMissingData: "missing",
      },
    });
    expect(notification.NewStateReason).toContain("Threshold Crossed: 1 out of the last 1 datapoints [9.0");
    expect(notification.StateChangeTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);

    await record(namespace, 1);
    endMinute();
    const [ok] = await drain(bed.sqs, queue.url);
    expect(JSON.parse(ok.Body as string)).toMatchObject({ NewStateValue: "OK", OldStateValue: "ALARM" });
  });

  it("runs actions on SetAlarmState, and none while actions are disabled", async () => {
    const namespace = uniqueName("Lab/Manual");
    const { topicArn, queue } = await topicQueue();
    const name = await alarm(namespace, { AlarmActions: [topicArn] });
    await bed.cw.send(new SetAlarmStateCommand({ AlarmName: name, StateValue: "ALARM", StateReason: "testing the pager" }));
    expect((await state(name))?.StateReason).toBe("testing the pager");
    const [manual] = await drain(bed.sqs, queue.url);
    expect(JSON.parse(manual.Body as string)).toMatchObject({ NewStateValue: "ALARM", NewStateReason: "testing the pager" });

    await bed.cw.send(new SetAlarmStateCommand({ AlarmName: name, StateValue: "OK", StateReason: "reset" }));
    await bed.cw.send(new DisableAlarmActionsCommand({ AlarmNames: [name] }));
    expect((await state(name))?.ActionsEnabled).toBe(false);
    await bed.cw.send(new SetAlarmStateCommand({ AlarmName: name, StateValue: "ALARM", StateReason: "silent" }));
    expect(await drain(bed.sqs, queue.url)).toHaveLength(0);
    await bed.cw.send(new EnableAlarmActionsCommand({ AlarmNames: [name] }));
    expect((await state(name))?.ActionsEnabled).toBe(true);

    await expect(bed.cw.send(new SetAlarmStateCommand({ AlarmName: uniqueName("ghost"), StateValue: "OK", StateReason: "x" }))).rejects.toMatchObject({
      name: "ResourceNotFound",
    });
    await expect(
      bed.cw.send(new SetAlarmStateCommand({ AlarmName: name, StateValue: "OK", StateReason: "x", StateReasonData: "{not json" })),
    ).rejects.toMatchObject({ name: "InvalidFormatFault" });
  });

  it("evaluates a metric math alarm", async () => {
    const namespace = uniqueName("Lab/MathAlarm");
    endMinute();
    const name = uniqueName("error-rate");
    await bed.cw.send(
      new PutMetricAlarmCommand({
        AlarmName: name,
        EvaluationPeriods: 1,
        Threshold: 10,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        Metrics: [
          { Id: "errors", MetricStat: { Metric: { Namespace: namespace, MetricName: "Errors" }, Period: 60, Stat: "Sum" }, ReturnData: false },
          { Id: "calls", MetricStat: { Metric: { Namespace: namespace, MetricName: "Calls" }, Period: 60, Stat: "Sum" }, ReturnData: false },
          { Id: "rate", Expression: "100 * errors / calls", Label: "Error rate", ReturnData: true },
        ],
      }),
    );
    await bed.cw.send(
      new PutMetricDataCommand({
        Namespace: namespace,
        MetricData: [
          { MetricName: "Errors", Value: 3 },
          { MetricName: "Calls", Value: 20 },
        ],
      }),
    );
    endMinute();
    const described = await state(name);
    expect(described?.StateValue).toBe("ALARM");
    expect(described?.Metrics?.map((m) => m.Id)).toEqual(["errors", "calls", "rate"]);
    expect(described?.StateReason).toContain("[15.0");
  });
});
