import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { clientConfig } from "../../test/harness";
import { useSqsTestBed } from "./helpers";

describe("AWS/SQS metrics in CloudWatch", () => {
  const bed = useSqsTestBed();

  it("emits each minute's counters, gauges and message sizes, readable with GetMetricData", async () => {
    const cloudwatch = new CloudWatchClient(clientConfig(bed.cloud));
    // Start on a fresh minute so every call below lands in the same one.
    bed.advanceSeconds(60 - ((bed.cloud.clock.now() / 1000) % 60) + 1);
    const queue = await bed.createQueue("metered", { VisibilityTimeout: "600" });
    const start = new Date(bed.cloud.clock.now() - 120_000);
    for (const body of ["a", "bb", "cccc"]) await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body }));
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "later", DelaySeconds: 900 }));
    const { Messages = [] } = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 2 }));
    await bed.sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: Messages[0].ReceiptHandle }));
    await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url }));
    await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url }));
    bed.advanceSeconds(120);

    const metric = (id: string, name: string, stat: string): MetricDataQuery => ({
      Id: id,
      MetricStat: { Metric: { Namespace: "AWS/SQS", MetricName: name, Dimensions: [{ Name: "QueueName", Value: queue.name }] }, Period: 60, Stat: stat },
    });
    const { MetricDataResults = [] } = await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: start,
        EndTime: new Date(bed.cloud.clock.now()),
        ScanBy: "TimestampAscending",
        MetricDataQueries: [
          metric("sent", "NumberOfMessagesSent", "Sum"),
          metric("received", "NumberOfMessagesReceived", "Sum"),
          metric("deleted", "NumberOfMessagesDeleted", "Sum"),
          metric("empty", "NumberOfEmptyReceives", "Sum"),
          metric("visible", "ApproximateNumberOfMessagesVisible", "Maximum"),
          metric("inflight", "ApproximateNumberOfMessagesNotVisible", "Maximum"),
          metric("delayed", "ApproximateNumberOfMessagesDelayed", "Maximum"),
          metric("age", "ApproximateAgeOfOldestMessage", "Maximum"),
          metric("sizeAvg", "SentMessageSize", "Average"),
          metric("sizeMax", "SentMessageSize", "Maximum"),
        ],
      }),
    );
    const values: Record<string, number[]> = Object.fromEntries(MetricDataResults.map((r) => [r.Id as string, r.Values ?? []]));
    const total = (id: string) => values[id].reduce((a, b) => a + b, 0);
    expect(total("sent")).toBe(4);
    expect(total("received")).toBe(3);
    expect(total("deleted")).toBe(1);
    expect(total("empty")).toBe(1);
    expect(values.visible.at(-1)).toBe(0);
    expect(values.inflight.at(-1)).toBe(2);
    expect(values.delayed.at(-1)).toBe(1);
    expect(values.age.at(-1)).toBeGreaterThanOrEqual(110);
    expect(values.age.at(-1)).toBeLessThanOrEqual(120);
    expect(values.sizeAvg[0]).toBeCloseTo((1 + 2 + 4 + 5) / 4);
    expect(values.sizeMax[0]).toBe(5);

    const listed = await cloudwatch.send(new ListMetricsCommand({ Namespace: "AWS/SQS", Dimensions: [{ Name: "QueueName", Value: queue.name }] }));
    expect(new Set(listed.Metrics?.map((m) => m.MetricName))).toEqual(
      new Set([
        "NumberOfMessagesSent",
        "NumberOfMessagesReceived",
        "NumberOfMessagesDeleted",
        "NumberOfEmptyReceives",
        "ApproximateNumberOfMessagesVisible",
        "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed",
        "ApproximateAgeOfOldestMessage",
        "SentMessageSize",
      ]),
    );
    cloudwatch.destroy();
  });

  it("stops a queue's metrics six hours after its last activity, unless it holds messages", async () => {
    const cloudwatch = new CloudWatchClient(clientConfig(bed.cloud));
    const idle = await bed.createQueue("idle-queue");
    const holding = await bed.createQueue("holding-queue");
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: holding.url, MessageBody: "waiting" }));
    const points = async (queueName: string, from: number, to: number): Promise<number> => {
      const { MetricDataResults = [] } = await cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: new Date(from),
          EndTime: new Date(to),
          MetricDataQueries: [
            {
              Id: "visible",
              MetricStat: {
                Metric: { Namespace: "AWS/SQS", MetricName: "ApproximateNumberOfMessagesVisible", Dimensions: [{ Name: "QueueName", Value: queueName }] },
                Period: 60,
                Stat: "SampleCount",
              },
            },
          ],
        }),
      );
      return MetricDataResults[0]?.Values?.length ?? 0;
    };

    bed.advanceSeconds(7 * 3600);
    const now = bed.cloud.clock.now();
    // Both queues report during the first hours; in the last hour only the one holding a message does.
    expect(await points(idle.name, now - 7 * 3600_000, now - 5 * 3600_000)).toBeGreaterThan(100);
    expect(await points(idle.name, now - 3600_000, now)).toBe(0);
    expect(await points(holding.name, now - 3600_000, now)).toBeGreaterThanOrEqual(59);

    // Any call naming the idle queue makes it active again.
    await bed.sqs.send(new GetQueueAttributesCommand({ QueueUrl: idle.url, AttributeNames: ["All"] }));
    bed.advanceSeconds(180);
    expect(await points(idle.name, now, bed.cloud.clock.now())).toBeGreaterThanOrEqual(2);
    cloudwatch.destroy();
  });
});
