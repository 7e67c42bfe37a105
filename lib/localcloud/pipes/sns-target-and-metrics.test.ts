import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { CreatePipeCommand, PipesClient } from "@aws-sdk/client-pipes";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { advanceSeconds, createQueue, PIPE_ROLE_ARN } from "./test-support";

describe("a pipe to an SNS topic, and the pipe's metrics", () => {
  const bed = cloudForTests({ pipes: PipesClient, sqs: SQSClient, sns: SNSClient, cloudwatch: CloudWatchClient });

  it("publishes each matching event to the topic and counts it in AWS/EventBridge/Pipes", async () => {
    const source = await createQueue(bed.sqs, uniqueName("alerts-in"));
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("order-alerts") }));
    const subscriber = await createQueue(bed.sqs, uniqueName("alerts-subscriber"));
    await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: subscriber.arn, Attributes: { RawMessageDelivery: "true" } }));
    const name = uniqueName("AlertPipe");
    await bed.pipes.send(
      new CreatePipeCommand({
        Name: name,
        RoleArn: PIPE_ROLE_ARN,
        Source: source.arn,
        Target: TopicArn,
        SourceParameters: { FilterCriteria: { Filters: [{ Pattern: '{"body":{"level":["ALERT"]}}' }] } },
        TargetParameters: { InputTemplate: "Order <$.body.orderId> needs attention" },
      }),
    );
    advanceSeconds(bed.cloud, 4);
    const minuteStart = new Date(Math.floor(bed.cloud.clock.now() / 60_000) * 60_000);
    for (const [orderId, level] of [["o-1", "ALERT"], ["o-2", "INFO"], ["o-3", "ALERT"]]) {
      await bed.sqs.send(new SendMessageCommand({ QueueUrl: source.url, MessageBody: JSON.stringify({ orderId, level }) }));
    }
    advanceSeconds(bed.cloud, 2);
    const received = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: subscriber.url, MaxNumberOfMessages: 10 }));
    expect((received.Messages ?? []).map((m) => m.Body).sort()).toEqual(["Order o-1 needs attention", "Order o-3 needs attention"]);

    bed.cloud.clock.advance(120_000);
    const metric = (id: string, metricName: string, stat: string) => ({
      Id: id,
      MetricStat: { Metric: { Namespace: "AWS/EventBridge/Pipes", MetricName: metricName, Dimensions: [{ Name: "PipeName", Value: name }] }, Period: 300, Stat: stat },
    });
    const data = await bed.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: minuteStart,
        EndTime: new Date(bed.cloud.clock.now()),
        MetricDataQueries: [metric("invocations", "Invocations", "Sum"), metric("events", "EventCount", "Sum"), metric("failed", "ExecutionFailed", "Sum")],
      }),
    );
    const total = (id: string) => (data.MetricDataResults?.find((r) => r.Id === id)?.Values ?? []).reduce((a, b) => a + b, 0);
    expect(total("invocations")).toBe(1);
    expect(total("events")).toBe(2);
    expect(total("failed")).toBe(0);
  });
});
