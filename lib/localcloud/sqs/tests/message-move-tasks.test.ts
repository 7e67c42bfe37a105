import {
  CancelMessageMoveTaskCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
} from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { errorOf, useSqsTestBed } from "./helpers";

describe("message move tasks (DLQ redrive)", () => {
  const bed = useSqsTestBed();

  async function failIntoDlq(count: number) {
    const dlq = await bed.createQueue("redrive-dlq");
    const source = await bed.createQueue("redrive-source", {
      VisibilityTimeout: "10",
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }),
    });
    for (let i = 0; i < count; i++) await bed.sqs.send(new SendMessageCommand({ QueueUrl: source.url, MessageBody: `order ${i}` }));
    await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: source.url, MaxNumberOfMessages: 10 }));
    bed.advanceSeconds(11);
    await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: source.url, MaxNumberOfMessages: 10 }));
    expect(await bed.counts(dlq.url)).toMatchObject({ visible: count });
    return { dlq, source };
  }

  it("moves a DLQ's messages back to their source queue on the clock, with fresh receive counts", async () => {
    const { dlq, source } = await failIntoDlq(3);
    const { TaskHandle } = await bed.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn }));
    expect(TaskHandle).toBeTruthy();
    const running = await bed.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlq.arn }));
    expect(running.Results?.[0]).toMatchObject({ Status: "RUNNING", TaskHandle, SourceArn: dlq.arn, ApproximateNumberOfMessagesToMove: 3 });
    bed.advanceSeconds(2);
    const done = await bed.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlq.arn }));
    expect(done.Results?.[0]).toMatchObject({ Status: "COMPLETED", ApproximateNumberOfMessagesMoved: 3 });
    expect(done.Results?.[0].TaskHandle).toBeUndefined();
    expect(await bed.counts(dlq.url)).toMatchObject({ visible: 0 });
    const { Messages = [] } = await bed.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: source.url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }),
    );
    expect(Messages.map((m) => m.Body).sort()).toEqual(["order 0", "order 1", "order 2"]);
    expect(Messages.map((m) => m.Attributes?.ApproximateReceiveCount)).toEqual(["1", "1", "1"]);
  });

  it("moves at the requested rate to a chosen destination and can be cancelled", async () => {
    const { dlq } = await failIntoDlq(5);
    const elsewhere = await bed.createQueue("redrive-elsewhere");
    const { TaskHandle } = await bed.sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, DestinationArn: elsewhere.arn, MaxNumberOfMessagesPerSecond: 2 }),
    );
    bed.advanceSeconds(1);
    expect(await bed.counts(elsewhere.url)).toMatchObject({ visible: 2 });
    const second = await errorOf(bed.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn })));
    expect(second).toMatchObject({ name: "InvalidParameterValue" });
    const cancelled = await bed.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
    expect(cancelled.ApproximateNumberOfMessagesMoved).toBe(2);
    bed.advanceSeconds(5);
    expect(await bed.counts(elsewhere.url)).toMatchObject({ visible: 2 });
    const listed = await bed.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlq.arn, MaxResults: 10 }));
    expect(listed.Results?.[0]).toMatchObject({ Status: "CANCELLED", DestinationArn: elsewhere.arn, MaxNumberOfMessagesPerSecond: 2 });
  });

  it("refuses a source that is not a dead-letter queue or does not exist", async () => {
    const plain = await bed.createQueue("not-a-dlq");
    expect(await errorOf(bed.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: plain.arn })))).toMatchObject({ name: "InvalidParameterValue" });
    expect(
      await errorOf(bed.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: "arn:aws:sqs:us-east-1:000000000000:missing" }))),
    ).toMatchObject({ name: "ResourceNotFoundException", $metadata: { httpStatusCode: 404 } });
  });
});
