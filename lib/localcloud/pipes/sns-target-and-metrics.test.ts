import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { CreatePipeCommand, PipesClient } from "@aws-sdk/client-pipes";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "../index";
import { clientConfig, startTestCloud, uniqueName } from "../test/harness";
import { advanceSeconds, createQueue, PIPE_ROLE_ARN } from "./test-support";

describe("a pipe to an SNS topic, and the pipe's metrics", () => {
  let cloud: LocalCloud;
  let pipes: PipesClient;
  let sqs: SQSClient;
  let sns: SNSClient;
  let cloudwatch: CloudWatchClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    pipes = new PipesClient(clientConfig(cloud));
    sqs = new SQSClient(clientConfig(cloud));
    sns = new SNSClient(clientConfig(cloud));
    cloudwatch = new CloudWatchClient(clientConfig(cloud));
  });
  afterAll(async () => {
    for (const client of [pipes, sqs, sns, cloudwatch]) client.destroy();
    await cloud.close();
  });

  it("publishes each matching event to the topic and counts it in AWS/EventBridge/Pipes", async () => {
    const source = await createQueue(sqs, uniqueName("alerts-in"));
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: uniqueName("order-alerts") }));
    const subscriber = await createQueue(sqs, uniqueName("alerts-subscriber"));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: subscriber.arn, Attributes: { RawMessageDelivery: "true" } }));
    const name = uniqueName("AlertPipe");
    await pipes.send(
      new CreatePipeCommand({
        Name: name,
        RoleArn: PIPE_ROLE_ARN,
        Source: source.arn,
        Target: TopicArn,
        SourceParameters: { FilterCriteria: { Filters: [{ Pattern: '{"body":{"level":["ALERT"]}}' }] } },
        TargetParameters: { InputTemplate: "Order <$.body.orderId> needs attention" },
      }),
    );
    advanceSeconds(cloud, 4);
    const minuteStart = new Date(Math.floor(cloud.clock.now() / 60_000) * 60_000);
    for (const [orderId, level] of [["o-1", "ALERT"], ["o-2", "INFO"], ["o-3", "ALERT"]]) {
      await sqs.send(new SendMessageCommand({ QueueUrl: source.url, MessageBody: JSON.stringify({ orderId, level }) }));
    }
    advanceSeconds(cloud, 2);
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: subscriber.url, MaxNumberOfMessages: 10 }));
    expect((received.Messages ?? []).map((m) => m.Body).sort()).toEqual(["Order o-1 needs attention", "Order o-3 needs attention"]);

    cloud.clock.advance(120_000);
    const metric = (id: string, metricName: string, stat: string) => ({
      Id: id,
      MetricStat: { Metric: { Namespace: "AWS/EventBridge/Pipes", MetricName: metricName, Dimensions: [{ Name: "PipeName", Value: name }] }, Period: 300, Stat: stat },
    });
    const data = await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: minuteStart,
        EndTime: new Date(cloud.clock.now()),
        MetricDataQueries: [metric("invocations", "Invocations", "Sum"), metric("events", "EventCount", "Sum"), metric("failed", "ExecutionFailed", "Sum")],
      }),
    );
    const total = (id: string) => (data.MetricDataResults?.find((r) => r.Id === id)?.Values ?? []).reduce((a, b) => a + b, 0);
    expect(total("invocations")).toBe(1);
    expect(total("events")).toBe(2);
    expect(total("failed")).toBe(0);
  });
});
