import { CreatePipeCommand, PipesClient } from "@aws-sdk/client-pipes";
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { advanceSeconds, createQueue, inspectPipe, PIPE_ROLE_ARN } from "./test-support";

describe("a pipe from a queue with a numeric filter and an input template", () => {
  const bed = cloudForTests({ pipes: PipesClient, sqs: SQSClient });

  it("moves only the high-value orders, transformed, and deletes the rest from the source", async () => {
    const orders = await createQueue(bed.sqs, uniqueName("order-processing-queue"));
    const highValue = await createQueue(bed.sqs, uniqueName("high-value-orders-queue"));
    const name = uniqueName("HighValueOrderPipe");
    await bed.pipes.send(
      new CreatePipeCommand({
        Name: name,
        RoleArn: PIPE_ROLE_ARN,
        Source: orders.arn,
        Target: highValue.arn,
        SourceParameters: {
          SqsQueueParameters: { BatchSize: 10 },
          FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ body: { amount: [{ numeric: [">", 10000] }] } }) }] },
        },
        TargetParameters: {
          InputTemplate: '{"orderId": <$.body.orderId>, "amount": <$.body.amount>, "customer": "<$.body.customerName>", "alert": "High-value order <$.body.orderId>"}',
        },
      }),
    );
    advanceSeconds(bed.cloud, 4);

    const sent = [
      { orderId: "o-1", customerName: "Alice", amount: 1499 },
      { orderId: "o-2", customerName: "Bob", amount: 25000 },
      { orderId: "o-3", customerName: "Chen", amount: 10000 },
      { orderId: "o-4", customerName: "Dara", amount: 12000.5 },
    ];
    for (const order of sent) await bed.sqs.send(new SendMessageCommand({ QueueUrl: orders.url, MessageBody: JSON.stringify(order) }));
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: orders.url, MessageBody: "not json at all" }));
    advanceSeconds(bed.cloud, 3);

    const received = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: highValue.url, MaxNumberOfMessages: 10 }));
    const bodies = (received.Messages ?? []).map((m) => JSON.parse(m.Body as string)).sort((a, b) => a.orderId.localeCompare(b.orderId));
    expect(bodies).toEqual([
      { orderId: "o-2", amount: 25000, customer: "Bob", alert: "High-value order o-2" },
      { orderId: "o-4", amount: 12000.5, customer: "Dara", alert: "High-value order o-4" },
    ]);

    const source = await bed.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: orders.url, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }),
    );
    expect(source.Attributes).toMatchObject({ ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0" });
    expect((await inspectPipe(bed.cloud, name))?.counters).toEqual({ received: 5, filteredOut: 3, delivered: 2, failed: 0 });
  });

  it("sends the whole SQS event when there is no template and no filter", async () => {
    const from = await createQueue(bed.sqs, uniqueName("raw-in"));
    const to = await createQueue(bed.sqs, uniqueName("raw-out"));
    await bed.pipes.send(new CreatePipeCommand({ Name: uniqueName("raw"), RoleArn: PIPE_ROLE_ARN, Source: from.arn, Target: to.arn }));
    advanceSeconds(bed.cloud, 4);
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: from.url, MessageBody: '{"orderId":"o-9"}', MessageAttributes: { Priority: { DataType: "String", StringValue: "high" } } }));
    advanceSeconds(bed.cloud, 2);
    const received = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: to.url }));
    const event = JSON.parse(received.Messages?.[0].Body as string);
    expect(event).toMatchObject({
      body: '{"orderId":"o-9"}',
      eventSource: "aws:sqs",
      eventSourceARN: from.arn,
      awsRegion: "us-east-1",
      messageAttributes: { Priority: { stringValue: "high", dataType: "String", stringListValues: [], binaryListValues: [] } },
    });
    expect(event.attributes.ApproximateReceiveCount).toBe("1");
    expect(event.messageId).toMatch(/[0-9a-f-]{36}/);
  });

  it("waits for a batch to fill or its batching window to pass", async () => {
    const from = await createQueue(bed.sqs, uniqueName("window-in"));
    const to = await createQueue(bed.sqs, uniqueName("window-out"));
    const name = uniqueName("windowed");
    await bed.pipes.send(
      new CreatePipeCommand({
        Name: name,
        RoleArn: PIPE_ROLE_ARN,
        Source: from.arn,
        Target: to.arn,
        SourceParameters: { SqsQueueParameters: { BatchSize: 5, MaximumBatchingWindowInSeconds: 10 } },
        TargetParameters: { InputTemplate: "<$.body>" },
      }),
    );
    advanceSeconds(bed.cloud, 4);
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: from.url, MessageBody: "one" }));
    advanceSeconds(bed.cloud, 5);
    expect((await inspectPipe(bed.cloud, name))?.counters.delivered).toBe(0);
    advanceSeconds(bed.cloud, 6);
    expect((await inspectPipe(bed.cloud, name))?.counters.delivered).toBe(1);
    const received = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: to.url }));
    expect(received.Messages?.[0].Body).toBe("one");
  });
});
