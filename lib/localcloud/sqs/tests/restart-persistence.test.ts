import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ListQueueTagsCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { afterAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "../../index";
import { clientConfig, startTestCloud } from "../../test/harness";

describe("state across a restart", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sqs-restart-"));
  const clouds: LocalCloud[] = [];
  afterAll(async () => {
    for (const cloud of clouds) await cloud.close().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("keeps queues, messages, receive counts, visibility, FIFO deduplication and the clock", async () => {
    const first = await startTestCloud({ dataDir: dir, flushIntervalMs: 20 });
    clouds.push(first);
    const sqs = new SQSClient(clientConfig(first));
    const { CreateQueueCommand } = await import("@aws-sdk/client-sqs");
    const dlqArn = "arn:aws:sqs:us-east-1:000000000000:kept-dlq";
    await sqs.send(new CreateQueueCommand({ QueueName: "kept-dlq" }));
    const { QueueUrl: mainUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: "kept-main",
        Attributes: { VisibilityTimeout: "100", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }) },
        tags: { Lab: "cafe-sqs" },
      }),
    );
    const { QueueUrl: fifoUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "kept.fifo", Attributes: { FifoQueue: "true" } }));
    await sqs.send(
      new SendMessageCommand({ QueueUrl: mainUrl, MessageBody: "in flight", MessageAttributes: { Priority: { DataType: "Number", StringValue: "7" } } }),
    );
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: mainUrl }));
    await sqs.send(new SendMessageCommand({ QueueUrl: mainUrl, MessageBody: "waiting" }));
    await sqs.send(new SendMessageCommand({ QueueUrl: fifoUrl, MessageBody: "f1", MessageGroupId: "g", MessageDeduplicationId: "once" }));
    first.clock.advance(30_000);
    const clockBefore = first.clock.now();
    sqs.destroy();
    await first.close();

    const second = await startTestCloud({ dataDir: dir, flushIntervalMs: 20 });
    clouds.push(second);
    expect(second.port).not.toBe(first.port);
    expect(second.clock.now()).toBeGreaterThanOrEqual(clockBefore);
    const again = new SQSClient(clientConfig(second));
    const url = (await again.send(new GetQueueUrlCommand({ QueueName: "kept-main" }))).QueueUrl as string;
    expect(url).toBe(`http://127.0.0.1:${second.port}/000000000000/kept-main`);
    expect((await again.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags).toEqual({ Lab: "cafe-sqs" });

    const visibleNow = await again.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 1000 }));
    expect(visibleNow.Messages?.map((m) => m.Body)).toEqual(["waiting"]);
    second.clock.advance(71_000);
    const back = await again.send(
      new ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ["All"], MessageSystemAttributeNames: ["ApproximateReceiveCount"] }),
    );
    expect(back.Messages?.[0]).toMatchObject({
      MessageId: received.Messages?.[0].MessageId,
      Body: "in flight",
      Attributes: { ApproximateReceiveCount: "2" },
      MessageAttributes: { Priority: { DataType: "Number", StringValue: "7" } },
    });
    await again.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: back.Messages?.[0].ReceiptHandle }));

    const fifo = (await again.send(new GetQueueUrlCommand({ QueueName: "kept.fifo" }))).QueueUrl;
    await again.send(new SendMessageCommand({ QueueUrl: fifo, MessageBody: "f1 again", MessageGroupId: "g", MessageDeduplicationId: "once" }));
    const fifoMessages = await again.send(new ReceiveMessageCommand({ QueueUrl: fifo, MaxNumberOfMessages: 10 }));
    expect(fifoMessages.Messages?.map((m) => m.Body)).toEqual(["f1"]);
    again.destroy();
  });
});
