import { CloudWatchClient, GetMetricDataCommand, GetMetricStatisticsCommand } from "@aws-sdk/client-cloudwatch";
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { DeleteQueueCommand, SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { createQueue } from "./test-support";

describe("AWS/SNS metrics", () => {
  const bed = cloudForTests({ sns: SNSClient, sqs: SQSClient, cw: CloudWatchClient });

  it("counts publishes, deliveries, failures and filtered-out notifications per topic each minute", async () => {
    const topicName = uniqueName("metered");
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: topicName }));
    const delivered = await createQueue(bed.sqs, uniqueName("metered-ok"));
    const filtered = await createQueue(bed.sqs, uniqueName("metered-filtered"));
    const broken = await createQueue(bed.sqs, uniqueName("metered-broken"));
    await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: delivered.arn }));
    await bed.sns.send(
      new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: filtered.arn, Attributes: { FilterPolicy: '{"store":["cafe"]}' } }),
    );
    await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: broken.arn }));
    await bed.sqs.send(new DeleteQueueCommand({ QueueUrl: broken.url }));

    // Start at the top of a virtual minute so both publishes fall in the same one.
    bed.cloud.clock.advance(60_000 - (bed.cloud.clock.now() % 60_000));
    const minute = Math.floor(bed.cloud.clock.now() / 60_000) * 60_000;
    await bed.sns.send(new PublishCommand({ TopicArn, Message: "a".repeat(100) }));
    await bed.sns.send(new PublishCommand({ TopicArn, Message: "b".repeat(300), MessageAttributes: { store: { DataType: "String", StringValue: "bar" } } }));
    bed.cloud.clock.advance(60_000);

    const metric = (MetricName: string, Id: string) => ({
      Id,
      MetricStat: { Metric: { Namespace: "AWS/SNS", MetricName, Dimensions: [{ Name: "TopicName", Value: topicName }] }, Period: 60, Stat: "Sum" },
    });
    const data = await bed.cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(minute),
        EndTime: new Date(minute + 60_000),
        MetricDataQueries: [
          metric("NumberOfMessagesPublished", "published"),
          metric("NumberOfNotificationsDelivered", "delivered"),
          metric("NumberOfNotificationsFailed", "failed"),
          metric("NumberOfNotificationsFilteredOut", "filtered"),
          metric("NumberOfNotificationsFilteredOut-MessageAttributes", "filteredbyattributes"),
          metric("NumberOfNotificationsFilteredOut-NoMessageAttributes", "filterednoattributes"),
        ],
      }),
    );
    const value = (id: string) => data.MetricDataResults?.find((r) => r.Id === id)?.Values;
    expect(value("published")).toEqual([2]);
    expect(value("delivered")).toEqual([2]);
    expect(value("failed")).toEqual([2]);
    expect(value("filtered")).toEqual([2]);
    expect(value("filteredbyattributes")).toEqual([1]);
    expect(value("filterednoattributes")).toEqual([1]);
    expect(data.MetricDataResults?.[0].Timestamps?.[0].getTime()).toBe(minute);

    const size = await bed.cw.send(
      new GetMetricStatisticsCommand({
        Namespace: "AWS/SNS",
        MetricName: "PublishSize",
        Dimensions: [{ Name: "TopicName", Value: topicName }],
        StartTime: new Date(minute),
        EndTime: new Date(minute + 60_000),
        Period: 60,
        Statistics: ["Average", "Minimum", "Maximum", "SampleCount"],
      }),
    );
    expect(size.Datapoints?.[0]).toMatchObject({ SampleCount: 2, Minimum: 100, Unit: "Bytes" });
    expect(size.Datapoints?.[0].Maximum).toBeGreaterThan(300);
  });
});
