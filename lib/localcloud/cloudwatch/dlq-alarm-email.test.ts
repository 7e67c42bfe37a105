import {
  CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
} from "@aws-sdk/client-cloudwatch";
import { ConfirmSubscriptionCommand, CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "../index";
import type { OutboxEmail } from "../sns/outbox";
import { clientConfig, startTestCloud, uniqueName } from "../test/harness";

async function outbox(cloud: LocalCloud, topic: string): Promise<OutboxEmail[]> {
  const response = await fetch(`${cloud.endpoint}/_localcloud/sns/outbox?region=us-east-1&topic=${encodeURIComponent(topic)}`);
  return ((await response.json()) as { emails: OutboxEmail[] }).emails;
}

describe("an alarm on a dead-letter queue", () => {
  let cloud: LocalCloud;
  let sqs: SQSClient;
  let sns: SNSClient;
  let cw: CloudWatchClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sqs = new SQSClient(clientConfig(cloud));
    sns = new SNSClient(clientConfig(cloud));
    cw = new CloudWatchClient(clientConfig(cloud));
  });
  afterAll(async () => {
    sqs.destroy();
    sns.destroy();
    cw.destroy();
    await cloud.close();
  });

  it("goes to ALARM within one period of a message reaching the DLQ and emails the subscriber", async () => {
    const topicName = uniqueName("order-processing-alerts");
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: topicName }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: "email", Endpoint: "student@example.com" }));
    const confirmation = (await outbox(cloud, topicName)).find((e) => e.kind === "SubscriptionConfirmation");
    expect(confirmation?.token).toBeTruthy();
    await sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: confirmation?.token }));

    const dlqName = uniqueName("order-processing-dlq");
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: dlqName }));
    const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ["QueueArn"] }))).Attributes?.QueueArn;
    const main = await sqs.send(
      new CreateQueueCommand({
        QueueName: uniqueName("order-processing-queue"),
        Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) },
      }),
    );

    const alarmName = uniqueName("order-processing-alarm");
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: alarmName,
        Namespace: "AWS/SQS",
        MetricName: "ApproximateNumberOfMessagesVisible",
        Dimensions: [{ Name: "QueueName", Value: dlqName }],
        Statistic: "Average",
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        AlarmActions: [TopicArn as string],
      }),
    );
    const created = await cw.send(new DescribeAlarmsCommand({ AlarmNames: [alarmName] }));
    expect(created.MetricAlarms?.[0].StateValue).toBe("INSUFFICIENT_DATA");

    // A quiet minute: the DLQ reports 0 visible messages and the alarm settles in OK.
    cloud.clock.advance(60_000);
    expect((await cw.send(new DescribeAlarmsCommand({ AlarmNames: [alarmName] }))).MetricAlarms?.[0].StateValue).toBe("OK");

    // The worker fails once: the second receive moves the message to the DLQ.
    await sqs.send(new SendMessageCommand({ QueueUrl: main.QueueUrl, MessageBody: JSON.stringify({ orderId: "o-1", notes: "FAIL" }) }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: main.QueueUrl }));
    await sqs.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: main.QueueUrl, ReceiptHandle: first.Messages?.[0].ReceiptHandle, VisibilityTimeout: 0 }),
    );
    const second = await sqs.send(new ReceiveMessageCommand({ QueueUrl: main.QueueUrl }));
    expect(second.Messages ?? []).toHaveLength(0);
    const inDlq = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }));
    expect(inDlq.Attributes?.ApproximateNumberOfMessages).toBe("1");

    const before = await outbox(cloud, topicName);
    cloud.clock.advance(60_000);

    const alarm = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: [alarmName] }))).MetricAlarms?.[0];
    expect(alarm?.StateValue).toBe("ALARM");
    expect(alarm?.StateReason).toMatch(/^Threshold Crossed: 1 out of the last 1 datapoints \[1\.0 \(.+\)\] was greater than or equal to the threshold \(1\.0\)/);

    const history = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: alarmName }));
    const summaries = history.AlarmHistoryItems?.map((h) => h.HistorySummary);
    expect(summaries).toContain("Alarm updated from OK to ALARM");
    expect(summaries).toContain(`Successfully executed action ${TopicArn}`);

    const emails = (await outbox(cloud, topicName)).slice(before.length);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ kind: "Notification", to: "student@example.com", subject: `ALARM: "${alarmName}" in US East (N. Virginia)` });
    expect(emails[0].body).toContain(`Amazon CloudWatch Alarm "${alarmName}" in the US East (N. Virginia) region has entered the ALARM state`);
    expect(emails[0].body).toContain(`- MetricName:                          ApproximateNumberOfMessagesVisible`);
  });
});
