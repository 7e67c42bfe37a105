import { CreatePipeCommand, PipesClient } from "@aws-sdk/client-pipes";
import { DeleteQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { advanceSeconds, createQueue, inspectPipe, PIPE_ROLE_ARN } from "./test-support";

describe("a pipe whose target fails", () => {
  const bed = cloudForTests({ pipes: PipesClient, sqs: SQSClient });

  it("leaves the message in the source to be retried after its visibility timeout, and the source's DLQ takes it in the end", async () => {
    const dlq = await createQueue(bed.sqs, uniqueName("orders-dlq"));
    const orders = await createQueue(bed.sqs, uniqueName("orders"), {
      VisibilityTimeout: "30",
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 }),
    });
    const target = await createQueue(bed.sqs, uniqueName("gone-target"));
    await bed.sqs.send(new DeleteQueueCommand({ QueueUrl: target.url }));
    const name = uniqueName("broken");
    await bed.pipes.send(new CreatePipeCommand({ Name: name, RoleArn: PIPE_ROLE_ARN, Source: orders.arn, Target: target.arn }));
    advanceSeconds(bed.cloud, 4);
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: orders.url, MessageBody: '{"orderId":"o-1"}' }));
    advanceSeconds(bed.cloud, 2);

    const afterFirst = await inspectPipe(bed.cloud, name);
    expect(afterFirst?.counters).toMatchObject({ received: 1, delivered: 0, failed: 1 });
    expect(afterFirst?.lastError).toContain("QueueDoesNotExist");
    const inFlight = await bed.sqs.send(new GetQueueAttributesCommand({ QueueUrl: orders.url, AttributeNames: ["ApproximateNumberOfMessagesNotVisible"] }));
    expect(inFlight.Attributes?.ApproximateNumberOfMessagesNotVisible).toBe("1");

    advanceSeconds(bed.cloud, 31);
    expect((await inspectPipe(bed.cloud, name))?.counters.failed).toBe(2);
    advanceSeconds(bed.cloud, 31);
    expect((await inspectPipe(bed.cloud, name))?.counters.failed).toBe(3);
    advanceSeconds(bed.cloud, 31);
    const dead = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url }));
    expect(dead.Messages?.[0].Body).toBe('{"orderId":"o-1"}');
    expect((await inspectPipe(bed.cloud, name))?.counters.failed).toBe(3);
  });

  it("delivers once the target exists again", async () => {
    const orders = await createQueue(bed.sqs, uniqueName("later"), { VisibilityTimeout: "10" });
    const targetName = uniqueName("late-target");
    const name = uniqueName("recovering");
    await bed.pipes.send(
      new CreatePipeCommand({ Name: name, RoleArn: PIPE_ROLE_ARN, Source: orders.arn, Target: orders.arn.replace(/[^:]+$/, targetName), TargetParameters: { InputTemplate: "<$.body>" } }),
    );
    advanceSeconds(bed.cloud, 4);
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: orders.url, MessageBody: "retry me" }));
    advanceSeconds(bed.cloud, 2);
    const target = await createQueue(bed.sqs, targetName);
    advanceSeconds(bed.cloud, 11);
    const received = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: target.url }));
    expect(received.Messages?.[0].Body).toBe("retry me");
    expect((await inspectPipe(bed.cloud, name))?.counters).toMatchObject({ delivered: 1, failed: 1 });
  });
});
