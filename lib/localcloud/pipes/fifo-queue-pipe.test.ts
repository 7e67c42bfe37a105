import { CreatePipeCommand, PipesClient } from "@aws-sdk/client-pipes";
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { advanceSeconds, createQueue, PIPE_ROLE_ARN } from "./test-support";

describe("a pipe between FIFO queues", () => {
  const bed = cloudForTests({ pipes: PipesClient, sqs: SQSClient });

  it("keeps each group's order and sets the target's group and deduplication ids from the event", async () => {
    const from = await createQueue(bed.sqs, `${uniqueName("payments")}.fifo`, { FifoQueue: "true", ContentBasedDeduplication: "true" });
    const to = await createQueue(bed.sqs, `${uniqueName("ledger")}.fifo`, { FifoQueue: "true" });
    await bed.pipes.send(
      new CreatePipeCommand({
        Name: uniqueName("fifo"),
        RoleArn: PIPE_ROLE_ARN,
        Source: from.arn,
        Target: to.arn,
        SourceParameters: { SqsQueueParameters: { BatchSize: 10 } },
        TargetParameters: {
          InputTemplate: '{"account": <$.body.account>, "step": <$.body.step>}',
          SqsQueueParameters: { MessageGroupId: "$.body.account", MessageDeduplicationId: "$.messageId" },
        },
      }),
    );
    advanceSeconds(bed.cloud, 4);
    for (let step = 1; step <= 3; step++) {
      for (const account of ["acc-a", "acc-b"]) {
        await bed.sqs.send(
          new SendMessageCommand({ QueueUrl: from.url, MessageBody: JSON.stringify({ account, step }), MessageGroupId: account }),
        );
      }
    }
    advanceSeconds(bed.cloud, 3);

    const got: Array<{ account: string; step: number; group?: string }> = [];
    for (let i = 0; i < 6 && got.length < 6; i++) {
      const received = await bed.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: to.url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ["MessageGroupId"] }),
      );
      for (const m of received.Messages ?? []) {
        got.push({ ...JSON.parse(m.Body as string), group: m.Attributes?.MessageGroupId });
        await bed.sqs.send(new DeleteMessageCommand({ QueueUrl: to.url, ReceiptHandle: m.ReceiptHandle }));
      }
    }
    for (const account of ["acc-a", "acc-b"]) {
      const steps = got.filter((g) => g.account === account);
      expect(steps.map((s) => s.step)).toEqual([1, 2, 3]);
      expect(steps.every((s) => s.group === account)).toBe(true);
    }
  });
});

