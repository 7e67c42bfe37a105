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
import { describe, expect, it } from "vitest";
import { readOutbox } from "../sns/test-support";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";

describe("an alarm on a dead-letter queue", () => {
  const bed = cloudForTests({ sqs: SQSClient, sns: SNSClient, cw: CloudWatchClient });

  it("goes to ALARM within one period of a message reaching the DLQ and emails the subscriber", async () => {
    const topicName = uniqueName("order-processing-alerts");
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: topicName }));
    await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "email", Endpoint: "student@example.com" }));
    const confirmation = (await readOutbox(bed.cloud, topicName)).find((e) => e.kind === "SubscriptionConfirmation");
    expect(confirmation?.token).toBeTruthy();
    await bed.sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: confirmation?.token }));

    const dlqName = uniqueName("order-processing-dlq");
    const dlq = await bed.sqs.send(new CreateQueueCommand({ QueueName: dlqName }));
    const dlqArn = (await bed.sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ["QueueArn"] }))).Attributes?.QueueArn;
    const main = await bed.sqs.send(
      new CreateQueueCommand({
        QueueName: uniqueName("order-processing-queue"),
        Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) },
      }),
    );

    const alarmName = uniqueName("order-processing-alarm");
    await bed.cw.send(
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
    const created = await bed.cw.send(new DescribeAlarmsCommand({ AlarmNames: [alarmName] }));
    expect(created.MetricAlarms?.[0].StateValue).toBe("INSUFFICIENT_DATA");

    // A quiet minute: the DLQ reports 0 visible messages and the alarm settles in OK.
    bed.cloud.clock.advance(60_000);
    expect((await bed.cw.send(new DescribeAlarmsCommand({ AlarmNames: [alarmName] }))).MetricAlarms?.[0].StateValue).toBe("OK");

    // The worker fails once: the second receive moves the message to the DLQ.
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: main.QueueUrl, MessageBody: JSON.stringify({ orderId: "o-1", notes: "FAIL" }) }));
    const first = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: main.QueueUrl }));
    await bed.sqs.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: main.QueueUrl, ReceiptHandle: first.Messages?.[0].ReceiptHandle, VisibilityTimeout: 0 }),
    );
    const second = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: main.QueueUrl }));
    expect(second.Messages ?? []).toHaveLength(0);
    const inDlq = await bed.sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }));
    expect(inDlq.Attributes?.ApproximateNumberOfMessages).toBe("1");

    const before = await readOutbox(bed.cloud, topicName);
    bed.cloud.clock.advance(60_000);

    const alarm = (await bed.cw.send(new DescribeAlarmsCommand({ AlarmNames: [alarmName] }))).MetricAlarms?.[0];
    expect(alarm?.StateValue).toBe("ALARM");
    expect(alarm?.StateReason).toMatch(/^Threshold Crossed: 1 out of the last 1 datapoints \[1\.0 \(.+\)\] was greater than or equal to the threshold \(1\.0\)/);

    const history = await bed.cw.send(new DescribeAlarmHistoryCommand({ AlarmName: alarmName }));
    const summaries = history.AlarmHistoryItems?.map((h) => h.HistorySummary);
    expect(summaries).toContain("Alarm updated from OK to ALARM");
    expect(summaries).toContain(`Successfully executed action ${TopicArn}`);

    const emails = (await readOutbox(bed.cloud, topicName)).slice(before.length);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ kind: "Notification", to: "student@example.com", subject: `ALARM: "${alarmName}" in US East (N. Virginia)` });
    expect(emails[0].body).toContain(`Amazon CloudWatch Alarm "${alarmName}" in the US East (N. Virginia) region has entered the ALARM state`);
    expect(emails[0].body).toContain(`- MetricName:                          ApproximateNumberOfMessagesVisible`);
  });
});
