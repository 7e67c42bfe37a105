import { CreatePipeCommand, PipesClient } from "@aws-sdk/client-pipes";
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "../index";
import { clientConfig, startTestCloud, uniqueName } from "../test/harness";
import { advanceSeconds, createQueue, PIPE_ROLE_ARN } from "./test-support";

describe("a pipe between FIFO queues", () => {
  let cloud: LocalCloud;
  let pipes: PipesClient;
  let sqs: SQSClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    pipes = new PipesClient(clientConfig(cloud));
    sqs = new SQSClient(clientConfig(cloud));
  });
  afterAll(async () => {
    pipes.destroy();
    sqs.destroy();
    await cloud.close();
  });

  it("keeps each group's order and sets the target's group and deduplication ids from the event", async () => {
    const from = await createQueue(sqs, `${uniqueName("payments")}.fifo`, { FifoQueue: "true", ContentBasedDeduplication: "true" });
    const to = await createQueue(sqs, `${uniqueName("ledger")}.fifo`, { FifoQueue: "true" });
    await pipes.send(
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
    advanceSeconds(cloud, 4);
    for (let step = 1; step <= 3; step++) {
      for (const account of ["acc-a", "acc-b"]) {
        await sqs.send(
          new SendMessageCommand({ QueueUrl: from.url, MessageBody: JSON.stringify({ account, step }), MessageGroupId: account }),
        );
      }
    }
    advanceSeconds(cloud, 3);

    const got: Array<{ account: string; step: number; group?: string }> = [];
    for (let i = 0; i < 6 && got.length < 6; i++) {
      const received = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: to.url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ["MessageGroupId"] }),
      );
      for (const m of received.Messages ?? []) {
        got.push({ ...JSON.parse(m.Body as string), group: m.Attributes?.MessageGroupId });
        await sqs.send(new DeleteMessageCommand({ QueueUrl: to.url, ReceiptHandle: m.ReceiptHandle }));
      }
    }
    for (const account of ["acc-a", "acc-b"]) {
      const steps = got.filter((g) => g.account === account);
      expect(steps.map((s) => s.step)).toEqual([1, 2, 3]);
      expect(steps.every((s) => s.group === account)).toBe(true);
    }
  });
});

